// The life of an order. Every change goes through `transition` in order.server.ts, which checks it
// against this table and records who made it. Bulk (institution) orders start with approval.
export const ORDER_STATUSES = [
  "DRAFT",
  "PENDING_APPROVAL",
  "RETURNED",
  "PENDING_PAYMENT",
  "PAID",
  "SHIPPED",
  "DELIVERED",
  "CANCELLED",
  "PARTLY_REFUNDED",
  "REFUNDED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  DRAFT: "草稿",
  PENDING_APPROVAL: "待审批",
  RETURNED: "已退回修改",
  PENDING_PAYMENT: "待付款",
  PAID: "已付款",
  SHIPPED: "已发货",
  DELIVERED: "已签收",
  CANCELLED: "已取消",
  PARTLY_REFUNDED: "部分退款",
  REFUNDED: "已退款",
};

/** The words for a status as it comes from the database (an unknown one is shown as it is). */
export function orderStatusLabel(status: string): string {
  return isOrderStatus(status) ? ORDER_STATUS_LABELS[status] : status;
}

export const ALLOWED_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  DRAFT: ["PENDING_APPROVAL", "PENDING_PAYMENT", "CANCELLED"],
  PENDING_APPROVAL: ["PENDING_PAYMENT", "RETURNED", "CANCELLED"],
  RETURNED: ["PENDING_APPROVAL", "PENDING_PAYMENT", "CANCELLED"],
  PENDING_PAYMENT: ["PAID", "CANCELLED"],
  PAID: ["SHIPPED", "PARTLY_REFUNDED", "REFUNDED"],
  SHIPPED: ["DELIVERED", "PARTLY_REFUNDED", "REFUNDED"],
  DELIVERED: ["PARTLY_REFUNDED", "REFUNDED"],
  PARTLY_REFUNDED: ["SHIPPED", "DELIVERED", "PARTLY_REFUNDED", "REFUNDED"],
  CANCELLED: [],
  REFUNDED: [],
};

export function canTransition(from: string, to: OrderStatus): boolean {
  return (ALLOWED_TRANSITIONS[from as OrderStatus] ?? []).includes(to);
}

/** Statuses in which the order holds reserved stock that must come back if it is cancelled. */
export const HOLDS_RESERVED_STOCK: readonly OrderStatus[] = ["PENDING_PAYMENT"];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === "string" && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** Orders whose money counts (paid, possibly shipped or partly refunded). */
export const PAID_STATUSES: readonly OrderStatus[] = ["PAID", "SHIPPED", "DELIVERED", "PARTLY_REFUNDED", "REFUNDED"];

/** Institution orders still open for recipients and gift codes (not yet shipped, not cancelled). */
export const BULK_OPEN_STATUSES: readonly OrderStatus[] = ["PENDING_APPROVAL", "RETURNED", "PENDING_PAYMENT", "PAID"];

/** Orders whose goods will never go out: their gift codes can be neither redeemed nor reissued. */
export const CLOSED_STATUSES: readonly OrderStatus[] = ["CANCELLED", "REFUNDED"];

/** Statuses in which staff may refund (money was taken and not all of it given back). */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ["PAID", "SHIPPED", "DELIVERED", "PARTLY_REFUNDED"];

/** Statuses from which staff may ship. */
export const SHIPPABLE_STATUSES: readonly OrderStatus[] = ["PAID", "PARTLY_REFUNDED"];
