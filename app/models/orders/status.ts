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

/** What an order sells: goods from the cart, an institution's bulk order, or one of the article's schemes. */
export const ORDER_KINDS = ["RETAIL", "BULK", "TREE", "TOUR", "PRESALE"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/**
 * The schemes (docs/decisions/0013-schemes.md): their lines point at a Product with status SCHEME,
 * priced by the scheme's own rules, and the buyer follows them on the scheme's own page too.
 */
export const SCHEME_KINDS = ["TREE", "TOUR", "PRESALE"] as const satisfies readonly OrderKind[];
export type SchemeKind = (typeof SCHEME_KINDS)[number];
export const SCHEME_PRODUCT_STATUS = "SCHEME";

export const SCHEME_LABELS: Record<SchemeKind, string> = { TREE: "果树认养", TOUR: "乡村旅游", PRESALE: "订单农业预售" };

/** Where the buyer of a scheme order manages it (certificate and harvest, travellers, balance). */
export const SCHEME_PAGES: Record<SchemeKind, (orderNumber: string) => string> = {
  TREE: () => "/trees/mine",
  TOUR: (number) => `/tours/bookings/${number}`,
  PRESALE: () => "/presales/mine",
};

export function isSchemeKind(kind: string): kind is SchemeKind {
  return (SCHEME_KINDS as readonly string[]).includes(kind);
}

/** The last sentence of the "paid" e-mail: what happens next depends on what was bought. */
export const PAID_NEXT_STEP: Record<OrderKind, string> = {
  RETAIL: "我们会尽快安排发货。",
  BULK: "我们会尽快安排发货。",
  TREE: "认养证书已生成，可在「我的认养」查看、打印，并安排收成的寄送。",
  TOUR: "座位已为您确认，出发前请留意行程通知。",
  PRESALE: "采收后将按付款先后为您备货发出，届时另行通知。",
};

/** Paid and not refunded in full: a tree adoption, a tour booking or a pre-order that still stands. */
export const STANDING_STATUSES: readonly OrderStatus[] = REFUNDABLE_STATUSES;

/** Each scheme's own catalogue category: reports and /impact show it as its own line. */
export const SCHEME_CATEGORIES: Record<SchemeKind, { slug: string; name: string }> = {
  TREE: { slug: "tree-adoption", name: "果树认养" },
  TOUR: { slug: "rural-tours", name: "乡村旅游" },
  PRESALE: { slug: "order-farming", name: "订单农业" },
};
/**
 * Whether a payment attempt failed on this order: recordFailedPayment writes the only timeline
 * event that leaves an order 待付款 where it was, so the order page can offer 重新支付.
 */
export function hadFailedPayment(events: readonly { fromStatus: string | null; toStatus: string }[]): boolean {
  return events.some((e) => e.fromStatus === "PENDING_PAYMENT" && e.toStatus === "PENDING_PAYMENT");
}

/** Whether the order's total was ever taken (实付) or is only owed (应付). */
export function wasPaid(status: string): boolean {
  return PAID_STATUSES.includes(status as OrderStatus);
}

/** How an order was paid, in a buyer's and staff's words (Order.paymentMethod). */
const PAYMENT_METHOD_NAMES: Record<string, string> = { CARD: "在线支付", TEST: "演示支付（不扣款）", BANK_TRANSFER: "对公转账" };
export const paymentMethodName = (method: string) => PAYMENT_METHOD_NAMES[method] ?? "其他方式";
