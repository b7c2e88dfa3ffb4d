import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { coopPresales } from "~/models/presales/harvest.server";
import { PRESALE_STATUSES, type PresaleStatus } from "~/models/presales/stages";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ presales: await coopPresales(user.coopId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopPresales() {
  const { presales } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">订单农业 · 预售</h1>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr><th className="py-2">预售</th><th>状态</th><th>预计采收</th><th className="text-right">计划 / 余量 / 起订</th><th className="text-right">预订笔数</th></tr>
          </thead>
          <tbody>
            {presales.map((p) => (
              <tr key={p.slug} className="border-b border-stone-100">
                <td className="py-1.5"><Link to={`/coop/presales/${p.slug}`} className="text-brand-700 hover:underline">{p.name}</Link></td>
                <td>{PRESALE_STATUSES[p.status as PresaleStatus]}</td>
                <td>{p.harvestFrom} 至 {p.harvestTo}</td>
                <td className="text-right tabular-nums">{p.committedQty} / {p.variant.stock} / {p.minimumQty}</td>
                <td className="text-right tabular-nums">{p._count.orders}</td>
              </tr>
            ))}
            {presales.length === 0 ? <EmptyRow colSpan={5}>本社还没有预售。</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "订单农业 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
