import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { AuditTrail } from "~/components/audit-trail";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatTile } from "~/components/stat-tile";
import { COOP_STATUS_LABELS } from "~/models/catalog/certification-status";
import { coopDashboard } from "~/models/coops/dashboard.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json(await coopDashboard(user.coopId), { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopDashboard() {
  const { coop, lowStock, counts, certPending, certRejected, offers, trail } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{coop.name}</h1>
          <p className="text-sm text-stone-600">{coop.county.name} · {COOP_STATUS_LABELS[coop.status] ?? coop.status}</p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <Link to="/coop/products" className="text-brand-700 hover:underline">商品与库存</Link>
          <Link to="/coop/impact" className="text-brand-700 hover:underline">农户收益</Link>
          <Link to="/coop/products/new" className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">新建商品</Link>
        </div>
      </div>
      {coop.status !== "CERTIFIED" ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">本社目前「{COOP_STATUS_LABELS[coop.status] ?? coop.status}」，商品暂不在售。请联系平台工作人员。</p>
      ) : null}

      <section aria-labelledby="low-heading" className="space-y-2">
        <h2 id="low-heading" className="text-lg font-semibold">库存提醒</h2>
        {lowStock.length === 0 ? (
          <p className="text-sm text-stone-500">没有低于提醒线的规格。</p>
        ) : (
          <ul role="alert" className="divide-y divide-red-100 rounded-lg border border-red-200 bg-red-50 text-sm">
            {lowStock.map((v) => (
              <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <Link to={`/coop/products/${v.product.slug}#stock-heading`} className="text-brand-700 underline">{v.product.name} · {v.name}</Link>
                <span className="tabular-nums text-red-800">剩 {v.stock}（提醒线 {v.lowStockThreshold}）</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <StatTile label="在售" value={String(counts.ACTIVE ?? 0)} />
        <StatTile label="未上架" value={String(counts.DRAFT ?? 0)} />
        <StatTile label="待认定" value={String(certPending.length)} />
        <StatTile label="待确认陈列" value={String(offers)} />
      </dl>

      {certRejected.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">认定被退回</h2>
          <ul className="space-y-1 text-sm">
            {certRejected.map((p) => (
              <li key={p.slug}><Link to={`/coop/products/${p.slug}/certificate`} className="text-brand-700 underline">{p.name}</Link>：{p.certRejectReason}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {certPending.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">等待平台认定</h2>
          <ul className="space-y-1 text-sm">{certPending.map((p) => <li key={p.slug}><Link to={`/coop/products/${p.slug}`} className="text-brand-700 underline">{p.name}</Link></li>)}</ul>
        </section>
      ) : null}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">本社状态记录</h2>
        <AuditTrail rows={trail} empty="暂无。" />
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "合作社工作台 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
