import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductGrid } from "~/components/product-card";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { listHalls } from "~/models/catalog/hall.server";
import { pairingMap } from "~/models/catalog/place.server";
import { featuredProducts } from "~/models/catalog/product.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const [halls, featured, pairings] = await Promise.all([listHalls(), featuredProducts(8), pairingMap()]);
  return json({ halls, featured, pairings }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function Home() {
  const { halls, featured, pairings } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-10 px-4 py-8">
      <section className="rounded-xl bg-gradient-to-r from-brand-700 to-brand-500 px-6 py-10 text-white">
        <h1 className="text-2xl font-bold sm:text-3xl">甘肃特色好物，东西协作直达</h1>
        <p className="mt-2 max-w-2xl text-brand-50">
          天津、厦门、福州、青岛四座甘肃省特色产品电商体验馆，汇集 58 个结对脱贫县的优质特产。
          您的每一笔购买，都会计入产地县和背后的脱贫户。
        </p>
      </section>

      <section aria-labelledby="halls-heading">
        <h2 id="halls-heading" className="mb-4 text-xl font-semibold">
          四大体验馆
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {halls.map((h) => (
            <li key={h.slug}>
              <Link to={`/halls/${h.slug}`} className="block h-full rounded-lg border border-stone-200 bg-white p-4 hover:shadow">
                <p className="text-lg font-semibold text-brand-700">{h.slogan}</p>
                <p className="text-sm">{h.name}</p>
                <p className="mt-2 text-xs text-stone-500">
                  {h.city.since} 年起结对：{h.city.prefectures.map((p) => p.shortName).join("、")}
                </p>
                <p className="mt-1 text-xs text-stone-500">在售 {h._count.listings} 种特产</p>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="schemes-heading">
        <h2 id="schemes-heading" className="mb-4 text-xl font-semibold">帮扶项目</h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {[
            ["/trees", "我有一棵树 · 果树认养", "认养秦安蜜桃、麦积花牛苹果的一棵树：一年的收成、写着您名字的证书和生长日志。"],
            ["/tours", "鹭岛万人游临夏", "住脱贫户的农家院、请村里的向导：积石山、东乡的乡村游团期。"],
            ["/presales", "订单农业 · 采收前预订", "陇南辣椒、武都花椒先订后种，收成不足按付款先后配货并自动退款。"],
          ].map(([to, title, text]) => (
            <li key={to}>
              <Link to={to} className="block h-full rounded-lg border border-emerald-200 bg-white p-4 hover:shadow">
                <span className="font-semibold text-emerald-800">{title}</span>
                <span className="mt-1 block text-sm text-stone-600">{text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="map-heading" id="pairings">
        <h2 id="map-heading" className="mb-4 text-xl font-semibold">
          东西部协作结对图
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {pairings.map((city) => (
            <li key={city.slug} className="rounded-lg border border-stone-200 bg-white p-4">
              <p className="font-semibold">
                {city.hall ? (
                  <Link to={`/halls/${city.hall.slug}`} className="text-brand-700 hover:underline">
                    {city.name} · {city.hall.slogan}
                  </Link>
                ) : (
                  city.name
                )}
                <span className="ml-2 text-xs font-normal text-stone-500">{city.since} 年起</span>
              </p>
              <ul className="mt-2 space-y-1 text-sm">
                {city.prefectures.map((p) => (
                  <li key={p.slug}>
                    <Link to={`/prefectures/${p.slug}`} className="font-medium hover:underline">
                      {p.name}
                    </Link>
                    ：
                    {p.counties.map((c, i) => (
                      <span key={c.slug}>
                        {i > 0 ? "、" : null}
                        <Link to={`/counties/${c.slug}`} className="text-stone-600 hover:underline">
                          {c.name}
                        </Link>
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="mb-4 text-xl font-semibold">
          热销特产
        </h2>
        <ProductGrid products={featured} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
