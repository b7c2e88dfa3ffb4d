import type { ReactNode } from "react";
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { maskMobile } from "~/lib/phone";
import { AFTER_SALES_KIND_LABELS, afterSalesStatusLabel, type AfterSalesKind } from "~/models/after-sales/status";
import { COURIERS } from "~/models/parcels/couriers";
import { parcelStatusLabel } from "~/models/parcels/status";

// Pieces shared by the pages that show parcels: the buyer's order, the staff order, the co-op's list.

export function ParcelStatusBadge({ status }: { status: string }) {
  const tone =
    status === "DELIVERED" ? "bg-emerald-100 text-emerald-800" : status === "SHIPPED" ? "bg-sky-100 text-sky-800" : status === "PENDING" ? "bg-amber-100 text-amber-800" : "bg-stone-200 text-stone-700";
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone}`}>{parcelStatusLabel(status)}</span>;
}

interface ParcelHead {
  code: string;
  status: string;
  recipient: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  street: string;
  courier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  receivedBy?: string | null;
  coop: { name: string };
  items: { id: string; quantity: number; orderLine: { productName: string; variantName: string } }[];
}

/** Tracking number as a link to the courier's own tracking page. */
export function Tracking({ parcel }: { parcel: Pick<ParcelHead, "courier" | "trackingNumber" | "trackingUrl"> }) {
  if (!parcel.trackingNumber) return null;
  return (
    <span>
      {parcel.courier} ·{" "}
      {parcel.trackingUrl ? (
        <a href={parcel.trackingUrl} target="_blank" rel="noreferrer noopener" className="font-mono text-brand-700 underline">
          {parcel.trackingNumber}
        </a>
      ) : (
        <span className="font-mono">{parcel.trackingNumber}</span>
      )}
    </span>
  );
}

/** One parcel as a card: who ships it, to whom, what is in it, where it is; `children` adds actions. */
export function ParcelCard({ parcel, showMobile = false, children }: { parcel: ParcelHead; showMobile?: boolean; children?: ReactNode }) {
  const mobile = showMobile ? parcel.mobile : maskMobile(parcel.mobile);
  return (
    <article aria-label={`包裹 ${parcel.code}`} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <header className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs text-stone-500">{parcel.code}</span>
        <span className="font-medium">{parcel.coop.name}</span>
        <ParcelStatusBadge status={parcel.status} />
      </header>
      <ul className="space-y-0.5">
        {parcel.items.map((i) => (
          <li key={i.id}>
            {i.orderLine.productName}（{i.orderLine.variantName}）× {i.quantity}
          </li>
        ))}
      </ul>
      <p className="text-stone-600">
        {parcel.recipient} {mobile} · {parcel.province}
        {parcel.city}
        {parcel.district}
        {parcel.street}
      </p>
      {parcel.trackingNumber ? (
        <p>
          <Tracking parcel={parcel} />
          {parcel.shippedAt ? <span className="ml-2 text-stone-500">发货 {formatChinaDateTime(parcel.shippedAt)}</span> : null}
          {parcel.deliveredAt ? (
            <span className="ml-2 text-stone-500">
              收货 {formatChinaDateTime(parcel.deliveredAt)}
              {parcel.receivedBy === "AUTO" ? "（超时自动确认）" : ""}
            </span>
          ) : null}
        </p>
      ) : null}
      {children}
    </article>
  );
}

export function CourierSelect({ name = "courier", id, defaultValue, className, ariaLabel }: { name?: string; id?: string; defaultValue?: string; className?: string; ariaLabel?: string }) {
  return (
    <select name={name} id={id} defaultValue={defaultValue} className={className} aria-label={ariaLabel}>
      {COURIERS.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

export function AfterSalesSummary({ request }: { request: { kind: string; quantity: number; amountFen: number; status: string; reason: string; refusalReason: string | null; decisionNote: string | null } }) {
  return (
    <p>
      <span className="font-medium">{AFTER_SALES_KIND_LABELS[request.kind as AfterSalesKind] ?? request.kind}</span> {request.quantity} 件 · {formatFen(request.amountFen)} ·{" "}
      <span className="font-medium text-brand-700">{afterSalesStatusLabel(request.status)}</span>
      <span className="block text-stone-600">原因：{request.reason}</span>
      {request.refusalReason ? <span className="block text-red-700">合作社拒绝理由：{request.refusalReason}</span> : null}
      {request.decisionNote ? <span className="block text-stone-700">平台处理意见：{request.decisionNote}</span> : null}
    </p>
  );
}
