import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { AuditTrail } from "~/components/audit-trail";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { businessDay } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { CERT_LABELS, COOP_STATUS_LABELS } from "~/models/catalog/certification-status";
import { productRecordForStaff } from "~/models/catalog/certification.server";
import { PRODUCT_STATUS_LABELS } from "~/models/coops/product-status";
import { requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const record = await productRecordForStaff(params.slug ?? "");
  if (!record) throw new Response("没有这个商品", { status: 404 });
  return json(record, { headers: { "Cache-Control": "private, no-store" } });
}

export default function AdminProduct() {
  const { product, trail } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <Link to="/admin/certification?status=" className="text-sm text-brand-700 hover:underline">← 扶贫认定</Link>
        <h1 className="text-2xl font-bold">{product.name}</h1>
        <p className="text-sm text-stone-600">
          {product.county.name} · {product.coop.name}（{COOP_STATUS_LABELS[product.coop.status] ?? product.coop.status}）· {PRODUCT_STATUS_LABELS[product.status] ?? product.status} ·
          认定 {CERT_LABELS[product.certStatus] ?? product.certStatus}{product.certNumber ? ` ${product.certNumber}` : ""}
          {product.certExpiresAt ? `，至 ${businessDay(new Date(product.certExpiresAt))}` : ""}
          {product.certScanType ? <> · <a href={`/certificates/${product.id}/scan`} className="text-brand-700 underline" target="_blank" rel="noreferrer">证书扫描件</a></> : null}
        </p>
        <p className="text-sm text-stone-600">陈列：{product.halls.map((h) => h.hall.slogan).join("、") || "无"}</p>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500"><tr><th className="py-2">规格</th><th className="text-right">单价</th><th className="text-right">市场参考价</th><th className="text-right">库存</th><th>在售</th></tr></thead>
          <tbody>
            {product.variants.map((v) => (
              <tr key={v.id} className="border-b border-stone-100">
                <td className="py-1.5">{v.name} <span className="font-mono text-xs text-stone-500">{v.sku}</span></td>
                <td className="text-right tabular-nums">{formatFen(v.priceFen)}</td>
                <td className="text-right">{v.refPriceFen !== null ? <>{formatFen(v.refPriceFen)}<span className="block text-xs text-stone-500">{v.refPriceSource}，{v.refPriceDate}</span></> : "—"}</td>
                <td className="text-right tabular-nums">{v.stock}</td>
                <td>{v.active ? "是" : "否"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">变更记录</h2>
        <AuditTrail rows={trail} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product.name ?? "商品"} · 管理后台` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
