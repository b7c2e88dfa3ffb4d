import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { confirmReceipt, shipParcel } from "~/models/parcels/shipping.server";
import { planRefund, refundOrder, RefundError } from "~/models/orders/refund.server";
import { makeHousehold, makeProduct, makeUser, makeWorld, setShare } from "../../factories";
import { startFakeStripe, type FakeStripe } from "../../support/fake-stripe";

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: "whsec_refunds" });
  process.env.STRIPE_SECRET_KEY = "sk_test_refunds";
  process.env.STRIPE_API_BASE = stripe.base;
});
afterAll(async () => {
  await stripe.close();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_BASE;
});

/** A paid order of two lines (3 × ¥33.33 and 1 × ¥50.00) plus ¥10 shipping. */
async function paidOrder(provider: "stripe" | "test" = "test") {
  const w = await makeWorld(prisma);
  const a = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 3333, stock: 10 }] });
  const b = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000, stock: 10 }] });
  for (const [i, weight] of [1, 2].entries()) {
    const h = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members: 3 + i });
    await setShare(prisma, { productId: a.id, householdId: h.id, weight });
  }
  const buyer = await makeUser(prisma);
  const staff = await makeUser(prisma, { roles: ["staff"] });
  const order = await placeOrder({
    buyerId: buyer.id,
    status: "PENDING_PAYMENT",
    lines: [{ variantId: a.variants[0].id, quantity: 3 }, { variantId: b.variants[0].id, quantity: 1 }],
    shippingFen: 1000,
    address: { recipient: "王芳", mobile: "13800138000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五四路 1 号" },
  });
  await markOrderPaid({ orderId: order.id, method: provider === "stripe" ? "CARD" : "TEST", provider, providerRef: `pi_${order.id}`, amountFen: 15999 });
  const lines = await prisma.orderLine.findMany({ where: { orderId: order.id }, orderBy: { lineTotalFen: "desc" } });
  return { order, staff, buyer, lineA: lines.find((l) => l.productId === a.id)!, lineB: lines.find((l) => l.productId === b.id)! };
}

const ledger = async (orderId: string, level: string) =>
  (await prisma.attributionEntry.aggregate({ where: { orderLine: { orderId }, level }, _sum: { amountFen: true } }))._sum.amountFen ?? 0;
const orderRow = (id: string) => prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, refundedFen: true, totalFen: true } });

describe("refund math", () => {
  it("splits an order-level amount across lines by what is left on each, to the fen", () => {
    const order = { totalFen: 15999, refundedFen: 0, lines: [{ id: "a", lineTotalFen: 9999, refundedFen: 0 }, { id: "b", lineTotalFen: 5000, refundedFen: 0 }] };
    const plan = planRefund(order, { mode: "amount", amountFen: 1000 });
    expect(plan.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(1000);
    expect(plan.lines).toEqual([{ orderLineId: "a", amountFen: 667 }, { orderLineId: "b", amountFen: 333 }]);
    expect(planRefund(order, { mode: "full" })).toEqual({ lines: [{ orderLineId: "a", amountFen: 9999 }, { orderLineId: "b", amountFen: 5000 }], shippingFen: 1000 });
    expect(() => planRefund(order, { mode: "amount", amountFen: 15000 })).toThrow(RefundError);
    expect(() => planRefund(order, { mode: "line", orderLineId: "b", amountFen: 5001 })).toThrow(RefundError);
    expect(() => planRefund(order, { mode: "line", orderLineId: "b", amountFen: 0 })).toThrow(RefundError);
  });

  it("a line refund, then the rest: partly refunded, then refunded, with the ledger reversed to zero", async () => {
    const { order, staff, lineA, buyer } = await paidOrder();
    expect(await ledger(order.id, "COUNTY")).toBe(14999);
    await refundOrder({ orderId: order.id, staffId: staff.id, reason: "一箱破损", request: { mode: "line", orderLineId: lineA.id, amountFen: 3333 } });
    expect(await orderRow(order.id)).toMatchObject({ status: "PARTLY_REFUNDED", refundedFen: 3333 });
    expect(await ledger(order.id, "COUNTY")).toBe(14999 - 3333);
    expect(await ledger(order.id, "COOP")).toBe(14999 - 3333);
    expect(await ledger(order.id, "HOUSEHOLD")).toBe(9999 - 3333);

    await refundOrder({ orderId: order.id, staffId: staff.id, reason: "买家取消", request: { mode: "full" } });
    expect(await orderRow(order.id)).toMatchObject({ status: "REFUNDED", refundedFen: 15999 });
    for (const level of ["COUNTY", "COOP", "HOUSEHOLD"]) expect(await ledger(order.id, level)).toBe(0);
    const refunds = await prisma.refund.findMany({ where: { orderId: order.id } });
    expect(refunds.reduce((s, r) => s + r.amountFen, 0)).toBe(15999);
    expect(refunds.filter((r) => r.orderLineId === null).map((r) => r.amountFen)).toEqual([1000]); // the shipping fee
    const lines = await prisma.orderLine.findMany({ where: { orderId: order.id } });
    expect(lines.every((l) => l.refundedFen === l.lineTotalFen)).toBe(true);
    const events = await prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.toStatus)).toEqual(["PENDING_PAYMENT", "PAID", "PARTLY_REFUNDED", "REFUNDED"]);
    expect(events.slice(2).every((e) => e.actorId === staff.id)).toBe(true);
    expect(await prisma.outboxMessage.count({ where: { to: buyer.email, subject: { contains: "退款" } } })).toBe(2);
    await expect(refundOrder({ orderId: order.id, staffId: staff.id, reason: "再退", request: { mode: "full" } })).rejects.toThrow(RefundError);
  });

  it("two staff refunding at once never refund more than was paid", async () => {
    const { order, staff } = await paidOrder();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => refundOrder({ orderId: order.id, staffId: staff.id, reason: "重复点击", request: { mode: "full" } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "REFUNDED", refundedFen: 15999 });
    expect((await prisma.refund.aggregate({ where: { orderId: order.id }, _sum: { amountFen: true } }))._sum.amountFen).toBe(15999);
  });

  it("refunds card payments through Stripe with an idempotency key, and undoes the hold when Stripe refuses", async () => {
    const { order, staff, lineB } = await paidOrder("stripe");
    await refundOrder({ orderId: order.id, staffId: staff.id, reason: "少发一袋", request: { mode: "line", orderLineId: lineB.id, amountFen: 2000 } });
    const sent = stripe.requests.filter((r) => r.path === "/v1/refunds" && r.params.payment_intent === `pi_${order.id}`);
    expect(sent).toHaveLength(1);
    expect(sent[0].params.amount).toBe("2000");
    expect(sent[0].idempotencyKey).toMatch(/^refund-/);
    const refund = await prisma.refund.findFirstOrThrow({ where: { orderId: order.id } });
    expect(refund.providerRef).toMatch(/^re_test_/);

    stripe.failRefunds(true);
    await expect(refundOrder({ orderId: order.id, staffId: staff.id, reason: "再退", request: { mode: "full" } })).rejects.toThrow(/退款失败/);
    stripe.failRefunds(false);
    expect(await orderRow(order.id)).toMatchObject({ status: "PARTLY_REFUNDED", refundedFen: 2000 });
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
    expect((await prisma.orderLine.findUniqueOrThrow({ where: { id: lineB.id } })).refundedFen).toBe(2000);
  });

  it("a shipped order partly refunded can still be received, and its parcel is never shipped twice", async () => {
    const { order, staff, buyer, lineB } = await paidOrder();
    const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id } });
    await shipParcel({ coopId: null, actorId: staff.id, parcelId: parcel.id, courier: "顺丰", trackingNumber: "SF1002003004005" });
    await refundOrder({ orderId: order.id, staffId: staff.id, reason: "少发一袋", request: { mode: "line", orderLineId: lineB.id, amountFen: 500 } });
    expect((await orderRow(order.id)).status).toBe("PARTLY_REFUNDED");
    await expect(shipParcel({ coopId: null, actorId: staff.id, parcelId: parcel.id, courier: "顺丰", trackingNumber: "SF1002003004006" })).rejects.toThrow(/已发货/);
    await confirmReceipt({ parcelId: parcel.id, buyerId: buyer.id });
    expect((await orderRow(order.id)).status).toBe("DELIVERED");
    expect(await prisma.parcel.count({ where: { orderId: order.id } })).toBe(1);
    await expect(confirmReceipt({ parcelId: parcel.id, buyerId: buyer.id })).rejects.toThrow(/已确认收货/);
  });

  it("a full refund before shipping cancels the parcels: the co-op has nothing left to send", async () => {
    const { order, staff } = await paidOrder();
    await refundOrder({ orderId: order.id, staffId: staff.id, reason: "买家不要了", request: { mode: "full" } });
    expect((await prisma.parcel.findMany({ where: { orderId: order.id }, select: { status: true } })).map((p) => p.status)).toEqual(["CANCELLED"]);
  });
});
