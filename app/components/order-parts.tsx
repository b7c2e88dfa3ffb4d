import type { ReactNode } from "react";
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { orderStatusLabel } from "~/models/orders/status";

// Pieces shared by the buyer's, the institution's and the staff order pages.

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone =
    status === "PAID" || status === "DELIVERED" || status === "SHIPPED"
      ? "bg-emerald-100 text-emerald-800"
      : status === "PENDING_PAYMENT"
        ? "bg-amber-100 text-amber-800"
        : "bg-stone-200 text-stone-700";
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone}`} data-testid={testId}>
      {orderStatusLabel(status)}
    </span>
  );
}

interface TimelineEvent {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  createdAt: string;
  actorId: string | null;
}

/** Every status change with who and when (null actor = the system: payment provider, sweeper). */
export function StatusTimeline({ events, actors }: { events: TimelineEvent[]; actors: Record<string, string> }) {
  return (
    <ol className="space-y-2 border-l-2 border-brand-200 pl-4 text-sm" aria-label="订单进度">
      {events.map((e) => (
        <li key={e.id}>
          <span className="font-medium">{orderStatusLabel(e.toStatus)}</span>
          <span className="ml-2 text-stone-500">{formatChinaDateTime(e.createdAt)}</span>
          <span className="ml-2 text-stone-500">{e.actorId ? (actors[e.actorId] ?? "用户") : "系统"}</span>
          {e.note ? <p className="text-stone-600">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

interface Line {
  id: string;
  /** Institution orders show the SKU their buyers ordered by. */
  sku?: string;
  productName: string;
  variantName: string;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  refundedFen: number;
}

export function OrderLines({ order }: { order: { lines: Line[]; subtotalFen: number; shippingFen: number; totalFen: number; refundedFen: number } }) {
  const withSku = order.lines.some((l) => l.sku);
  const span = withSku ? 4 : 3;
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b text-stone-500">
        <tr>
          <th className="py-1">商品</th>
          {withSku ? <th>SKU</th> : null}
          <th>单价</th>
          <th>数量</th>
          <th className="text-right">小计</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((l) => (
          <tr key={l.id} className="border-b border-stone-100">
            <td className="py-1">
              {l.productName}（{l.variantName}）
              {l.refundedFen > 0 ? <span className="ml-2 text-xs text-red-700">已退 {formatFen(l.refundedFen)}</span> : null}
            </td>
            {withSku ? <td>{l.sku}</td> : null}
            <td>{formatFen(l.unitPriceFen)}</td>
            <td>{l.quantity}</td>
            <td className="text-right">{formatFen(l.lineTotalFen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={span} className="pt-2 text-right">商品合计</td>
          <td className="pt-2 text-right">{formatFen(order.subtotalFen)}</td>
        </tr>
        <tr>
          <td colSpan={span} className="text-right">运费</td>
          <td className="text-right">{formatFen(order.shippingFen)}</td>
        </tr>
        <tr className="font-bold">
          <td colSpan={span} className="text-right">实付</td>
          <td className="text-right" data-testid="order-total">
            {formatFen(order.totalFen)}
          </td>
        </tr>
        {order.refundedFen > 0 ? (
          <tr className="text-red-700">
            <td colSpan={span} className="text-right">已退款</td>
            <td className="text-right">{formatFen(order.refundedFen)}</td>
          </tr>
        ) : null}
      </tfoot>
    </table>
  );
}

export function OrderHeading({ number, status, children }: { number: string; status: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <h1 className="text-2xl font-bold">
        订单 <span className="font-mono">{number}</span>
      </h1>
      <StatusBadge status={status} testId="order-status" />
      {children}
    </div>
  );
}
