import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { ProductCard } from "~/components/product-card";
import { SearchForm } from "~/components/search-form";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import type { Segment } from "~/models/catalog/search-match";
import { searchProducts, searchSchemes, searchSuggestions } from "~/models/catalog/search.server";
import { hotSearches, recordSearch } from "~/models/catalog/hot-searches.server";
import { hasActiveFilters, SEARCH_SORT_LABELS, SEARCH_SORTS, searchHref, type SearchFilters } from "~/models/catalog/filters";
import { parseSearchFilters } from "~/models/catalog/filters.server";
import { FilterForm, PlaceSelects, PriceRange } from "~/components/filter-form";

// How to type a search, for the empty state (the hot searches come from real searches).
const EXAMPLES = ["huaniu", "hnpg", "花niu"];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const asked = parseSearchFilters(params);
  const [result, schemes, hot] = await Promise.all([
    searchProducts(params.get("q"), asked),
    asked.page === 1 ? searchSchemes(params.get("q")) : [],
    hotSearches(),
  ]);
  // one count per search that found something, not per page, filter or sort of it
  if (result.query && result.total > 0 && asked.page === 1 && !hasActiveFilters(asked) && asked.sort === "relevance") recordSearch(result.query);
  const suggestions = result.total === 0 && schemes.length === 0 ? await searchSuggestions() : [];
  const data: SearchPageData = { ...result, page: result.filters.page, suggestions, schemes, hot };
  return json(data, { headers: catalogCacheHeaders(request) });
}

type SearchPageData = Awaited<ReturnType<typeof searchProducts>> & {
  page: number;
  suggestions: { slug: string; name: string }[];
  schemes: Awaited<ReturnType<typeof searchSchemes>>;
  hot: string[];
};

export const headers = loaderCacheHeaders;

function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export default function SearchPage() {
  const { query, total, page, pageCount, hits, suggestions, schemes = [], hot, facets, filters } = useLoaderData<typeof loader>();
  const filtered = hasActiveFilters(filters);
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <SearchForm id="search-q" large defaultValue={query ?? ""} placeholder="商品、产地、合作社或品类，支持拼音和首字母" />
      {hot.length ? (
        <nav aria-label="热门搜索" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-stone-500">热门搜索</span>
          {hot.map((q) => (
            <Link key={q} to={`/search?q=${encodeURIComponent(q)}`} className="inline-flex min-h-11 items-center rounded-full bg-stone-100 px-3 hover:bg-stone-200">
              {q}
            </Link>
          ))}
        </nav>
      ) : null}

      {query ? (
        <h1 className="text-xl font-semibold">
          “{query}”共找到 {total} 种特产
        </h1>
      ) : (
        <h1 className="text-xl font-semibold">搜索甘肃特产</h1>
      )}

      {query && (total > 0 || filtered) ? <SearchFilterBar query={query} filters={filters} facets={facets} /> : null}

      {hits.length ? (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {hits.map((hit) => (
            <li key={hit.product.slug}>
              <ProductCard product={hit.product} name={<Highlighted segments={hit.name} />} headingLevel={2}>
                {hit.via ? (
                  <p className="text-xs text-stone-500">
                    匹配{hit.via.label}：<Highlighted segments={hit.via.segments} />
                  </p>
                ) : null}
              </ProductCard>
            </li>
          ))}
        </ul>
      ) : filtered && query ? (
        <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">
          没有符合筛选条件的特产。
          <Link to={searchHref(query, { sort: filters.sort, page: 1 })} className="ml-2 text-brand-700 underline">
            清除筛选
          </Link>
        </p>
      ) : total > 0 && query ? (
        <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">
          没有这一页。
          <Link to={`/search?q=${encodeURIComponent(query)}`} className="ml-2 text-brand-700 underline">
            回到第一页
          </Link>
        </p>
      ) : (
        <div className="space-y-4 rounded-lg border border-dashed border-stone-300 bg-white p-6">
          <p className="text-stone-700">
            {query ? "没有找到相关特产。换个说法试试，汉字、全拼或拼音首字母都可以：" : "输入商品名、产地、合作社或品类，汉字、全拼或拼音首字母都可以："}
          </p>
          <ul className="flex flex-wrap gap-2 text-sm">
            {EXAMPLES.map((q) => (
              <li key={q}>
                <Link to={`/search?q=${encodeURIComponent(q)}`} className="rounded-full border border-stone-300 px-3 py-1 hover:bg-stone-100">
                  {q}
                </Link>
              </li>
            ))}
          </ul>
          {suggestions.length ? (
            <>
              <p className="text-sm text-stone-600">或按品类浏览：</p>
              <ul className="flex flex-wrap gap-2 text-sm">
                {suggestions.map((c) => (
                  <li key={c.slug}>
                    <Link to={`/search?q=${encodeURIComponent(c.name)}`} className="rounded-full bg-stone-100 px-3 py-1 hover:bg-stone-200">
                      {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      )}
      {schemes.length ? (
        <section aria-labelledby="scheme-hits" className="space-y-2">
          <h2 id="scheme-hits" className="font-semibold">帮扶项目</h2>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {schemes.map((s) => (
              <li key={s.href}>
                <Link to={s.href} className="flex items-center gap-3 rounded-lg border border-emerald-200 bg-white p-2 hover:shadow">
                  {s.image ? <img src={s.image.url} alt={s.image.alt} width={64} height={48} className="h-12 w-16 rounded object-cover" /> : null}
                  <span className="text-sm">
                    <span className="font-medium"><Highlighted segments={s.name} /></span>
                    <span className="block text-xs text-stone-500">{s.kind} · {s.county}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {query ? (
        <Pagination page={page} pageCount={pageCount} href={(p) => searchHref(query, filters, { page: p })} />
      ) : null}
    </div>
  );
}

const fieldClass = "w-full rounded border border-stone-300 bg-white px-2 py-2 text-sm";

/** Sorting as JD does it (综合 / 销量 / 最新 / 价格), and the filters, all in the query string. */
function SearchFilterBar({ query, filters, facets }: { query: string; filters: SearchFilters; facets: SearchPageData["facets"] }) {
  return (
    <div className="space-y-3">
      <nav aria-label="排序" className="flex flex-wrap gap-2 text-sm">
        {SEARCH_SORTS.map((s) => (
          <Link
            key={s}
            to={searchHref(query, filters, { sort: s })}
            aria-current={filters.sort === s ? "true" : undefined}
            className={`inline-flex min-h-11 items-center rounded-full border px-3 ${filters.sort === s ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white hover:bg-stone-100"}`}
          >
            {SEARCH_SORT_LABELS[s]}
          </Link>
        ))}
      </nav>
      <FilterForm action="/search" aria-label="筛选搜索结果" className="grid grid-cols-2 gap-3 rounded-lg border border-stone-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-7">
        <input type="hidden" name="q" value={query} />
        {filters.sort !== "relevance" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        <label className="text-xs text-stone-600">
          品类
          <select name="category" defaultValue={filters.category ?? ""} className={fieldClass}>
            <option value="">全部品类</option>
            {facets.categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <PlaceSelects prefectures={facets.prefectures} counties={facets.counties} prefecture={filters.prefecture} county={filters.county} className={fieldClass} labelClassName="text-xs text-stone-600" />
        <PriceRange min={filters.min} max={filters.max} className={fieldClass} labelClassName="text-xs text-stone-600" />
        <label className="flex items-center gap-1 self-end py-2 text-sm">
          <input type="checkbox" name="instock" value="1" defaultChecked={filters.instock ?? false} />
          仅看有货
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="min-h-11 rounded bg-brand-600 px-4 text-sm text-white">
            筛选
          </button>
          <Link to={searchHref(query, { sort: filters.sort, page: 1 })} className="inline-flex min-h-11 items-center text-sm text-stone-600 hover:underline">
            清除
          </Link>
        </div>
      </FilterForm>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query ? `“${data.query}”的搜索结果 · 陇货通` : "搜索 · 陇货通" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
