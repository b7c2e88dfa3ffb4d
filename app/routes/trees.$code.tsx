import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GrowthLog } from "~/components/growth-log";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { certificate } from "~/models/trees/orchard.server";
import { gramsToKg } from "~/models/trees/season";

// A certificate is public to whoever has its code (adopters share it); it shows the name they chose.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const cert = await certificate(params.code ?? "");
  if (!cert) throw new Response("没有这份认养证书", { status: 404 });
  return json({ cert }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function CertificatePage() {
  const { cert } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <article aria-labelledby="cert" className="rounded-xl border-4 border-double border-emerald-700 bg-white p-6 text-center shadow-sm">
        <p className="text-sm tracking-widest text-emerald-800">我有一棵树 · 足以来帮扶</p>
        <h1 id="cert" className="mt-2 text-3xl font-bold text-emerald-900">果树认养证书</h1>
        <p className="mt-6 text-2xl font-semibold" data-testid="adopter-name">{cert.displayName}</p>
        <p className="mx-auto mt-4 max-w-xl leading-relaxed text-stone-700">
          认养{cert.prefecture}{cert.county}{cert.orchard.name}（{cert.orchard.variety}）<strong>{cert.treeCode}</strong> 号果树一棵，认养期 {cert.year} 年一季，
          可得收成 {gramsToKg(cert.shareGrams)}。果树由{cert.coop}管护，{cert.households} 户脱贫户从中受益。
        </p>
        <p className="mt-4 text-sm text-stone-500">
          预计采收 {cert.harvestFrom} 至 {cert.harvestTo}
          {cert.harvestedAt ? " · 已采收" : ""} · 证书编号 <span className="font-mono">{cert.code}</span>
        </p>
        <p className="mt-4 flex justify-center gap-4 text-sm">
          <a href={`/trees/${cert.code}/certificate.pdf`} className="text-brand-700 underline">下载打印版（PDF）</a>
          <Link to={`/trees/orchards/${cert.orchard.slug}`} className="text-brand-700 underline">看看果园</Link>
        </p>
      </article>
      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-xl font-semibold">{cert.year} 年生长日志</h2>
        <GrowthLog entries={cert.log} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.cert.displayName}的认养证书 · ${data.cert.orchard.name}`, `${data.cert.county}${data.cert.orchard.name} ${data.cert.treeCode} 号树，${data.cert.year} 年。`) : [{ title: "证书不存在 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
