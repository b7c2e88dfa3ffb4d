import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { cancelUnpaidOrder, markOrderPaid, placeOrder, transition } from "~/models/orders/order.server";
import { OutOfStockError } from "~/models/orders/stock.server";
import { makeProduct, makeUser, makeWorld } from "../../factories";

async function productWithStock(stock: number, priceFen = 5000) {
  const w = await makeWorld(prisma);
  return makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen, stock }] });
}

describe("placing orders", () => {
  it("exactly the available units are sold when many buyers race for the last boxes", async () => {
    const product = await productWithStock(10);
    const variantId = product.variants[0].id;
    const buyers = await Promise.all(Array.from({ length: 30 }, () => makeUser(prisma)));
    const results = await Promise.allSettled(
      buyers.map((b) => placeOrder({ buyerId: b.id, status: "PENDING_PAYMENT", lines: [{ variantId, quantity: 1 }] })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(10);
    expect(lost.every((r) => (r as PromiseRejectedResult).reason instanceof OutOfStockError)).toBe(true);
    const variant = await prisma.variant.findUniqueOrThrow({ where: { id: variantId } });
    expect(variant.stock).toBe(0);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).totalStock).toBe(0);
    expect(await prisma.order.count({ where: { lines: { some: { variantId } } } })).toBe(10);
  });

  it("a multi-line order that cannot be filled reserves nothing", async () => {
    const plenty = await productWithStock(100);
    const scarce = await productWithStock(1);
    const buyer = await makeUser(prisma);
    await expect(
      placeOrder({
        buyerId: buyer.id,
        status: "PENDING_PAYMENT",
        lines: [{ variantId: plenty.variants[0].id, quantity: 5 }, { variantId: scarce.variants[0].id, quantity: 2 }],
      }),
    ).rejects.toBeInstanceOf(OutOfStockError);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: plenty.variants[0].id } })).stock).toBe(100);
  });

  it("the same client request id makes one order, however often it is sent", async () => {
    const product = await productWithStock(10);
    const buyer = await makeUser(prisma);
    const input = { buyerId: buyer.id, status: "PENDING_PAYMENT" as const, clientRequestId: "req-1", lines: [{ variantId: product.variants[0].id, quantity: 2 }] };
    const [a, b] = await Promise.all([placeOrder(input), placeOrder(input)]);
    expect(a.id).toBe(b.id);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: product.variants[0].id } })).stock).toBe(8);
  });

  it("prices lines at the volume tier their quantity reaches", async () => {
    const product = await productWithStock(1000, 4000);
    await prisma.priceTier.create({ data: { variantId: product.variants[0].id, minQty: 50, priceFen: 3600 } });
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: product.variants[0].id, quantity: 50 }] });
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    expect([line.unitPriceFen, line.lineTotalFen]).toEqual([3600, 180000]);
  });
});

describe("paying and cancelling", () => {
  it("marks an order paid once, writes the ledger once, and records the transition", async () => {
    const product = await productWithStock(10, 2500);
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: product.variants[0].id, quantity: 2 }] });
    const pay = () => markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", amountFen: 5000 });
    const results = await Promise.all([pay(), pay(), pay()]);
    expect(results.sort()).toEqual(["already", "already", "paid"]);
    expect(await prisma.payment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: order.id }, level: "COUNTY" } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { to: buyer.email } })).toBe(1);
    const events = await prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.toStatus)).toEqual(["PENDING_PAYMENT", "PAID"]);
  });

  it("cancelling an unpaid order gives its stock back; a paid order cannot be cancelled that way", async () => {
    const product = await productWithStock(5);
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: product.variants[0].id, quantity: 3 }] });
    await cancelUnpaidOrder(order.id, null, "支付超时");
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: product.variants[0].id } })).stock).toBe(5);
    expect(await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", amountFen: 15000 })).toBe("not-payable");
    await expect(prisma.$transaction((tx) => transition(tx, { orderId: order.id, from: "CANCELLED", to: "PAID" }))).rejects.toThrow();
  });
});
