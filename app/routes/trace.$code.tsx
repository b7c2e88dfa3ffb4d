import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { publicTrace } from "~/models/batches/trace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const headers = catalogCacheHeaders(request);
  const trace = await publicTrace(params.code ?? "");
  if (!trace) throw new Response("没有这个批次追溯码", { status: 404, headers });
  return json({ trace }, { headers });
}

export const headers = loaderCacheHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "追溯码不存在 · 陇货通" }, { name: "robots", content: "noindex" }];
  const t = data.trace;
  return pageMeta(`${t.product.name} 批次 ${t.code} 溯源 · 陇货通`, `${t.prefecture}${t.county} ${t.coop}，${t.producedOn} 采收/生产，带动 ${t.households} 户脱贫户 ${t.people} 人。`, [
    { name: "robots", content: "noindex" },
  ]);
};

export default function TracePage() {
  const { trace } = useLoaderData<typeof loader>();
  const rows: [string, ReactNode][] = [
    ["产地", <>甘肃省{trace.prefecture}<Link to={`/counties/${trace.countySlug}`} className="text-brand-700 underline">{trace.county}</Link>（东西部协作：{trace.partnerCity}）</>],
    ["合作社 / 企业", trace.coop],
    ["采收或生产日期", trace.producedOn],
    ["本批数量", `${trace.quantity} ${trace.quantityUnit}`],
    ["入库日期", trace.receivedOn ?? "—"],
    [trace.certificate.kind, <span key="c" className="font-mono">{trace.certificate.number}{trace.certificate.scanned ? <span className="ml-2 font-sans text-xs text-stone-500">（扫描件已存档，可向平台查验）</span> : null}</span>],
    ["扶贫产品认定", trace.product.aidCertificate ?? "—"],
  ];
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      <header className="space-y-1">
        <p className="text-sm text-stone-500">批次溯源 · 追溯码 <span className="font-mono" data-testid="trace-code">{trace.code}</span></p>
        <h1 className="text-2xl font-bold">{trace.product.slug ? <Link to={`/products/${trace.product.slug}`} className="hover:underline">{trace.product.name}</Link> : trace.product.name}</h1>
      </header>
      <section aria-labelledby="hh-h" className="rounded-lg bg-emerald-50 p-4">
        <h2 id="hh-h" className="sr-only">带动农户</h2>
        <p className="text-lg">
          这一批由 <strong data-testid="trace-households">{trace.households}</strong> 户脱贫户共同供货，惠及 <strong data-testid="trace-people">{trace.people}</strong> 人。
        </p>
        <p className="mt-1 text-sm text-emerald-900">来自：{trace.villages.join("、")}</p>
        <p className="mt-1 text-xs text-emerald-900/80">本批售出的每一件，按各户供货比例计入他们的收益账本。为保护农户隐私，这里不显示任何农户编号或个人信息。</p>
      </section>
      <dl className="divide-y rounded-lg border bg-white text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-3 gap-2 p-3">
            <dt className="text-stone-500">{label}</dt>
            <dd className="col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-stone-500">
        承诺达标合格证由生产者承诺所售农产品符合质量安全标准；如对本批商品有疑问，请在订单页申请售后或联系平台。
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
