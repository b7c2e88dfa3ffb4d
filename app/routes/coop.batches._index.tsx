import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { CERT_KIND_LABELS, type CertKind } from "~/models/batches/batch.schema";
import { listBatches } from "~/models/batches/batch.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ batches: await listBatches(user.coopId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export const meta: MetaFunction = () => [{ title: "批次与溯源 · 合作社" }];

export default function CoopBatches() {
  const { batches } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <Link to="/coop/products" className="text-sm text-brand-700 hover:underline">← 商品与库存</Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">批次与溯源</h1>
        <Link to="/coop/batches/new" className={buttonClass}>登记新批次</Link>
      </div>
      <p className="text-sm text-stone-600">
        每批登记采收或生产日期、供货农户及比例、承诺达标合格证或检测报告；货品按批次入库，付款后按先进先出从批次出库，售出的每一件按该批农户比例计入收益。买家扫包裹上的二维码即可查看批次溯源。
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm">
          <thead className="border-b text-stone-500">
            <tr><th className="py-2">追溯码</th><th>商品</th><th>采收/生产</th><th>数量</th><th>合格证</th><th className="text-right">入库 / 剩余（件）</th></tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} className="border-b border-stone-100">
                <td className="py-1.5"><Link to={`/coop/batches/${b.code}`} className="font-mono text-brand-700 underline">{b.code}</Link></td>
                <td>{b.product.name}</td>
                <td>{b.producedOn}</td>
                <td>{b.quantity} {b.quantityUnit}</td>
                <td>{CERT_KIND_LABELS[b.certKind as CertKind]} {b.certNumber}</td>
                <td className="text-right tabular-nums">{b.received} / {b.remaining}</td>
              </tr>
            ))}
            {batches.length === 0 ? <EmptyRow colSpan={6}>还没有登记批次。</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
