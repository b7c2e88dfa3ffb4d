import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { cardData, ProductGrid } from "~/components/product-card";
import { catalogSearch, hasActiveFilters, placeFilters, SORT_LABELS, SORTS, type CatalogFilters } from "~/models/catalog/filters";
import { parseCatalogFilters } from "~/models/catalog/filters.server";
import { FilterForm, PlaceSelects, PriceRange } from "~/components/filter-form";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { cachedBriefly } from "~/models/catalog/cache.server";
import { getHall } from "~/models/catalog/hall.server";
import { hallFacets, hallProducts, hallSections } from "~/models/catalog/product.server";
import { listPresales } from "~/models/presales/presale.server";
import { listTours } from "~/models/tours/tour.server";
import { listOrchards } from "~/models/trees/orchard.server";
import { CardGrid, OrchardCard, orchardCardData, PresaleCard, presaleCardData, TourCard, tourCardData } from "~/components/scheme-cards";
import { favoriteSlugs } from "~/models/lists/favorites.server";
import { getUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const headers = catalogCacheHeaders(request);
  const [data, user] = await Promise.all([loadHallPage(params.slug ?? "", parseCatalogFilters(new URL(request.url).searchParams)), getUser(request)]);
  if (!data) throw new Response("没有这个体验馆", { status: 404, headers });
  // a signed-in shopper's hearts on the cards (the page is then private, see catalogCacheHeaders)
  const { hall, filters, facets, shelves, schemes, total, pageCount, products } = data;
  const shown = [...products, ...(shelves ? [...shelves.featured, ...shelves.seasonal, ...shelves.giftBoxes] : [])];
  const favorites = user ? await favoriteSlugs(user.id, shown) : null;
  // only what the page draws: all of it is serialised again into the page's hydration script
  const page = {
    hall: { slug: hall.slug, name: hall.name, slogan: hall.slogan, city: { name: hall.city.name, since: hall.city.since, prefectures: hall.city.prefectures.map((p) => ({ slug: p.slug, name: p.name })) } },
    filters,
    facets,
    shelves: shelves && { featured: shelves.featured.map(cardData), seasonal: shelves.seasonal.map(cardData), giftBoxes: shelves.giftBoxes.map(cardData) },
    schemes,
    total,
    pageCount,
    products: products.map(cardData),
    favorites,
  };
  return json(page, { headers });
}

/** The article's schemes in the paired areas: tree adoption (Tianjin), tours (Xiamen), pre-sales. */
async function hallSchemes(hallSlug: string) {
  return cachedBriefly(`hall-schemes:${hallSlug}`, 1000, async () => {
    const [orchards, tours, presales] = await Promise.all([listOrchards({ hallSlug }), listTours({ hallSlug }), listPresales({ hallSlug })]);
    return {
      orchards: orchards.map(orchardCardData),
      tours: tours.map(tourCardData),
      presales: presales.filter((p) => p.status === "OPEN" || p.status === "GOING_AHEAD").map(presaleCardData),
    };
  });
}

async function loadHallPage(slug: string, asked: CatalogFilters) {
  const hall = await getHall(slug);
  if (!hall) return null;
  const filters = placeFilters(asked, (await hallFacets(hall.id)).counties);
  const showShelves = filters.page === 1 && !hasActiveFilters(filters);
  const [listing, facets, shelves, schemes] = await Promise.all([
    hallProducts(hall.id, filters),
    hallFacets(hall.id),
    showShelves ? hallSections(hall.id) : null,
    showShelves ? hallSchemes(hall.slug) : null,
  ]);
  return { hall, filters, facets, shelves, schemes, ...listing };
}

export const headers = loaderCacheHeaders;

const selectClass = "w-full rounded border border-stone-300 bg-white px-2 py-1.5 text-sm";

export default function HallPage() {
  const { hall, filters, facets, shelves, schemes, total, pageCount, products, favorites } = useLoaderData<typeof loader>();
  const href = (change: Partial<CatalogFilters>) => `/halls/${hall.slug}${catalogSearch(filters, { page: 1, ...change })}`;
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header>
        <p className="text-sm text-stone-500">{hall.name}</p>
        <h1 className="text-2xl font-bold text-brand-700">{hall.slogan}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {hall.city.name}自 {hall.city.since} 年起结对帮扶：
          {hall.city.prefectures.map((p, i) => (
            <span key={p.slug}>
              {i > 0 ? "、" : null}
              <Link to={`/prefectures/${p.slug}`} className="text-brand-700 underline underline-offset-2">
                {p.name}
              </Link>
            </span>
          ))}
        </p>
      </header>

      <nav aria-label="品类" className="flex flex-wrap gap-2 text-sm">
        <Link to={href({ category: undefined })} className={chip(!filters.category)}>
          全部
        </Link>
        {facets.categories.map((c) => (
          <Link key={c.slug} to={href({ category: c.slug })} className={chip(filters.category === c.slug)}>
            {c.name}
          </Link>
        ))}
      </nav>

      {shelves ? (
        <>
          <Shelf title="馆长推荐" products={shelves.featured} favorites={favorites} />
          <Shelf title="当季鲜品" products={shelves.seasonal} favorites={favorites} />
          <Shelf title="节日礼盒" products={shelves.giftBoxes} favorites={favorites} />
        </>
      ) : null}

      {schemes && schemes.orchards.length + schemes.tours.length + schemes.presales.length > 0 ? (
        <section aria-labelledby="schemes-heading" className="space-y-4 rounded-lg border border-emerald-200 bg-emerald-50/50 p-4">
          <h2 id="schemes-heading" className="text-xl font-semibold">帮扶项目</h2>
          {schemes.orchards.length ? (
            <div className="space-y-2">
              <h3 className="font-medium">我有一棵树 · 果树认养 <Link to="/trees" className="ml-2 text-sm font-normal text-brand-700 underline">全部果园</Link></h3>
              <CardGrid>{schemes.orchards.map((o) => <li key={o.slug}><OrchardCard orchard={o} /></li>)}</CardGrid>
            </div>
          ) : null}
          {schemes.tours.length ? (
            <div className="space-y-2">
              <h3 className="font-medium">鹭岛万人游临夏 · 乡村旅游 <Link to="/tours" className="ml-2 text-sm font-normal text-brand-700 underline">全部线路</Link></h3>
              <CardGrid>{schemes.tours.map((t) => <li key={t.slug}><TourCard tour={t} /></li>)}</CardGrid>
            </div>
          ) : null}
          {schemes.presales.length ? (
            <div className="space-y-2">
              <h3 className="font-medium">订单农业 · 采收前预订 <Link to="/presales" className="ml-2 text-sm font-normal text-brand-700 underline">全部预售</Link></h3>
              <CardGrid>{schemes.presales.map((p) => <li key={p.slug}><PresaleCard presale={p} /></li>)}</CardGrid>
            </div>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="all-heading" className="space-y-4">
        <h2 id="all-heading" className="text-xl font-semibold">
          全部特产
        </h2>
        <FilterForm className="grid grid-cols-2 gap-3 rounded-lg border border-stone-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-8">
          <PlaceSelects prefectures={facets.prefectures} counties={facets.counties} prefecture={filters.prefecture} county={filters.county} className={selectClass} labelClassName="text-xs text-stone-600" />
          <SlugSelect label="品类" name="category" all="全部品类" value={filters.category} options={facets.categories} />
          <PriceRange min={filters.min} max={filters.max} className={selectClass} labelClassName="text-xs text-stone-600" />
          <label className="text-xs text-stone-600">
            排序
            <select name="sort" defaultValue={filters.sort} className={selectClass}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-col justify-center gap-1 text-sm">
            <label className="flex items-center gap-1">
              <input type="checkbox" name="certified" value="1" defaultChecked={filters.certified ?? false} />
              仅看扶贫认定
            </label>
            <label className="flex items-center gap-1">
              <input type="checkbox" name="instock" value="1" defaultChecked={filters.instock ?? false} />
              仅看有货
            </label>
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded bg-brand-600 px-4 py-1.5 text-sm text-white">
              筛选
            </button>
            <Link to={`/halls/${hall.slug}`} className="py-1.5 text-sm text-stone-600 hover:underline">
              清除
            </Link>
          </div>
        </FilterForm>
        <p className="text-sm text-stone-500" role="status">
          共 {total} 种特产
        </p>
        {products.length ? (
          <ProductGrid products={products} favorites={favorites} />
        ) : (
          <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">
            {filters.page > pageCount ? "没有这一页。" : "没有符合条件的特产，试试放宽筛选条件。"}
            <Link to={`/halls/${hall.slug}`} className="ml-2 text-brand-700 underline">
              查看全部
            </Link>
          </p>
        )}
        <Pagination page={filters.page} pageCount={pageCount} href={(page) => href({ page })} />
      </section>
    </div>
  );
}

function SlugSelect(props: { label: string; name: string; all: string; value?: string; options: { slug: string; name: string }[] }) {
  return (
    <label className="text-xs text-stone-600">
      {props.label}
      <select name={props.name} defaultValue={props.value ?? ""} className={selectClass}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function chip(active: boolean) {
  return `rounded-full border px-3 py-1 ${active ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white hover:bg-stone-100"}`;
}

function Shelf({ title, products, favorites }: { title: string; products: Parameters<typeof ProductGrid>[0]["products"]; favorites: string[] | null }) {
  if (products.length === 0) return null;
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-xl font-semibold">{title}</h2>
      <ProductGrid products={products} favorites={favorites} />
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "页面不存在 · 陇货通" }];
  const title = `${data.hall.slogan} · ${data.hall.name} · 陇货通`;
  const description = `${data.hall.city.name}结对帮扶${data.hall.city.prefectures.map((p) => p.name).join("、")}，在售 ${data.total} 种甘肃特产。`;
  return pageMeta(title, description);
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
