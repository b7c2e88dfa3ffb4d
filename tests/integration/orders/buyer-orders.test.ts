import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createAfterSalesRequest } from "~/models/after-sales/request.server";
import { cancelUnpaidOrder, placeOrder } from "~/models/orders/order.server";
import { confirmReceipt, shipParcel } from "~/models/parcels/shipping.server";
import * as orders from "~/routes/orders._index";
import { makePaidOrder } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { ADDRESS, threeCoops } from "../../support/parcels";

// 我的订单: status tabs with counts, search, pages, and the buttons a buyer expects (issue 15 item 11).

type List = Awaited<ReturnType<typeof import("~/models/orders/order-view.server").listBuyerOrders>>;

async function shop() {
  const s = await threeCoops();
  const [apples, walnuts] = s.variants;
  const paid = (variantId = apples.id) => makePaidOrder(prisma, { buyerId: s.buyer.id, lines: [{ variantId, quantity: 1 }], address: ADDRESS });
  const parcelOf = async (orderId: string) => (await prisma.parcel.findFirstOrThrow({ where: { orderId } })).id;
  const ship = async (orderId: string) => {
    const parcelId = await parcelOf(orderId);
    await shipParcel({ coopId: null, actorId: s.staff.id, parcelId, courier: "顺丰", trackingNumber: "SF1234567890123" });
    return parcelId;
  };
  const pending = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: apples.id, quantity: 1 }], reservedUntil: new Date(Date.now() + 30 * 60_000) });
  const toShip = await paid(walnuts.id);
  const toReceive = await paid();
  const toReceiveParcel = await ship(toReceive.id);
  const done = await paid();
  await confirmReceipt({ parcelId: await ship(done.id), buyerId: s.buyer.id });
  const disputed = await paid();
  const disputedParcel = await ship(disputed.id);
  await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: disputedParcel, orderLineId: disputed.lines[0].id, kind: "REFUND_ONLY", quantity: 1, reason: "苹果有磕碰", photos: [] });
  const cancelled = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: apples.id, quantity: 1 }], reservedUntil: new Date(Date.now() + 30 * 60_000) });
  await cancelUnpaidOrder(cancelled.id, s.buyer.id, "买家取消订单");
  return { ...s, cookie: await cookieFor(s.buyer.id), pending, toShip, toReceive, toReceiveParcel, done, disputed, cancelled };
}

async function list(cookie: string, query = "") {
  return (await (await orders.loader(routeArgs(`/orders${query}`, { cookie }))).json()) as unknown as List;
}

describe("/orders tabs", () => {
  it("counts and lists each tab from the URL: 全部 / 待付款 / 待发货 / 待收货 / 已完成 / 售后", async () => {
    const s = await shop();
    const all = await list(s.cookie);
    expect(all.counts).toEqual({ all: 6, unpaid: 1, "to-ship": 1, "to-receive": 2, done: 1, "after-sales": 1 });
    expect(all.tab).toBe("all");
    const numbers = async (tab: string) => (await list(s.cookie, `?tab=${tab}`)).orders.map((o) => o.number).sort();
    expect(await numbers("unpaid")).toEqual([s.pending.number]);
    expect(await numbers("to-ship")).toEqual([s.toShip.number]);
    expect(await numbers("to-receive")).toEqual([s.toReceive.number, s.disputed.number].sort());
    expect(await numbers("done")).toEqual([s.done.number]);
    expect(await numbers("after-sales")).toEqual([s.disputed.number]);
    // an unknown tab is 全部
    expect((await list(s.cookie, "?tab=nonsense")).tab).toBe("all");
  });

  it("offers 确认收货, 申请售后, the courier's tracking page and 再次购买 where they apply", async () => {
    const s = await shop();
    const { orders: listed } = await list(s.cookie);
    const card = (number: string) => listed.find((o) => o.number === number)!;
    const shipped = card(s.toReceive.number).parcels[0];
    expect(shipped).toMatchObject({ status: "SHIPPED", afterSalesOpen: true, trackingUrl: "https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1234567890123" });
    expect(card(s.pending.number).canBuyAgain).toBe(false);
    for (const n of [s.toShip.number, s.done.number, s.cancelled.number]) expect(card(n).canBuyAgain).toBe(true);
  });

  it("searches by order number or product name, keeping the tab, and pages ten at a time", async () => {
    const s = await shop();
    const productName = (await prisma.product.findUniqueOrThrow({ where: { id: s.products[1].id } })).name;
    const byName = await list(s.cookie, `?q=${encodeURIComponent(productName)}`);
    expect(byName.orders.map((o) => o.number)).toEqual([s.toShip.number]);
    expect(byName.counts.all).toBe(1);
    // typed as people do: lower case, no dashes
    const typed = s.pending.number.toLowerCase().replace(/-/g, "");
    const byNumber = await list(s.cookie, `?tab=unpaid&q=${typed}`);
    expect(byNumber.orders.map((o) => o.number)).toEqual([s.pending.number]);
    expect(byNumber.counts).toMatchObject({ all: 1, unpaid: 1, done: 0 });
    for (let i = 0; i < 6; i++) await makePaidOrder(prisma, { buyerId: s.buyer.id, lines: [{ variantId: s.variants[2].id, quantity: 1 }] });
    const first = await list(s.cookie);
    const second = await list(s.cookie, "?page=2");
    expect([first.orders.length, second.orders.length, first.pages]).toEqual([10, 2, 2]);
    expect(new Set([...first.orders, ...second.orders].map((o) => o.id)).size).toBe(12);
  });

  it("every tab's count (one raw statement) is what that tab lists, for any search", async () => {
    const s = await shop();
    const productName = (await prisma.product.findUniqueOrThrow({ where: { id: s.products[0].id } })).name;
    const searches = ["", productName, productName.slice(1, 3), s.done.number, "%", "_", "\\", "不存在的商品"];
    for (const q of searches) {
      const { counts } = await list(s.cookie, `?q=${encodeURIComponent(q)}`);
      for (const tab of Object.keys(counts)) {
        const listed = await list(s.cookie, `?tab=${tab}&q=${encodeURIComponent(q)}`);
        expect(listed.orders.length, `${tab} for "${q}"`).toBe(counts[tab as keyof typeof counts]);
      }
    }
  });

  it("确认收货 and 再次购买 work from the list and come back to the same tab", async () => {
    const s = await shop();
    const confirmed = await responseOf(() => orders.action(routeArgs("/orders?index&tab=to-receive", { cookie: s.cookie, form: { intent: "confirm-receipt", parcelId: s.toReceiveParcel } })));
    expect(confirmed.headers.get("Location")).toBe("/orders?tab=to-receive");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: s.toReceive.id } })).status).toBe("DELIVERED");
    const again = await responseOf(() => orders.action(routeArgs("/orders?index", { cookie: s.cookie, form: { intent: "buy-again", orderId: s.done.id } })));
    expect(again.headers.get("Location")).toBe("/cart");
    const cart = await prisma.cart.findFirstOrThrow({ where: { userId: s.buyer.id }, select: { items: { select: { variantId: true, quantity: true } } } });
    expect(cart.items).toEqual([{ variantId: s.variants[0].id, quantity: 1 }]);
    // someone else's parcel is not found, and the list says so
    const other = await threeCoops();
    const strangerCookie = await cookieFor(other.buyer.id);
    const stranger = await responseOf(() => orders.action(routeArgs("/orders?index", { cookie: strangerCookie, form: { intent: "confirm-receipt", parcelId: s.toReceiveParcel } })));
    expect(stranger.headers.get("Location")).toBe("/orders");
    expect((await prisma.parcel.findUniqueOrThrow({ where: { id: s.toReceiveParcel } })).status).toBe("DELIVERED");
  });
});
