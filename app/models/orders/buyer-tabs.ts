// The tabs of 我的订单, as JD and Taobao name them. Each tab is a set of order statuses (售后 also
// takes any order with an after-sales request); the tab lives in the URL (?tab=…), so a link, a
// reload and the back button all show the same list. Browser-safe: the page renders the tabs.
import type { OrderStatus } from "~/models/orders/status";

export const BUYER_ORDER_TABS = ["all", "unpaid", "to-ship", "to-receive", "done", "after-sales"] as const;
export type BuyerOrderTab = (typeof BUYER_ORDER_TABS)[number];

export const BUYER_TAB_LABELS: Record<BuyerOrderTab, string> = {
  all: "全部",
  unpaid: "待付款",
  "to-ship": "待发货",
  "to-receive": "待收货",
  done: "已完成",
  "after-sales": "售后",
};

/** The statuses each tab lists ("all": every one; 售后 adds orders with a request, see order-view). */
export const BUYER_TAB_STATUSES: Record<Exclude<BuyerOrderTab, "all">, readonly OrderStatus[]> = {
  unpaid: ["PENDING_PAYMENT"],
  "to-ship": ["PAID"],
  "to-receive": ["SHIPPED"],
  done: ["DELIVERED"],
  "after-sales": ["PARTLY_REFUNDED", "REFUNDED"],
};

export function parseBuyerTab(value: string | null): BuyerOrderTab {
  return (BUYER_ORDER_TABS as readonly string[]).includes(value ?? "") ? (value as BuyerOrderTab) : "all";
}

/** The URL of a tab, keeping the search words; page 1 unless given. */
export function buyerOrdersHref(tab: BuyerOrderTab, q: string, page = 1) {
  const params = new URLSearchParams();
  if (tab !== "all") params.set("tab", tab);
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/orders?${query}` : "/orders";
}
