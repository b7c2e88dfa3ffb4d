import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductGrid } from "~/components/product-card";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { getPrefecture, prefectureTopProducts } from "~/models/catalog/place.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const headers = catalogCacheHeaders(request);
  const slug = params.slug ?? "";
  const [prefecture, products] = await Promise.all([getPrefecture(slug), prefectureTopProducts(slug)]);
  if (!prefecture) throw new Response("没有这个市州", { status: 404, headers });
  return json({ prefecture, products }, { headers });
}

export const headers = loaderCacheHeaders;

export default function PrefecturePage() {
  const { prefecture, products } = useLoaderData<typeof loader>();
  const hall = prefecture.partnerCity.hall;
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{prefecture.name}</h1>
        <p className="text-sm text-stone-600">
          {prefecture.partnerCity.name}自 {prefecture.partnerCity.since} 年起结对帮扶
          {hall ? (
            <>
              {" · "}
              <Link to={`/halls/${hall.slug}?prefecture=${prefecture.slug}`} className="text-brand-700 hover:underline">
                在{hall.slogan}馆选购
              </Link>
            </>
          ) : null}
        </p>
        {prefecture.intro ? <p className="max-w-3xl text-stone-700">{prefecture.intro}</p> : null}
      </header>
      <section aria-labelledby="counties-heading" className="space-y-3">
        <h2 id="counties-heading" className="text-xl font-semibold">
          县区
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {prefecture.counties.map((c) => (
            <li key={c.slug}>
              <Link to={`/counties/${c.slug}`} className="block rounded-lg border border-stone-200 bg-white p-3 hover:shadow">
                <p className="font-medium">
                  {c.name}
                </p>
                <p className="text-xs text-stone-500">结对：{c.partnerDistrict}</p>
                <p className="text-xs text-stone-500">
                  特产 {c._count.products} 种 · 合作社 {c._count.coops} 家
                </p>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {products.length ? (
        <section aria-labelledby="top-heading" className="space-y-3">
          <h2 id="top-heading" className="text-xl font-semibold">
            热销特产
          </h2>
          <ProductGrid products={products} />
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "页面不存在 · 陇货通" }];
  const { prefecture } = data;
  const title = `${prefecture.name}特产 · 陇货通`;
  const description = `${prefecture.name}：${prefecture.partnerCity.name}自 ${prefecture.partnerCity.since} 年起结对帮扶，${prefecture.counties.length} 个县区。${prefecture.intro}`.slice(0, 150);
  return pageMeta(title, description);
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
