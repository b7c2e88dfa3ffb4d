import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { prisma } from "~/db.server";
import { OrderLines } from "~/components/order-parts";
import { addToCart, findCart } from "~/models/orders/cart.server";
import { placeOrder } from "~/models/orders/order.server";
import { releaseExpiredReservations } from "~/models/orders/reservation-sweeper.server";
import { getSession } from "~/session.server";
import * as order from "~/routes/orders.$number";
import * as testPay from "~/routes/pay.test.$number";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

async function setup() {
  const w = await makeWorld(prisma);
  const apples = await makeProduct(prisma, { name: "花牛苹果", countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ name: "5 斤装", priceFen: 4500, stock: 10 }] });
  const walnuts = await makeProduct(prisma, { name: "成县核桃", countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ name: "2 斤装", priceFen: 6800, stock: 10 }] });
  const tea = await makeProduct(prisma, { name: "碧口龙井", countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ name: "250 克", priceFen: 12800, stock: 10 }] });
  const buyer = await makeUser(prisma);
  return { apples, walnuts, tea, buyer, cookie: await cookieFor(buyer.id) };
}

const variant = (id: string) => prisma.variant.findUniqueOrThrow({ where: { id }, select: { stock: true, priceFen: true } });
const status = async (id: string) => (await prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

async function failTestPayment(number: string, cookie: string) {
  return responseOf(() => testPay.action(routeArgs(`/pay/test/${number}`, { cookie, params: { number }, form: { outcome: "fail" } })));
}

describe("a failed payment does not lose the order", () => {
  it("keeps it 待付款 with its stock reserved, offers 重新支付, and paying later takes the stock once", async () => {
    const s = await setup();
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.apples.variants[0].id, quantity: 3 }], reservedUntil: new Date(Date.now() + 30 * 60_000) });
    expect((await variant(s.apples.variants[0].id)).stock).toBe(7);

    const failed = await failTestPayment(placed.number, s.cookie);
    expect(failed.headers.get("Location")).toBe(`/orders/${placed.number}`);
    expect(await status(placed.id)).toBe("PENDING_PAYMENT");
    expect((await variant(s.apples.variants[0].id)).stock).toBe(7);
    const page = (await (await order.loader(routeArgs(`/orders/${placed.number}`, { cookie: s.cookie, params: { number: placed.number } }))).json()) as {
      order: { status: string; events: { fromStatus: string | null; toStatus: string; note: string | null }[] };
    };
    expect(page.order.events.at(-1)).toMatchObject({ fromStatus: "PENDING_PAYMENT", toStatus: "PENDING_PAYMENT" });
    expect(page.order.events.at(-1)?.note).toMatch(/支付未成功.*可重新支付/);
    // the test page is still there to pay again
    expect((await responseOf(() => testPay.loader(routeArgs(`/pay/test/${placed.number}`, { cookie: s.cookie, params: { number: placed.number } })))).status).toBe(200);

    const paid = await responseOf(() => testPay.action(routeArgs(`/pay/test/${placed.number}`, { cookie: s.cookie, params: { number: placed.number }, form: { outcome: "succeed" } })));
    expect(paid.status).toBe(302);
    expect(await status(placed.id)).toBe("PAID");
    expect((await variant(s.apples.variants[0].id)).stock).toBe(7);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: s.apples.id } })).totalStock).toBe(7);
  });

  it("is cancelled by the sweeper when the reservation ends, and the stock comes back once", async () => {
    const s = await setup();
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.apples.variants[0].id, quantity: 4 }], reservedUntil: new Date(Date.now() + 30 * 60_000) });
    await failTestPayment(placed.number, s.cookie);
    await failTestPayment(placed.number, s.cookie);
    expect((await variant(s.apples.variants[0].id)).stock).toBe(6);
    await releaseExpiredReservations(new Date(Date.now() + 31 * 60_000));
    expect(await status(placed.id)).toBe("CANCELLED");
    expect((await variant(s.apples.variants[0].id)).stock).toBe(10);
    // a payment arriving after that does not take the stock again
    await failTestPayment(placed.number, s.cookie);
    await releaseExpiredReservations(new Date(Date.now() + 60 * 60_000));
    expect((await variant(s.apples.variants[0].id)).stock).toBe(10);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: s.apples.id } })).totalStock).toBe(10);
  });
});

describe("再次购买", () => {
  it("puts a cancelled order's lines back into the cart at today's prices, limited by stock, and says what could not go in", async () => {
    const s = await setup();
    const placed = await placeOrder({
      buyerId: s.buyer.id,
      status: "PENDING_PAYMENT",
      lines: [
        { variantId: s.apples.variants[0].id, quantity: 2 },
        { variantId: s.walnuts.variants[0].id, quantity: 5 },
        { variantId: s.tea.variants[0].id, quantity: 1 },
      ],
    });
    await order.action(routeArgs(`/orders/${placed.number}`, { cookie: s.cookie, params: { number: placed.number }, form: { intent: "cancel" } }));
    expect(await status(placed.id)).toBe("CANCELLED");
    // since then: apples cost more, walnuts sold down to 3, the tea was taken off sale
    await prisma.variant.update({ where: { id: s.apples.variants[0].id }, data: { priceFen: 4900 } });
    await prisma.variant.update({ where: { id: s.walnuts.variants[0].id }, data: { stock: 3 } });
    await prisma.variant.update({ where: { id: s.tea.variants[0].id }, data: { active: false } });
    // the cart already holds one box of walnuts
    const { cartId } = await findCart(new Request("http://shop.test/"), s.buyer.id, { create: true });
    await addToCart(cartId, s.walnuts.variants[0].id, 1);

    const response = await responseOf(() => order.action(routeArgs(`/orders/${placed.number}`, { cookie: s.cookie, params: { number: placed.number }, form: { intent: "buy-again" } })));
    expect(response.headers.get("Location")).toBe("/cart");
    const items = await prisma.cartItem.findMany({ where: { cartId }, select: { variantId: true, quantity: true, priceFenAtAdd: true } });
    const byVariant = Object.fromEntries(items.map((i) => [i.variantId, i]));
    expect(byVariant[s.apples.variants[0].id]).toMatchObject({ quantity: 2, priceFenAtAdd: 4900 });
    expect(byVariant[s.walnuts.variants[0].id].quantity).toBe(3);
    expect(byVariant[s.tea.variants[0].id]).toBeUndefined();

    const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
    const message = (await getSession(new Request("http://shop.test/", { headers: { Cookie: cookie } }))).get("flash") as string;
    expect(message).toContain("已将 4 件商品加入购物车");
    expect(message).toContain("成县核桃（2 斤装）库存仅剩 3 件，已加入 2 件");
    expect(message).toContain("碧口龙井（250 克）已下架");
  });

  it("is refused for an order still awaiting payment and for someone else's order", async () => {
    const s = await setup();
    const other = await makeUser(prisma);
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.apples.variants[0].id, quantity: 2 }] });
    const params = { number: placed.number };
    const pending = await responseOf(() => order.action(routeArgs(`/orders/${placed.number}`, { cookie: s.cookie, params, form: { intent: "buy-again" } })));
    expect(pending.headers.get("Location")).toBe(`/orders/${placed.number}`);
    const otherCookie = await cookieFor(other.id);
    const foreign = await responseOf(() => order.action(routeArgs(`/orders/${placed.number}`, { cookie: otherCookie, params, form: { intent: "buy-again" } })));
    expect(foreign.status).toBe(404);
    expect(await prisma.cartItem.count({ where: { variantId: s.apples.variants[0].id } })).toBe(0);
  });
});

describe("应付 and 实付", () => {
  const base = { lines: [], subtotalFen: 4500, shippingFen: 0, totalFen: 4500, refundedFen: 0 };
  it("labels a total never taken 应付 and a paid one 实付", () => {
    for (const status of ["PENDING_PAYMENT", "CANCELLED"]) {
      const html = renderToString(OrderLines({ order: { ...base, status } }));
      expect(html).toContain("应付");
      expect(html).not.toContain("实付");
    }
    for (const status of ["PAID", "REFUNDED"]) expect(renderToString(OrderLines({ order: { ...base, status } }))).toContain("实付");
  });
});
