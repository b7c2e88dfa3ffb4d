// Reading a hall's filters from the query string (the words and the writing are in filters.ts).
import * as z from "zod";
import { FILTER_KEYS, MAX_PAGE, SEARCH_SORTS, SORTS, type CatalogFilters, type SearchFilters } from "~/models/catalog/filters";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const yuan = z.string().regex(/^\d{1,6}$/).transform((s) => Number(s));
const flag = z.literal("1").transform(() => true);

const fields = {
  prefecture: slug,
  county: slug,
  category: slug,
  min: yuan,
  max: yuan,
  certified: flag,
  instock: flag,
  sort: z.enum(SORTS),
  page: z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1).max(MAX_PAGE)),
};

export function parseCatalogFilters(params: URLSearchParams): CatalogFilters {
  const out: CatalogFilters = { sort: "popular", page: 1 };
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw === "") continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) (out as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) [out.min, out.max] = [out.max, out.min];
  return out;
}

export function parseSearchFilters(params: URLSearchParams): SearchFilters {
  const sort = z.enum(SEARCH_SORTS).safeParse(params.get("sort"));
  return { ...parseCatalogFilters(params), sort: sort.success ? sort.data : "relevance" };
}
