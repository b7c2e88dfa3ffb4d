// A hall's filters and sorting live in the query string so a filtered page can be shared.
// Parsing never fails: a value that does not fit is dropped (the page shows unfiltered results
// for it), so any query string gives a normal page. The parsing is in filters.server.ts: the hall
// page's component imports this module for its links, and a zod import here would put zod into the
// browser code of a page with no form.

export const SORTS = ["popular", "newest", "price_asc", "price_desc"] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  popular: "销量优先",
  newest: "最新上架",
  price_asc: "价格从低到高",
  price_desc: "价格从高到低",
};

export const PAGE_SIZE = 24;
export const MAX_PAGE = 500;

export interface CatalogFilters {
  prefecture?: string;
  county?: string;
  category?: string;
  /** whole yuan, inclusive */
  min?: number;
  max?: number;
  certified?: boolean;
  instock?: boolean;
  sort: Sort;
  page: number;
}

/** The order of the query string's keys, the same whoever writes or reads it. */
export const FILTER_KEYS: (keyof CatalogFilters)[] = ["prefecture", "county", "category", "min", "max", "certified", "instock", "sort", "page"];

/** The canonical query string (fixed order, defaults left out): "?county=qinan&sort=newest". */
export function catalogSearch(filters: CatalogFilters, change: Partial<CatalogFilters> = {}): string {
  const f = { ...filters, ...change };
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = f[key];
    if (value === undefined || value === false) continue;
    if (key === "sort" && value === "popular") continue;
    if (key === "page" && value === 1) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

// The search page takes the same filters; its default order is relevance (the ranking).
export const SEARCH_SORTS = ["relevance", ...SORTS] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABELS: Record<SearchSort, string> = { relevance: "综合", ...SORT_LABELS };

export interface SearchFilters extends Omit<CatalogFilters, "sort"> {
  sort: SearchSort;
}

/** `/search?q=…` with the filters in the same canonical order (relevance, the default, left out). */
export function searchHref(q: string, filters: SearchFilters, change: Partial<SearchFilters> = {}): string {
  const f = { ...filters, page: 1, ...change };
  const params = new URLSearchParams(catalogSearch({ ...f, sort: "popular" }));
  if (f.sort !== "relevance") params.set("sort", f.sort);
  const rest = params.toString();
  return `/search?q=${encodeURIComponent(q)}${rest ? `&${rest}` : ""}`;
}

export function hasActiveFilters(f: Omit<CatalogFilters, "sort" | "page">) {
  return Boolean(f.prefecture || f.county || f.category || f.min !== undefined || f.max !== undefined || f.certified || f.instock);
}

/**
 * A county implies its prefecture: a URL naming a county (a link, a form sent without JavaScript)
 * shows and filters by that county's 市州, whatever `prefecture` said. An unknown county is dropped.
 */
export function placeFilters<F extends { prefecture?: string; county?: string }>(filters: F, counties: { slug: string; prefecture: string }[]): F {
  if (!filters.county) return filters;
  const county = counties.find((c) => c.slug === filters.county);
  return county ? { ...filters, prefecture: county.prefecture } : { ...filters, county: undefined };
}
