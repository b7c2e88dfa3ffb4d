import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { recordRefund, recordSale } from "~/models/impact/ledger.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { applyPendingRollups, freshRollups, rollupsAsOf } from "~/models/impact/rollup.server";
import { makeHousehold, makeProduct, makeUser, makeWorld, setShare, uniq } from "../../factories";

async function paidOrderFor(productId: string, variantId: string, quantity: number, unitPriceFen: number) {
  const buyer = await makeUser(prisma);
  return prisma.order.create({
    data: {
      number: uniq("N"),
      buyerId: buyer.id,
      status: "PAID",
      subtotalFen: quantity * unitPriceFen,
      totalFen: quantity * unitPriceFen,
      paidAt: new Date(),
      lines: {
        create: { productId, variantId, productName: "p", variantName: "v", quantity, unitPriceFen, lineTotalFen: quantity * unitPriceFen },
      },
    },
    include: { lines: true },
  });
}

describe("attribution ledger", () => {
  it("attributes a paid line fully to county, co-op and households, exactly to the fen", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 3333 }] });
    const households = [];
    for (const members of [3, 5, 2]) households.push(await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members }));
    for (const h of households) await setShare(prisma, { productId: product.id, householdId: h.id, weight: 1 });
    const order = await paidOrderFor(product.id, product.variants[0].id, 1, 3333);

    await prisma.$transaction((tx) => recordSale(tx, order.id));
    await prisma.$transaction((tx) => recordSale(tx, order.id)); // a repeat writes nothing

    const entries = await prisma.attributionEntry.findMany({ where: { orderLineId: order.lines[0].id } });
    const sum = (level: string) => entries.filter((e) => e.level === level).reduce((s, e) => s + e.amountFen, 0);
    expect(sum("COUNTY")).toBe(3333);
    expect(sum("COOP")).toBe(3333);
    expect(sum("HOUSEHOLD")).toBe(3333);
    expect(entries.filter((e) => e.level === "HOUSEHOLD").map((e) => e.amountFen).sort()).toEqual([1111, 1111, 1111]);
    expect(entries.every((e) => e.partnerCityId === w.city.id && e.buyerType === "CONSUMER")).toBe(true);
  });

  it("a refund writes reversing rows by the sale's proportions, even after shares change", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1000 }] });
    const a = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id });
    const b = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id });
    await setShare(prisma, { productId: product.id, householdId: a.id, weight: 3 });
    await setShare(prisma, { productId: product.id, householdId: b.id, weight: 1 });
    const order = await paidOrderFor(product.id, product.variants[0].id, 2, 1000);
    await prisma.$transaction((tx) => recordSale(tx, order.id));

    // The co-op edits the shares afterwards: history must not move.
    await setShare(prisma, { productId: product.id, householdId: a.id, weight: 1 });
    await setShare(prisma, { productId: product.id, householdId: b.id, weight: 9 });

    const refund = await prisma.refund.create({ data: { orderId: order.id, amountFen: 999, reason: "破损", createdById: order.buyerId } });
    await prisma.$transaction((tx) => recordRefund(tx, { refundId: refund.id, lines: [{ orderLineId: order.lines[0].id, amountFen: 999 }] }));

    const entries = await prisma.attributionEntry.findMany({ where: { orderLineId: order.lines[0].id } });
    const net = (level: string, householdId?: string) =>
      entries.filter((e) => e.level === level && (!householdId || e.householdId === householdId)).reduce((s, e) => s + e.amountFen, 0);
    expect(net("COUNTY")).toBe(2000 - 999);
    expect(net("HOUSEHOLD")).toBe(2000 - 999);
    expect(net("HOUSEHOLD", a.id)).toBe(1500 - 749);
    expect(net("HOUSEHOLD", b.id)).toBe(500 - 250);
    expect(entries.filter((e) => e.kind === "SALE").map((e) => e.amountFen).sort((x, y) => x - y)).toEqual([500, 1500, 2000, 2000]);
  });
});

describe("rollups in batches", () => {
  it("a payment only queues its entries; two processes applying the queue at once add each entry once", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200 }] });
    const h = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members: 4 });
    await setShare(prisma, { productId: product.id, householdId: h.id, weight: 1 });
    await applyPendingRollups(prisma);
    const coopTotal = async () => (await prisma.impactCoopTotal.findMany({ where: { coopId: w.coop.id } })).reduce((s, r) => s + r.amountFen, 0);
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await paidOrderFor(product.id, product.variants[0].id, 2, 1200));
    for (const order of orders) await prisma.$transaction((tx) => recordSale(tx, order.id));

    expect(await coopTotal()).toBe(0);
    expect((await rollupsAsOf(prisma)).pending).toBe(5);
    // the same queue applied from two places at once (two server processes, or a report and the timer)
    const applied = await Promise.all([applyPendingRollups(prisma, 2), applyPendingRollups(prisma, 3), applyPendingRollups(prisma)]);
    expect(applied.reduce((s, n) => s + n, 0)).toBe(5);
    expect(await coopTotal()).toBe(5 * 2400);
    expect((await prisma.impactHouseholdTotal.findUniqueOrThrow({ where: { householdId: h.id } })).amountFen).toBe(5 * 2400);
    expect(await rollupsAsOf(prisma)).toMatchObject({ pending: 0 });
    expect((await reconcile(prisma)).rollups.every((r) => r.ledgerFen === r.rollupFen)).toBe(true);
  });

  it("where the server's rollup worker runs, a report reads the rollups as they are and says what is still being added; reconciliation adds it", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 500 }] });
    const order = await paidOrderFor(product.id, product.variants[0].id, 1, 500);
    await prisma.$transaction((tx) => recordSale(tx, order.id));
    const worker = globalThis as unknown as { __rollupWorker?: NodeJS.Timeout };
    worker.__rollupWorker = setInterval(() => undefined, 60_000); // as startRollupWorker leaves it in a server process
    try {
      expect((await freshRollups(prisma)).pending).toBe(1);
      expect(await prisma.impactRollupQueue.count()).toBe(1);
      expect((await reconcile(prisma)).rollupsAsOf.pending).toBe(0);
    } finally {
      clearInterval(worker.__rollupWorker);
      delete worker.__rollupWorker;
    }
    // without a worker (scripts, tests) a report adds the queue first, as before
    const again = await paidOrderFor(product.id, product.variants[0].id, 1, 500);
    await prisma.$transaction((tx) => recordSale(tx, again.id));
    expect((await freshRollups(prisma)).pending).toBe(0);
  });

  it("reconciliation adds what is queued before it compares the rollups with the ledger", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 700 }] });
    const order = await paidOrderFor(product.id, product.variants[0].id, 1, 700);
    await prisma.$transaction((tx) => recordSale(tx, order.id));
    const before = await prisma.impactRollupQueue.count();
    expect(before).toBeGreaterThan(0);
    const result = await reconcile(prisma);
    expect(result.rollupsAsOf.pending).toBe(0);
    expect(await prisma.impactRollupQueue.count()).toBe(0);
    expect(result.rollups.every((r) => r.ledgerFen === r.rollupFen)).toBe(true);
  });
});
