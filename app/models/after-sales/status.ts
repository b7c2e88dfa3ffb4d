// The life of an after-sales request (售后). The co-op decides first; a refused buyer can escalate
// to staff, whose decision is final. Money moves only in REFUNDING → REFUNDED (see request.server.ts).
export const AFTER_SALES_STATUSES = ["REQUESTED", "AWAITING_RETURN", "RETURN_SHIPPED", "REFUNDING", "REFUNDED", "REFUSED", "ESCALATED", "CLOSED"] as const;
export type AfterSalesStatus = (typeof AFTER_SALES_STATUSES)[number];

export const AFTER_SALES_STATUS_LABELS: Record<AfterSalesStatus, string> = {
  REQUESTED: "待合作社处理",
  AWAITING_RETURN: "待买家寄回",
  RETURN_SHIPPED: "退货已寄出",
  REFUNDING: "退款处理中",
  REFUNDED: "已退款",
  REFUSED: "合作社已拒绝",
  ESCALATED: "平台处理中",
  CLOSED: "已关闭",
};

export function afterSalesStatusLabel(status: string) {
  return AFTER_SALES_STATUS_LABELS[status as AfterSalesStatus] ?? status;
}

export const AFTER_SALES_KINDS = ["REFUND_ONLY", "RETURN_AND_REFUND"] as const;
export type AfterSalesKind = (typeof AFTER_SALES_KINDS)[number];
export const AFTER_SALES_KIND_LABELS: Record<AfterSalesKind, string> = { REFUND_ONLY: "仅退款", RETURN_AND_REFUND: "退货退款" };

export const ALLOWED_AFTER_SALES_MOVES: Record<AfterSalesStatus, readonly AfterSalesStatus[]> = {
  REQUESTED: ["AWAITING_RETURN", "REFUNDING", "REFUSED"],
  AWAITING_RETURN: ["RETURN_SHIPPED"],
  RETURN_SHIPPED: ["REFUNDING", "REFUSED"],
  // back to where it came from when the payment provider refuses the refund
  REFUNDING: ["REFUNDED", "REQUESTED", "RETURN_SHIPPED", "ESCALATED"],
  REFUSED: ["ESCALATED"],
  ESCALATED: ["AWAITING_RETURN", "REFUNDING", "CLOSED"],
  REFUNDED: [],
  CLOSED: [],
};

/** Requests still being handled: they count as a complaint (no automatic receipt) and hold their units. */
export const OPEN_AFTER_SALES: readonly AfterSalesStatus[] = ["REQUESTED", "AWAITING_RETURN", "RETURN_SHIPPED", "REFUNDING", "ESCALATED"];
/** Requests whose units are no longer claimable by another request. */
export const CLAIMING_AFTER_SALES: readonly AfterSalesStatus[] = [...OPEN_AFTER_SALES, "REFUNDED"];

/** Days after receipt during which a buyer may still ask for after-sales. */
export const AFTER_SALES_DAYS = 7;
export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * Whether a parcel may still get an after-sales request: waiting to ship (refund only: the units
 * come off the parcel), on its way, or received within AFTER_SALES_DAYS.
 */
export function afterSalesWindowOpen(parcel: { status: string; deliveredAt: Date | string | null }, now = new Date()) {
  if (parcel.status === "PENDING" || parcel.status === "SHIPPED") return true;
  if (parcel.status !== "DELIVERED" || !parcel.deliveredAt) return false;
  return now.getTime() <= new Date(parcel.deliveredAt).getTime() + AFTER_SALES_DAYS * 86_400_000;
}

/** The filters of a co-op's after-sales list. */
export const AFTER_SALES_VIEWS = ["open", "all"] as const;
