import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { catalogSearch, SORT_LABELS, SORTS } from "~/models/catalog/filters";
import { parseCatalogFilters } from "~/models/catalog/filters.server";
import { categoriesOnSale, hallProducts } from "~/models/catalog/product.server";

// The phone's 分类 tab: every category on sale across the four halls, and one category's products.
// Public, like the halls: no account needed, cached like any catalogue page.
export async function loader({ request }: LoaderFunctionArgs) {
  const headers = catalogCacheHeaders(request);
  const filters = parseCatalogFilters(new URL(request.url).searchParams);
  const categories = await categoriesOnSale();
  const current = categories.find((c) => c.slug === filters.category) ?? null;
  // only the category filter and sorting apply here; the halls have the full set
  const own = { category: current?.slug, sort: filters.sort, page: filters.page };
  const listing = current ? await hallProducts(null, own) : null;
  return json({ categories, current, filters: own, listing }, { headers });
}

export const headers = loaderCacheHeaders;

const chip = (active: boolean) =>
  `inline-flex min-h-11 items-center whitespace-nowrap rounded-full border px-4 text-sm ${active ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white hover:bg-stone-100"}`;

export default function CategoriesPage() {
  const { categories, current, filters, listing } = useLoaderData<typeof loader>();
  const href = (change: Partial<typeof filters>) => `/categories${catalogSearch(filters, { page: 1, ...change })}`;
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">{current ? current.name : "商品分类"}</h1>
      <nav aria-label="品类">
        <ul className={current ? "-mx-4 flex gap-2 overflow-x-auto px-4 pb-1" : "grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4"}>
          {categories.map((c) => (
            <li key={c.slug} className="shrink-0">
              {current ? (
                <Link to={href({ category: c.slug })} className={chip(c.slug === current.slug)} aria-current={c.slug === current.slug ? "page" : undefined}>
                  {c.name}
                </Link>
              ) : (
                <Link to={href({ category: c.slug })} className="flex min-h-16 flex-col justify-center rounded-lg border border-stone-200 bg-white px-4 py-3 hover:border-brand-600">
                  <span className="font-medium">{c.name}</span>
                  <span className="text-sm text-stone-600">{c.count} 件在售</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {current && listing ? (
        <section aria-label={`${current.name}的商品`} className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <p className="text-stone-600">共 {listing.total} 件</p>
            <ul className="flex flex-wrap gap-1" aria-label="排序">
              {SORTS.map((s) => (
                <li key={s}>
                  <Link to={href({ sort: s })} className={`inline-flex min-h-11 items-center rounded px-2 ${filters.sort === s ? "font-semibold text-brand-700 underline" : "text-stone-700 hover:underline"}`} aria-current={filters.sort === s ? "true" : undefined}>
                    {SORT_LABELS[s]}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
          <ProductGrid products={listing.products} />
          <Pagination page={filters.page} pageCount={listing.pageCount} href={(page) => `/categories${catalogSearch(filters, { page })}`} />
          <p className="text-sm">
            <Link to="/categories" className="text-brand-700 underline">
              全部分类
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data?.current ? `${data.current.name} · 商品分类 · 陇货通` : "商品分类 · 陇货通", "甘肃脱贫县特色农产品，按品类浏览：四地体验馆的全部在售商品。");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
