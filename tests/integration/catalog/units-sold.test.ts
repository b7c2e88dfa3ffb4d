import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { invalidateCatalog } from "~/models/catalog/cache.server";
import { hallProducts } from "~/models/catalog/product.server";
import { recountUnitsSold, unitsKept } from "~/models/catalog/units-sold.server";
import { cancelUnpaidOrder, markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { refundOrder } from "~/models/orders/refund.server";
import * as productPage from "~/routes/products.$slug";
import { listInHall, makeProduct, makeUser, makeWorld } from "../../factories";
import { routeArgs } from "../../requests";

async function world() {
  const w = await makeWorld(prisma);
  // The seeded counter this replaces: a made-up figure far above anything sold.
  const apples = await makeProduct(prisma, { name: "花牛苹果", salesCount: 4789, countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 4500, stock: 50 }] });
  const walnuts = await makeProduct(prisma, { name: "成县核桃", countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 6800, stock: 50 }] });
  for (const p of [apples, walnuts]) await listInHall(prisma, { hallId: w.hall.id, productId: p.id });
  await recountUnitsSold(prisma, [apples.id, walnuts.id]);
  const buyer = await makeUser(prisma);
  const staff = await makeUser(prisma, { roles: ["staff"] });
  return { ...w, apples, walnuts, buyer, staff };
}

async function buy(buyerId: string, lines: { variantId: string; quantity: number }[], pay = true) {
  const order = await placeOrder({ buyerId, status: "PENDING_PAYMENT", lines });
  const { totalFen } = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true } });
  if (pay) await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `test_${order.id}`, amountFen: totalFen });
  return order;
}

async function shown(slug: string) {
  const response = await productPage.loader(routeArgs(`/products/${slug}`, { params: { slug } }));
  return ((await response.json()) as { product: { salesCount: number } }).product.salesCount;
}

async function popular(hallId: string) {
  invalidateCatalog(); // the listing cache follows edits within a second; a test does not wait
  return (await hallProducts(hallId, { sort: "popular", page: 1 })).products.map((p) => p.name);
}

describe("累计售出", () => {
  it("counts units in paid orders, not unpaid or cancelled ones, and not a seeded figure", async () => {
    const w = await world();
    expect(await shown(w.apples.slug)).toBe(0);
    await buy(w.buyer.id, [{ variantId: w.apples.variants[0].id, quantity: 3 }]);
    await buy(w.buyer.id, [{ variantId: w.apples.variants[0].id, quantity: 5 }], false);
    const cancelled = await buy(w.buyer.id, [{ variantId: w.apples.variants[0].id, quantity: 7 }], false);
    await cancelUnpaidOrder(cancelled.id, w.buyer.id, "买家取消订单");
    expect(await shown(w.apples.slug)).toBe(3);
  });

  it("takes back units whose full price was refunded, not a goodwill refund of a few yuan", async () => {
    const w = await world();
    const order = await buy(w.buyer.id, [{ variantId: w.apples.variants[0].id, quantity: 4 }, { variantId: w.walnuts.variants[0].id, quantity: 2 }]);
    const lines = await prisma.orderLine.findMany({ where: { orderId: order.id }, select: { id: true, productId: true } });
    const appleLine = lines.find((l) => l.productId === w.apples.id)!;
    await refundOrder({ orderId: order.id, staffId: w.staff.id, reason: "破损补偿", request: { mode: "line", orderLineId: appleLine.id, amountFen: 1000 } });
    expect(await shown(w.apples.slug)).toBe(4);
    // with ¥10 already back, another ¥80 makes two whole boxes (¥90 = 2 × ¥45)
    await refundOrder({ orderId: order.id, staffId: w.staff.id, reason: "少发两箱", request: { mode: "line", orderLineId: appleLine.id, amountFen: 8000 } });
    expect(await shown(w.apples.slug)).toBe(2);
    expect(await shown(w.walnuts.slug)).toBe(2);
    await refundOrder({ orderId: order.id, staffId: w.staff.id, reason: "整单退款", request: { mode: "full" } });
    expect(await shown(w.apples.slug)).toBe(0);
    expect(await shown(w.walnuts.slug)).toBe(0);
  });

  it("orders the popular sort by the same number the pages show", async () => {
    const w = await world();
    await buy(w.buyer.id, [{ variantId: w.apples.variants[0].id, quantity: 2 }]);
    const walnuts = await buy(w.buyer.id, [{ variantId: w.walnuts.variants[0].id, quantity: 5 }]);
    expect(await popular(w.hall.id)).toEqual(["成县核桃", "花牛苹果"]);
    await refundOrder({ orderId: walnuts.id, staffId: w.staff.id, reason: "整单退款", request: { mode: "full" } });
    expect(await popular(w.hall.id)).toEqual(["花牛苹果", "成县核桃"]);
    expect([await shown(w.apples.slug), await shown(w.walnuts.slug)]).toEqual([2, 0]);
  });

  it("the migration recounts existing data exactly as the running code counts it", async () => {
    const w = await world();
    const order = await buy(w.buyer.id, [{ variantId: w.apples.variants[0].id, quantity: 6 }, { variantId: w.walnuts.variants[0].id, quantity: 3 }]);
    const appleLine = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id, productId: w.apples.id }, select: { id: true } });
    await refundOrder({ orderId: order.id, staffId: w.staff.id, reason: "少发", request: { mode: "line", orderLineId: appleLine.id, amountFen: 9500 } });
    await buy(w.buyer.id, [{ variantId: w.walnuts.variants[0].id, quantity: 1 }], false);
    const counted = await prisma.product.findMany({ where: { id: { in: [w.apples.id, w.walnuts.id] } }, select: { id: true, salesCount: true }, orderBy: { id: "asc" } });
    expect(counted.map((p) => p.salesCount).sort()).toEqual([3, 4]);

    await prisma.product.updateMany({ where: { id: { in: [w.apples.id, w.walnuts.id] } }, data: { salesCount: 4789 } });
    const sql = readFileSync(path.resolve(import.meta.dirname, "../../../prisma/migrations/20261201150000_units_sold_from_orders/migration.sql"), "utf8");
    await prisma.$executeRawUnsafe(sql);
    const migrated = await prisma.product.findMany({ where: { id: { in: [w.apples.id, w.walnuts.id] } }, select: { id: true, salesCount: true }, orderBy: { id: "asc" } });
    expect(migrated).toEqual(counted);
  });

  it("a unit is unsold only when its whole price went back", () => {
    expect(unitsKept({ quantity: 3, unitPriceFen: 4500, refundedFen: 0 })).toBe(3);
    expect(unitsKept({ quantity: 3, unitPriceFen: 4500, refundedFen: 4499 })).toBe(3);
    expect(unitsKept({ quantity: 3, unitPriceFen: 4500, refundedFen: 4500 })).toBe(2);
    expect(unitsKept({ quantity: 3, unitPriceFen: 4500, refundedFen: 13500 })).toBe(0);
  });
});
