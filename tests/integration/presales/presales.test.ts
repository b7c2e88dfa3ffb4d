import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ConflictError } from "~/lib/errors";
import { reconcile } from "~/models/impact/reconciliation.server";
import { allocateHarvest } from "~/models/presales/allocation";
import { announceSlip, decidePresale, expireUnpaidBalances, recordPresaleHarvest, shipPreorder } from "~/models/presales/harvest.server";
import { cancelAfterSlip, myPreorders, payBalance, placePreorder } from "~/models/presales/preorder.server";
import { preorderSchema } from "~/models/presales/preorder.schema";
import { presalePage } from "~/models/presales/presale.server";
import { makePresale, makeUser } from "../../factories";
import { ledgerFen, pay, schemeWorld } from "../../support/schemes";

const DAY = 86_400_000;
const ADDRESS = { recipient: "王小明", mobile: "13912345678", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 100 号" };

async function presaleWorld(options: Partial<Parameters<typeof makePresale>[1]> = {}) {
  const w = await schemeWorld();
  const presale = await makePresale(prisma, {
    coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.PRESALE, name: "武都花椒预售", unit: "500 克",
    priceFen: 6_800, depositFen: 2_000, committedQty: 100, minimumQty: 10, households: w.shares, ...options,
  });
  return { ...w, presale };
}

const form = (quantity: number, mode: "FULL" | "DEPOSIT") => preorderSchema.parse({ ...ADDRESS, quantity: String(quantity), mode, clientRequestId: crypto.randomUUID() });

async function preorder(w: Awaited<ReturnType<typeof presaleWorld>>, quantity: number, mode: "FULL" | "DEPOSIT", paidAt?: Date) {
  const buyer = await makeUser(prisma);
  const order = await placePreorder({ buyer: { id: buyer.id, organizationId: null }, slug: w.presale.slug, form: form(quantity, mode) });
  await pay(order.id, paidAt);
  return { buyer, order };
}

/** Past the close, so the co-op may decide and record the harvest. */
async function closeAndGo(w: Awaited<ReturnType<typeof presaleWorld>>) {
  await prisma.presale.update({ where: { id: w.presale.id }, data: { closesAt: new Date(Date.now() - 1000) } });
  return decidePresale(w.presale.id);
}

describe("pre-ordering", () => {
  it("takes full payment or a deposit out of what is left, and refuses more than remains with nothing written", async () => {
    const w = await presaleWorld({ committedQty: 10 });
    const full = await preorder(w, 6, "FULL");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: full.order.id } })).totalFen).toBe(6 * 6_800);
    const dep = await preorder(w, 3, "DEPOSIT");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: dep.order.id } })).totalFen).toBe(3 * 2_000);
    expect((await presalePage(w.presale.slug)).left).toBe(1);
    const buyer = await makeUser(prisma);
    const before = await prisma.presaleOrder.count();
    const error = await placePreorder({ buyer: { id: buyer.id, organizationId: null }, slug: w.presale.slug, form: form(2, "FULL") }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect([error.field, error.message]).toEqual(["quantity", "只剩 1 份可预订"]);
    expect(await prisma.presaleOrder.count()).toBe(before);
  });

  it("does not go ahead below the minimum: everyone is refunded in full, automatically, and told", async () => {
    const w = await presaleWorld({ minimumQty: 50 });
    const a = await preorder(w, 10, "FULL");
    const b = await preorder(w, 5, "DEPOSIT");
    expect(await closeAndGo(w)).toBe("FAILED");
    for (const o of [a.order, b.order]) {
      expect((await prisma.order.findUniqueOrThrow({ where: { id: o.id } })).status).toBe("REFUNDED");
      expect(await ledgerFen(o.id)).toBe(0);
    }
    expect(await prisma.outboxMessage.count({ where: { subject: { contains: "未达起订量" } } })).toBeGreaterThanOrEqual(2);
    expect((await reconcile(prisma)).ok).toBe(true);
  });
});

describe("the harvest", () => {
  it("a short harvest fills in the order paid, refunds the rest automatically, asks for the balance, and tells everyone", async () => {
    const w = await presaleWorld();
    const t = (m: number) => new Date(Date.UTC(2027, 2, 1, 0, m));
    const first = await preorder(w, 40, "FULL", t(1));
    const second = await preorder(w, 30, "DEPOSIT", t(2));
    const third = await preorder(w, 20, "FULL", t(3));
    expect(await closeAndGo(w)).toBe("GOING_AHEAD");
    const result = await recordPresaleHarvest({ coopId: w.coop.id, slug: w.presale.slug, quantity: 50, actorId: w.manager.id });
    expect(result.filled).toBe(50);
    expect(result.refunds).toEqual({ refundedFen: 20 * 2_000 + 20 * 6_800, failed: [] });
    const state = async (orderId: string) => prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, refundedFen: true } });
    expect(await state(first.order.id)).toEqual({ status: "PAID", refundedFen: 0 });
    expect(await state(second.order.id)).toEqual({ status: "PARTLY_REFUNDED", refundedFen: 20 * 2_000 });
    expect(await state(third.order.id)).toEqual({ status: "REFUNDED", refundedFen: 20 * 6_800 });
    const [mineFirst] = await myPreorders({ id: second.buyer.id, organizationId: null });
    expect(mineFirst).toMatchObject({ stage: "AWAITING_BALANCE", filledQty: 10, canPayBalance: true });
    expect(await prisma.outboxMessage.count({ where: { subject: { contains: "已采收" } } })).toBe(3);
    expect(await prisma.outboxMessage.findFirst({ where: { to: second.buyer.email, subject: { contains: "已采收" } }, select: { text: true } })).toMatchObject({
      text: expect.stringContaining("为您配到 10 份；未配到的部分退款 ¥400.00，将原路退回；请在"),
    });
    // the balance: 10 × (68 − 20) yuan, through markOrderPaid; the ledger then holds the full price of what was filled
    const balance = await payBalance({ buyer: { id: second.buyer.id, organizationId: null }, preorderId: mineFirst.id, method: "CARD" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: balance.id } })).totalFen).toBe(10 * 4_800);
    await pay(balance.id);
    expect((await ledgerFen(second.order.id)) + (await ledgerFen(balance.id))).toBe(10 * 6_800);
    expect(await ledgerFen(first.order.id)).toBe(40 * 6_800);
    expect(await ledgerFen(third.order.id)).toBe(0);
    expect((await reconcile(prisma)).ok).toBe(true);
    // both filled pre-orders ship through the parcel seam; the unfilled one cannot
    const rows = await prisma.presaleOrder.findMany({ where: { presaleId: w.presale.id }, orderBy: { createdAt: "asc" } });
    await shipPreorder({ coopId: w.coop.id, preorderId: rows[0].id, courier: "中通快递", trackingNumber: "ZT100200300", actorId: w.manager.id });
    await shipPreorder({ coopId: w.coop.id, preorderId: rows[1].id, courier: "中通快递", trackingNumber: "ZT100200301", actorId: w.manager.id });
    await expect(shipPreorder({ coopId: w.coop.id, preorderId: rows[2].id, courier: "中通快递", trackingNumber: "ZT100200302", actorId: w.manager.id })).rejects.toBeInstanceOf(ConflictError);
    const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: first.order.id }, include: { items: true } });
    expect([parcel.coopId, parcel.status, parcel.trackingNumber, parcel.items.map((i) => i.quantity)]).toEqual([w.coop.id, "SHIPPED", "ZT100200300", [40]]);
  });

  it("property: whatever the orders and the harvest, refunds match the allocation and the ledger ends at the price of what was filled", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 12 }), mode: fc.constantFrom("FULL" as const, "DEPOSIT" as const) }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 70 }),
        async (orders, harvest) => {
          const w = await presaleWorld({ committedQty: 60, minimumQty: 1, priceFen: 6_801, depositFen: 1_999 });
          const placed = [];
          for (const [i, o] of orders.entries()) placed.push({ ...o, ...(await preorder(w, o.quantity, o.mode, new Date(Date.UTC(2027, 0, 1, 0, 50 - i)))) });
          await closeAndGo(w);
          await recordPresaleHarvest({ coopId: w.coop.id, slug: w.presale.slug, quantity: harvest, actorId: w.manager.id });
          const rows = await prisma.presaleOrder.findMany({ where: { presaleId: w.presale.id }, select: { id: true, firstOrderId: true, quantity: true, mode: true, filledQty: true, firstOrder: { select: { paidAt: true } } } });
          const expected = allocateHarvest(rows.map((r) => ({ id: r.id, quantity: r.quantity, mode: r.mode as "FULL" | "DEPOSIT", paidAt: r.firstOrder.paidAt! })), harvest, { priceFen: 6_801, depositFen: 1_999 });
          let filledValue = 0;
          for (const e of expected) {
            const r = rows.find((x) => x.id === e.id)!;
            expect(r.filledQty).toBe(e.filledQty);
            const order = await prisma.order.findUniqueOrThrow({ where: { id: r.firstOrderId }, select: { refundedFen: true, totalFen: true } });
            expect([order.totalFen, order.refundedFen]).toEqual([e.paidFen, e.refundFen]);
            expect(await ledgerFen(r.firstOrderId)).toBe(e.paidFen - e.refundFen);
            filledValue += e.paidFen - e.refundFen + e.balanceFen;
          }
          // the last paid are the ones left short (placed in reverse paid order above)
          expect(filledValue).toBe(expected.reduce((s, e) => s + e.filledQty, 0) * 6_801);
        },
      ),
      { numRuns: 6 },
    );
    expect((await reconcile(prisma)).ok).toBe(true);
  }, 120_000);

  it("an unpaid balance forfeits the deposit, or refunds it, as the pre-sale said", async () => {
    for (const rule of ["FORFEIT", "REFUND"] as const) {
      const w = await presaleWorld({ unpaidBalance: rule, balanceDays: 7 });
      const { order } = await preorder(w, 10, "DEPOSIT");
      await closeAndGo(w);
      await recordPresaleHarvest({ coopId: w.coop.id, slug: w.presale.slug, quantity: 100, actorId: w.manager.id });
      const [p] = await prisma.presaleOrder.findMany({ where: { presaleId: w.presale.id } });
      // a balance order started but never paid
      const buyer = await prisma.user.findUniqueOrThrow({ where: { id: p.buyerId } });
      const balance = await payBalance({ buyer: { id: buyer.id, organizationId: null }, preorderId: p.id, method: "CARD" });
      expect(await expireUnpaidBalances(new Date(Date.now() + 8 * DAY))).toBeGreaterThanOrEqual(1);
      expect((await prisma.order.findUniqueOrThrow({ where: { id: balance.id } })).status).toBe("CANCELLED");
      const after = await prisma.presaleOrder.findUniqueOrThrow({ where: { id: p.id } });
      expect(after.stage).toBe(rule === "FORFEIT" ? "FORFEITED" : "LAPSED");
      expect(await ledgerFen(order.id)).toBe(rule === "FORFEIT" ? 10 * 2_000 : 0);
    }
    expect((await reconcile(prisma)).ok).toBe(true);
  });
});

describe("a slipping harvest window", () => {
  it("is announced to every buyer, who may then cancel for a full refund; the units go back on sale", async () => {
    const w = await presaleWorld();
    const a = await preorder(w, 10, "DEPOSIT");
    const b = await preorder(w, 5, "FULL");
    const [mine] = await myPreorders({ id: a.buyer.id, organizationId: null });
    expect(mine.canCancel).toBe(false);
    await expect(cancelAfterSlip({ buyer: { id: a.buyer.id, organizationId: null }, preorderId: mine.id })).rejects.toBeInstanceOf(ConflictError);
    await prisma.user.update({ where: { id: a.buyer.id }, data: { phone: "13912340000" } });
    await announceSlip({ coopId: w.coop.id, slug: w.presale.slug, harvestFrom: "2027-08-10", harvestTo: "2027-08-31", note: "春季低温，花椒转色推迟" });
    expect(await prisma.outboxMessage.count({ where: { subject: { contains: "采收期推迟" }, to: { in: [a.buyer.email, b.buyer.email] } } })).toBe(2);
    // and by SMS to the buyer whose mobile is known, on the general notice template
    const sms = await prisma.outboxMessage.findMany({ where: { channel: "SMS", to: "13912340000" }, select: { template: true, text: true } });
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ template: "notice", text: expect.stringContaining("推迟") });
    expect((await presalePage(w.presale.slug)).harvestFrom).toBe("2027-08-10");
    const [now] = await myPreorders({ id: a.buyer.id, organizationId: null });
    expect(now.canCancel).toBe(true);
    await cancelAfterSlip({ buyer: { id: a.buyer.id, organizationId: null }, preorderId: now.id });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: a.order.id } })).status).toBe("REFUNDED");
    expect(await ledgerFen(a.order.id)).toBe(0);
    expect((await presalePage(w.presale.slug)).left).toBe(95);
    // someone else's pre-order is not theirs to cancel
    await expect(cancelAfterSlip({ buyer: { id: a.buyer.id, organizationId: null }, preorderId: (await myPreorders({ id: b.buyer.id, organizationId: null }))[0].id })).rejects.toMatchObject({ status: 404 });
  });
});
