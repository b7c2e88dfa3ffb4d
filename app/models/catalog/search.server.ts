import { prisma } from "~/db.server";
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
import { cachedByCatalog, catalogVersion, versionUpdatedAt } from "~/models/catalog/cache.server";
import { SCHEME_PRODUCT_STATUS } from "~/models/orders/status";
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
  county: { select: { name: true, slug: true, prefecture: { select: { name: true } } } },
  coop: { select: { name: true } },
  category: { select: { name: true } },
  images: { select: photoSelect, orderBy: { position: "asc" }, take: 1 },
} satisfies Prisma.ProductSelect;

type Row = Prisma.ProductGetPayload<{ select: typeof entrySelect }>;

interface Entry {
  id: string;
  salesCount: number;
  fields: IndexedField[];
  display: Record<FieldKind, string>;
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
  entries: Map<string, Entry>;
  corpus: SearchCorpus<Entry>;
}

let index: SearchIndex | null = null;
let loading: Promise<SearchIndex> | null = null;

async function fullLoad(version: string): Promise<SearchIndex> {
  const rows = await prisma.product.findMany({ where: { status: "ACTIVE" }, select: entrySelect });
  const entries = new Map(rows.map((r) => [r.id, toEntry(r)]));
  return { version, loadedUpTo: latest(rows, new Date(0)), entries, corpus: new SearchCorpus([...entries.values()]) };
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
  return { version, loadedUpTo: latest(changed, current.loadedUpTo), entries, corpus: new SearchCorpus([...entries.values()]) };
}

async function searchIndex(): Promise<SearchIndex> {
  const version = await catalogVersion();
  if (index && index.version === version) return index;
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
const recent = new Map<string, { index: SearchIndex; ranked: ReturnType<SearchCorpus<Entry>["rank"]> }>();

function rankedFor(index: SearchIndex, query: NonNullable<ReturnType<typeof parseQuery>>) {
  const key = query.display;
  const hit = recent.get(key);
  recent.delete(key);
  const ranked = hit && hit.index === index ? hit.ranked : index.corpus.rank(query);
  recent.set(key, { index, ranked });
  if (recent.size > RECENT_QUERIES) recent.delete(recent.keys().next().value as string);
  return ranked;
}

export interface SearchHit {
  product: Entry["card"];
  /** the product name, split for highlighting */
  name: Segment[];
  /** when the match is not in the name: which field matched, highlighted */
  via: { label: string; segments: Segment[] } | null;
}

/** `/search?q=`: the query as understood, one page of ranked hits, the total. */
export async function searchProducts(input: string | null, page: number) {
  const query = parseQuery(input);
  if (!query) return { query: null, total: 0, pageCount: 1, hits: [] as SearchHit[] };
  const index = await searchIndex();
  const ranked = rankedFor(index, query);
  const pageCount = Math.max(1, Math.ceil(ranked.length / SEARCH_PAGE_SIZE));
  const slice = ranked.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);
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
  return { query: query.display, total: ranked.length, pageCount, hits };
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
  const rows = await prisma.product.findMany({
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
  });
  return rows.flatMap((r) => {
    const matches = matchProduct(decodeSearchText(r.searchText), query);
    const href = r.orchard ? `/trees/orchards/${r.orchard.slug}` : r.tourPackage ? `/tours/${r.tourPackage.slug}` : r.presale ? `/presales/${r.presale.slug}` : null;
    if (!matches || !href) return [];
    return [{ href, kind: r.category.name, county: r.county.name, image: r.images[0] ?? null, name: highlight(r.name, matches.filter((m) => m.field === 0)) }];
  });
}
