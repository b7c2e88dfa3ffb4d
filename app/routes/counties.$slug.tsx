import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductGrid } from "~/components/product-card";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { getCounty } from "~/models/catalog/place.server";
import { CoopRating } from "~/components/coop-rating";
import { ratingSummariesBySlug } from "~/models/coops/rating.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const headers = catalogCacheHeaders(request);
  const county = await getCounty(params.slug ?? "");
  if (!county) throw new Response("没有这个县区", { status: 404, headers });
  const ratings = await ratingSummariesBySlug(county.coops.map((c) => c.slug));
  return json({ county, ratings }, { headers });
}

export const headers = loaderCacheHeaders;

export default function CountyPage() {
  const { county, ratings } = useLoaderData<typeof loader>();
  const hall = county.partnerCity.hall;
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <p className="text-sm text-stone-500">
          <Link to={`/prefectures/${county.prefecture.slug}`} className="hover:underline">
            {county.prefecture.name}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{county.name}</h1>
        <p className="text-sm text-stone-600">
          结对帮扶：{county.partnerCity.name}
          {county.partnerDistrict}
          {hall ? (
            <>
              {" · "}
              <Link to={`/halls/${hall.slug}`} className="text-brand-700 hover:underline">
                {hall.slogan}
              </Link>
            </>
          ) : null}
          {county.leftPoverty ? (
            <span className="ml-2 rounded bg-emerald-50 px-1.5 text-emerald-700">
              脱贫县{county.leftPovertyYear ? `（${county.leftPovertyYear} 年脱贫摘帽）` : ""}
            </span>
          ) : null}
        </p>
        {county.profile ? <p className="max-w-3xl text-stone-700">{county.profile}</p> : null}
        <p className="text-sm text-stone-500">
          在售特产 {county._count.products} 种 · 带动脱贫户 {county._count.households} 户 · 人口约 {county.population} 万
        </p>
      </header>

      <section aria-labelledby="coops-heading" className="space-y-3">
        <h2 id="coops-heading" className="text-xl font-semibold">
          合作社与企业
        </h2>
        {county.coops.length ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {county.coops.map((c) => (
              <li key={c.slug} id={`coop-${c.slug}`} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="font-medium">{c.name}</p>
                <p className="text-xs text-stone-500">
                  {c.kind === "ENTERPRISE" ? "企业" : "农民专业合作社"} · 在售 {c._count.products} 种
                </p>
                <CoopRating rating={ratings[c.slug]} />
                {c.intro ? <p className="mt-1 text-sm text-stone-600">{c.intro}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-500">暂无已认证的合作社。</p>
        )}
      </section>

      <section aria-labelledby="products-heading" className="space-y-3">
        <h2 id="products-heading" className="text-xl font-semibold">
          {county.name}特产
        </h2>
        {county.products.length ? <ProductGrid products={county.products} /> : <p className="text-stone-500">暂无在售特产。</p>}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "页面不存在 · 陇货通" }];
  const { county } = data;
  const title = `${county.name}特产 · ${county.prefecture.name} · 陇货通`;
  const description = `${county.name}（${county.prefecture.name}），${county.partnerCity.name}${county.partnerDistrict}结对帮扶。${county.profile}`.slice(0, 150);
  return pageMeta(title, description);
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
