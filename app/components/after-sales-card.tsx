import type { ReactNode } from "react";
import { formatChinaDateTime } from "~/lib/china-time";
import { AfterSalesSummary } from "~/components/parcel-parts";
import { afterSalesStatusLabel } from "~/models/after-sales/status";

interface Request {
  id: string;
  kind: string;
  status: string;
  quantity: number;
  amountFen: number;
  reason: string;
  refusalReason: string | null;
  escalationNote: string | null;
  decisionNote: string | null;
  returnCourier: string | null;
  returnTrackingNumber: string | null;
  createdAt: string;
  parcelCode: string;
  coop: { name: string };
  buyer: { name: string };
  order: { number: string; paymentMethod: string | null };
  orderLine: { productName: string; variantName: string; quantity: number };
  photos: { id: string }[];
  events: { id: string; toStatus: string; note: string | null; createdAt: string }[];
}

/** One after-sales request as the co-op and staff see it; `children` adds the decisions. */
export function AfterSalesCard({ request: r, children }: { request: Request; children?: ReactNode }) {
  return (
    <article aria-label={`售后 ${r.parcelCode}`} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <header className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs text-stone-500">{r.parcelCode}</span>
        <span className="font-medium">{r.orderLine.productName}（{r.orderLine.variantName}）</span>
        <span className="text-stone-500">
          {r.buyer.name} · {r.coop.name} · {formatChinaDateTime(r.createdAt)}
        </span>
      </header>
      <AfterSalesSummary request={r} />
      {r.escalationNote ? <p className="text-stone-700">买家申请平台介入：{r.escalationNote}</p> : null}
      {r.returnTrackingNumber ? (
        <p>
          退货运单：{r.returnCourier} <span className="font-mono">{r.returnTrackingNumber}</span>
        </p>
      ) : null}
      {r.order.paymentMethod === "BANK_TRANSFER" ? <p className="text-xs text-amber-800">对公转账订单：同意后记为银行退款，由平台财务原路转回。</p> : null}
      {r.photos.length ? (
        <p className="flex gap-2">
          {r.photos.map((p, i) => (
            <a key={p.id} href={`/after-sales/photos/${p.id}`} target="_blank" rel="noreferrer">
              <img src={`/after-sales/photos/${p.id}`} alt={`买家照片 ${i + 1}`} className="h-16 w-16 rounded object-cover" />
            </a>
          ))}
        </p>
      ) : null}
      <details className="text-xs text-stone-500">
        <summary>处理记录</summary>
        <ol className="mt-1 space-y-0.5">
          {r.events.map((e) => (
            <li key={e.id}>
              {formatChinaDateTime(e.createdAt)} {afterSalesStatusLabel(e.toStatus)}
              {e.note ? `：${e.note}` : ""}
            </li>
          ))}
        </ol>
      </details>
      {children}
    </article>
  );
}
