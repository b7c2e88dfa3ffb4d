// The life of a parcel: 待发货 → 已发货 → 已收货 (the buyer confirms, or the sweeper does after
// AUTO_RECEIPT_DAYS). A parcel of an order refunded in full before it shipped is cancelled.
export const PARCEL_STATUSES = ["PENDING", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

export const PARCEL_STATUS_LABELS: Record<ParcelStatus, string> = {
  PENDING: "待发货",
  SHIPPED: "已发货",
  DELIVERED: "已收货",
  CANCELLED: "已取消",
};

export function parcelStatusLabel(status: string) {
  return PARCEL_STATUS_LABELS[status as ParcelStatus] ?? status;
}

export const PARCEL_SOURCE_LABELS: Record<string, string> = { ORDER: "订单地址", RECIPIENT: "导入收件人", GIFT_CODE: "兑换码" };

/** Days after shipping when receipt is confirmed for a buyer who neither confirms nor complains. */
export const AUTO_RECEIPT_DAYS = 10;
/** Hours after payment by which a co-op should have shipped; later parcels show to staff. */
export const SHIP_WITHIN_HOURS = 48;

/** "LH-2026-AB12-CD34-2": the order number and the parcel's place in it. */
export function parcelCode(orderNumber: string, seq: number) {
  return `${orderNumber}-${seq}`;
}

/** The order number and seq of a parcel code (any case, spaces ignored); null when it is not one. */
export function parseParcelCode(text: string): { orderNumber: string; seq: number } | null {
  const m = /^(.+)-(\d{1,4})$/.exec(text.trim().toUpperCase().replace(/\s+/g, ""));
  return m ? { orderNumber: m[1], seq: Number(m[2]) } : null;
}

/** The tabs of a co-op's parcel list. */
export const COOP_PARCEL_TABS = ["pending", "shipped", "delivered"] as const;
export type CoopParcelTab = (typeof COOP_PARCEL_TABS)[number];

/** Limits of a shipping file (包裹号, 快递公司, 运单号). */
export const MAX_SHIPPING_ROWS = 2000;
export const MAX_SHIPPING_FILE_BYTES = 2 * 1024 * 1024;
