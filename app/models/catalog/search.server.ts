import { prisma, raw } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  decodeSearchText,
  FIELD_KINDS,
  FIELD_LABELS,
  highlight,
  matchProduct,
  parseQuery,
  SearchCorpus,
  type FieldKind,
  type IndexedField,
  type Segment,
} from "~/models/catalog/search-match";
import { cachedByCatalog, catalogVersion, FIGURES_MS, versionUpdatedAt } from "~/models/catalog/cache.server";
import { SCHEME_PRODUCT_STATUS } from "~/models/orders/status";
import { hotSearches } from "~/models/catalog/hot-searches.server";
import { placeFilters, type SearchFilters, type SearchSort } from "~/models/catalog/filters";
import { photoSelect } from "~/models/catalog/product.server";
import type { PhotoData } from "~/components/product-photo";

// The search index lives in memory: every active product's search fields (from Product.searchText,
// kept by refreshProductDerived) and what its result card shows. A search is then pure CPU, no
// query. When the catalogue version changes, only products touched since the last load are read
// again; a product that disappeared (deleted) makes the whole index reload.

export const SEARCH_PAGE_SIZE = 20;

const entrySelect = {
  id: true,
  slug: true,
  name: true,
  status: true,
  salesCount: true,
  updatedAt: true,
  searchText: true,
  minPriceFen: true,
  totalStock: true,
  certStatus: true,
  createdAt: true,
  county: { select: { name: true, slug: true, prefecture: { select: { name: true, slug: true } } } },
  coop: { select: { name: true } },
  category: { select: { name: true, slug: true } },
  images: { select: photoSelect, orderBy: { position: "asc" }, take: 1 },
} satisfies Prisma.ProductSelect;

type Row = Prisma.ProductGetPayload<{ select: typeof entrySelect }>;

interface Entry {
  id: string;
  salesCount: number;
  fields: IndexedField[];
  display: Record<FieldKind, string>;
  /** what the search page filters and sorts on */
  facets: { category: string; county: string; prefecture: string; createdAt: number };
  card: {
    slug: string;
    name: string;
    minPriceFen: number;
    totalStock: number;
    certStatus: string;
    county: { name: string; slug: string };
    images: PhotoData[];
  };
}

function toEntry(p: Row): Entry {
  return {
    id: p.id,
    salesCount: p.salesCount,
    fields: decodeSearchText(p.searchText),
    display: {
      name: p.name,
      county: p.county.name,
      prefecture: p.county.prefecture.name,
      coop: p.coop.name,
      category: p.category.name,
    },
    facets: { category: p.category.slug, county: p.county.slug, prefecture: p.county.prefecture.slug, createdAt: p.createdAt.getTime() },
    card: {
      slug: p.slug,
      name: p.name,
      minPriceFen: p.minPriceFen,
      totalStock: p.totalStock,
      certStatus: p.certStatus,
      county: { name: p.county.name, slug: p.county.slug },
      images: p.images,
    },
  };
}

interface SearchIndex {
  version: string;
  loadedUpTo: Date;
  /** when units sold and stock were last read (a sale does not move the catalogue version) */
  figuresAt: number;
  entries: Map<string, Entry>;
  corpus: SearchCorpus<Entry>;
}

let index: SearchIndex | null = null;
let loading: Promise<SearchIndex> | null = null;

async function fullLoad(version: string): Promise<SearchIndex> {
  const rows = await prisma.product.findMany({ where: { status: "ACTIVE" }, select: entrySelect });
  const entries = new Map(rows.map((r) => [r.id, toEntry(r)]));
  return { version, loadedUpTo: latest(rows, new Date(0)), figuresAt: Date.now(), entries, corpus: new SearchCorpus([...entries.values()]) };
}

function latest(rows: { updatedAt: Date }[], since: Date) {
  return rows.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), since);
}

async function update(current: SearchIndex, version: string): Promise<SearchIndex> {
  // ">=": rows written in the same millisecond as the last one seen are read again, never missed
  const changed = await prisma.product.findMany({ where: { updatedAt: { gte: current.loadedUpTo } }, select: entrySelect });
  const entries = new Map(current.entries);
  for (const row of changed) {
    if (row.status === "ACTIVE") entries.set(row.id, toEntry(row));
    else entries.delete(row.id);
  }
  const active = await prisma.product.count({ where: { status: "ACTIVE" } });
  if (active !== entries.size) return fullLoad(version);
  if (changed.length === 0) return { ...current, version };
  return { version, loadedUpTo: latest(changed, current.loadedUpTo), figuresAt: current.figuresAt, entries, corpus: new SearchCorpus([...entries.values()]) };
}

/**
 * Units sold and stock of every entry, read again (one statement) once they are FIGURES_MS old. The
 * ranking does not depend on them, so the entries are updated in place and the corpus is kept.
 */
async function refreshFigures(current: SearchIndex): Promise<SearchIndex> {
  const rows = await raw(prisma).query<{ id: string; salesCount: number; totalStock: number }>(
    `SELECT "id", "salesCount", "totalStock" FROM "Product" WHERE "status" = 'ACTIVE'`,
  );
  for (const row of rows) {
    const entry = current.entries.get(row.id);
    if (!entry) continue;
    entry.salesCount = Number(row.salesCount);
    entry.card.totalStock = Number(row.totalStock);
  }
  current.figuresAt = Date.now();
  return current;
}

async function searchIndex(): Promise<SearchIndex> {
  const version = await catalogVersion();
  if (index && index.version === version) {
    if (Date.now() - index.figuresAt < FIGURES_MS) return index;
    loading ??= refreshFigures(index).finally(() => {
      loading = null;
    });
    return loading;
  }
  loading ??= (index && versionUpdatedAt(version) >= index.loadedUpTo.getTime() ? update(index, version) : fullLoad(version))
    .then((loaded) => (index = loaded))
    .finally(() => {
      loading = null;
    });
  return loading;
}

// Buyers repeat the same searches (苹果 before Spring Festival): the ranking of a recent query is
// kept for the current index, most recently used last.
const RECENT_QUERIES = 300;
const recent = new Map<string, Searched>();

interface Searched {
  index: SearchIndex;
  ranked: Ranked;
  /** the search page's select options, worked out on the first request that needs them */
  facets?: ReturnType<typeof hitFacets>;
}

function searched(index: SearchIndex, query: NonNullable<ReturnType<typeof parseQuery>>): Searched {
  const key = query.display;
  const hit = recent.get(key);
  recent.delete(key);
  const result = hit && hit.index === index ? hit : { index, ranked: index.corpus.rank(query) };
  recent.set(key, result);
  if (recent.size > RECENT_QUERIES) recent.delete(recent.keys().next().value as string);
  return result;
}

function rankedFor(index: SearchIndex, query: NonNullable<ReturnType<typeof parseQuery>>) {
  return searched(index, query).ranked;
}

export interface SearchHit {
  product: Entry["card"];
  /** the product name, split for highlighting */
  name: Segment[];
  /** when the match is not in the name: which field matched, highlighted */
  via: { label: string; segments: Segment[] } | null;
}

type Ranked = ReturnType<SearchCorpus<Entry>["rank"]>;

/** The places and categories among a query's hits, for the search page's selects. */
function hitFacets(ranked: Ranked) {
  const categories = new Map<string, string>();
  const prefectures = new Map<string, string>();
  const counties = new Map<string, { slug: string; name: string; prefecture: string }>();
  for (const { entry } of ranked) {
    categories.set(entry.facets.category, entry.display.category);
    prefectures.set(entry.facets.prefecture, entry.display.prefecture);
    counties.set(entry.facets.county, { slug: entry.facets.county, name: entry.display.county, prefecture: entry.facets.prefecture });
  }
  const list = (m: Map<string, string>) => [...m].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.slug.localeCompare(b.slug));
  return {
    categories: list(categories),
    prefectures: list(prefectures),
    counties: [...counties.values()].sort((a, b) => a.prefecture.localeCompare(b.prefecture) || a.slug.localeCompare(b.slug)),
  };
}

const ORDER: Record<Exclude<SearchSort, "relevance">, (a: Entry, b: Entry) => number> = {
  popular: (a, b) => b.salesCount - a.salesCount,
  newest: (a, b) => b.facets.createdAt - a.facets.createdAt,
  price_asc: (a, b) => a.card.minPriceFen - b.card.minPriceFen,
  price_desc: (a, b) => b.card.minPriceFen - a.card.minPriceFen,
};

/** The hits the shopper's filters keep, in the order asked for (ties keep the ranking's order). */
function filterAndSort(ranked: Ranked, f: SearchFilters): Ranked {
  const min = f.min === undefined ? -Infinity : f.min * 100;
  const max = f.max === undefined ? Infinity : f.max * 100;
  const kept = ranked.filter(({ entry: e }) => {
    if (f.category && e.facets.category !== f.category) return false;
    if (f.county && e.facets.county !== f.county) return false;
    if (f.prefecture && e.facets.prefecture !== f.prefecture) return false;
    if (f.certified && e.card.certStatus !== "CERTIFIED") return false;
    if (f.instock && e.card.totalStock <= 0) return false;
    return e.card.minPriceFen >= min && e.card.minPriceFen <= max;
  });
  if (f.sort === "relevance") return kept;
  const order = ORDER[f.sort];
  return kept.sort((a, b) => order(a.entry, b.entry));
}

const NO_FILTERS: SearchFilters = { sort: "relevance", page: 1 };

/** `/search?q=`: the query as understood, one page of filtered, sorted hits, the total, the facets. */
export async function searchProducts(input: string | null, asked: SearchFilters = NO_FILTERS) {
  const query = parseQuery(input);
  const empty = { categories: [], prefectures: [], counties: [] };
  if (!query) return { query: null, total: 0, pageCount: 1, hits: [] as SearchHit[], facets: empty as ReturnType<typeof hitFacets>, filters: asked };
  const result = searched(await searchIndex(), query);
  const facets = (result.facets ??= hitFacets(result.ranked));
  const filters = placeFilters(asked, facets.counties);
  const shown = filterAndSort(result.ranked, filters);
  const page = filters.page;
  const pageCount = Math.max(1, Math.ceil(shown.length / SEARCH_PAGE_SIZE));
  const slice = shown.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);
  const hits: SearchHit[] = slice.map(({ entry }) => {
    const matches = matchProduct(entry.fields, query) ?? [];
    const inName = matches.filter((m) => m.field === 0);
    const other = matches.find((m) => m.field !== 0);
    const kind = other ? FIELD_KINDS[other.field] : null;
    return {
      product: entry.card,
      name: highlight(entry.display.name, inName),
      via:
        other && kind
          ? {
              label: FIELD_LABELS[kind],
              segments: highlight(
                entry.display[kind],
                matches.filter((m) => m.field === other.field),
              ),
            }
          : null,
    };
  });
  return { query: query.display, total: shown.length, pageCount, hits, facets, filters };
}

export interface Suggestion {
  /** what the list shows; choosing it searches for it, or opens the product */
  label: string;
  href: string;
  kind: "商品" | "品类" | "产地" | "热搜";
}

const SUGGESTIONS = 8;

/**
 * 搜索联想 while typing: the categories and places the query names, then the best products by name.
 * Hanzi, pinyin and initials alike (the same index as the search). Without a query: the hot searches.
 */
export async function suggestSearches(input: string | null): Promise<Suggestion[]> {
  const query = parseQuery(input);
  if (!query) return (await hotSearches(SUGGESTIONS)).map((q) => ({ label: q, href: `/search?q=${encodeURIComponent(q)}`, kind: "热搜" as const }));
  const ranked = rankedFor(await searchIndex(), query);
  const words: Suggestion[] = [];
  const products: Suggestion[] = [];
  const seen = new Set<string>();
  for (const { entry } of ranked.slice(0, 40)) {
    for (const m of matchProduct(entry.fields, query) ?? []) {
      const kind = FIELD_KINDS[m.field];
      if (kind !== "category" && kind !== "county" && kind !== "prefecture") continue;
      const label = entry.display[kind];
      if (seen.has(label)) continue;
      seen.add(label);
      words.push({ label, href: `/search?q=${encodeURIComponent(label)}`, kind: kind === "category" ? "品类" : "产地" });
    }
    if (!seen.has(entry.card.name) && products.length < SUGGESTIONS) {
      seen.add(entry.card.name);
      products.push({ label: entry.card.name, href: `/products/${entry.card.slug}`, kind: "商品" });
    }
  }
  return [...words.slice(0, 3), ...products].slice(0, SUGGESTIONS);
}

/** Ids of the products a query finds, best first (the bulk order builder filters variants by them). */
export async function searchProductIds(input: string, limit: number): Promise<string[]> {
  const query = parseQuery(input);
  if (!query) return [];
  return rankedFor(await searchIndex(), query)
    .slice(0, limit)
    .map(({ entry }) => entry.id);
}

/** For the empty state: categories to browse instead. */
export async function searchSuggestions() {
  return cachedByCatalog("search-suggestions", () =>
    prisma.category.findMany({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { slug: true, name: true } }),
  );
}

/**
 * The schemes a query finds (orchards to adopt, tours, pre-sales): their backing products are kept
 * out of the product index, so they are matched here on the same fields. A few dozen rows.
 */
export async function searchSchemes(input: string | null) {
  const query = parseQuery(input);
  if (!query) return [];
  const rows = await schemeRows();
  return rows.flatMap((r) => {
    const matches = matchProduct(decodeSearchText(r.searchText), query);
    const href = r.orchard ? `/trees/orchards/${r.orchard.slug}` : r.tourPackage ? `/tours/${r.tourPackage.slug}` : r.presale ? `/presales/${r.presale.slug}` : null;
    if (!matches || !href) return [];
    return [{ href, kind: r.category.name, county: r.county.name, image: r.images[0] ?? null, name: highlight(r.name, matches.filter((m) => m.field === 0)) }];
  });
}

function schemeRows() {
  return cachedByCatalog("search-schemes", () =>
    prisma.product.findMany({
      where: { status: SCHEME_PRODUCT_STATUS },
      select: {
        name: true,
        searchText: true,
        county: { select: { name: true } },
        category: { select: { name: true } },
        images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
        orchard: { select: { slug: true } },
        tourPackage: { select: { slug: true } },
        presale: { select: { slug: true } },
      },
    }),
  );
}
