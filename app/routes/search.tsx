import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { ProductCard } from "~/components/product-card";
import { SearchForm } from "~/components/search-form";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import type { Segment } from "~/models/catalog/search-match";
import { searchProducts, searchSchemes, searchSuggestions } from "~/models/catalog/search.server";

const EXAMPLES = ["花牛苹果", "huaniu", "hnpg", "当归", "花椒", "牦牛"];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const rawPage = params.get("page") ?? "1";
  const page = /^\d{1,3}$/.test(rawPage) && Number(rawPage) >= 1 ? Number(rawPage) : 1;
  const [result, schemes] = await Promise.all([searchProducts(params.get("q"), page), page === 1 ? searchSchemes(params.get("q")) : []]);
  const suggestions = result.total === 0 && schemes.length === 0 ? await searchSuggestions() : [];
  const data: SearchPageData = { ...result, page, suggestions, schemes };
  return json(data, { headers: catalogCacheHeaders(request) });
}

type SearchPageData = Awaited<ReturnType<typeof searchProducts>> & {
  page: number;
  suggestions: { slug: string; name: string }[];
  schemes: Awaited<ReturnType<typeof searchSchemes>>;
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
  const { query, total, page, pageCount, hits, suggestions, schemes = [] } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <SearchForm id="search-q" large defaultValue={query ?? ""} placeholder="商品、产地、合作社或品类，支持拼音和首字母" />

      {query ? (
        <h1 className="text-xl font-semibold">
          “{query}”共找到 {total} 种特产
        </h1>
      ) : (
        <h1 className="text-xl font-semibold">搜索甘肃特产</h1>
      )}

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
        <Pagination page={page} pageCount={pageCount} href={(p) => `/search?q=${encodeURIComponent(query)}${p > 1 ? `&page=${p}` : ""}`} />
      ) : null}
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
