import type { ReactNode } from "react";
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { orderStatusLabel, wasPaid } from "~/models/orders/status";

// Pieces shared by the buyer's, the institution's and the staff order pages.

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone =
    status === "PAID" || status === "DELIVERED" || status === "SHIPPED"
      ? "bg-emerald-100 text-emerald-800"
      : status === "PENDING_PAYMENT"
        ? "bg-amber-100 text-amber-800"
        : "bg-stone-200 text-stone-700";
  return (
    <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${tone}`} data-testid={testId}>
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

/**
 * An order's lines and totals. A table from sm up; on a phone each line is a card (name across the
 * width, then "¥58.00 × 1" and the subtotal) so columns never run together or squeeze the name.
 */
export function OrderLines({ order }: { order: { status: string; lines: Line[]; subtotalFen: number; shippingFen: number; totalFen: number; refundedFen: number } }) {
  const withSku = order.lines.some((l) => l.sku);
  const span = withSku ? 4 : 3;
  const totalRow = "flex justify-between gap-4 sm:table-row";
  return (
    <table className="block w-full text-left text-sm sm:table">
      <thead className="sr-only border-b text-stone-500 sm:not-sr-only sm:table-header-group">
        <tr>
          <th className="py-1">商品</th>
          {withSku ? <th>SKU</th> : null}
          <th>单价</th>
          <th>数量</th>
          <th className="text-right">小计</th>
        </tr>
      </thead>
      <tbody className="block border-t border-stone-200 sm:table-row-group sm:border-0">
        {order.lines.map((l) => (
          <tr key={l.id} className="flex flex-wrap items-baseline gap-x-3 border-b border-stone-100 py-2 sm:table-row sm:py-0">
            <td className="w-full sm:w-auto sm:py-1">
              {l.productName}（{l.variantName}）
              {l.refundedFen > 0 ? <span className="ml-2 text-xs text-red-700">已退 {formatFen(l.refundedFen)}</span> : null}
            </td>
            {withSku ? <td className="font-mono text-xs text-stone-500 sm:text-sm">{l.sku}</td> : null}
            <td className="!pl-0 sm:!pl-3">{formatFen(l.unitPriceFen)}</td>
            <td className="!pl-0 sm:!pl-3">
              <span className="sm:hidden">× </span>
              {l.quantity}
            </td>
            <td className="ml-auto text-right font-medium sm:font-normal">{formatFen(l.lineTotalFen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className="block pt-2 sm:table-footer-group">
        <tr className={totalRow}>
          <td colSpan={span} className="text-right sm:pt-2">商品合计</td>
          <td className="text-right sm:pt-2">{formatFen(order.subtotalFen)}</td>
        </tr>
        <tr className={totalRow}>
          <td colSpan={span} className="text-right">运费</td>
          <td className="text-right">{formatFen(order.shippingFen)}</td>
        </tr>
        <tr className={`${totalRow} font-bold`}>
          {/* Money never taken is owed (应付), not paid (实付): a cancelled or unpaid order says so. */}
          <td colSpan={span} className="text-right">{wasPaid(order.status) ? "实付" : "应付"}</td>
          <td className="text-right" data-testid="order-total">
            {formatFen(order.totalFen)}
          </td>
        </tr>
        {order.refundedFen > 0 ? (
          <tr className={`${totalRow} text-red-700`}>
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
