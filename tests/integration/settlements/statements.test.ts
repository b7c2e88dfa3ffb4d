// Monthly statements tie to the ledger to the fen: on generated orders across co-ops and months,
// with line, amount and full refunds and shipping fees, each co-op's goods and refunds equal its
// co-op-level ledger entries, and the sums over co-ops equal the orders' own figures.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { startOfBusinessDay } from "~/lib/china-time";
import { refundOrder } from "~/models/orders/refund.server";
import { coopStatement, markStatementPaid, monthRange, monthStatements, platformFee } from "~/models/settlements/statement.server";
import { makePaidOrder, seededRandom } from "../../factories";
import { ADDRESS, threeCoops } from "../../support/parcels";

describe("co-op statements", () => {
  // 60 orders and their refunds: well over the default 20 s on a busy two-core machine.
  it("add up to the ledger and to the orders, to the fen, on generated data", { timeout: 120_000 }, async () => {
    const s = await threeCoops({ prices: [1999, 3333, 12050], stock: 100_000 });
    const rand = seededRandom(13);
    const months = ["2026-09", "2026-10"];
    const orderIds: string[] = [];
    for (let k = 0; k < 60; k++) {
      const month = months[k % 2];
      // spread over the month, including the last minutes of its last day in Beijing time
      const day = 1 + Math.floor(rand() * 28);
      const paidAt = new Date(startOfBusinessDay(`${month}-${String(day).padStart(2, "0")}`).getTime() + Math.floor(rand() * 86_399_000));
      const lines = s.variants.filter(() => rand() < 0.6).map((v) => ({ variantId: v.id, quantity: 1 + Math.floor(rand() * 5) }));
      if (lines.length === 0) lines.push({ variantId: s.variants[0].id, quantity: 1 });
      const order = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt, shippingFen: [0, 800, 1000, 1299][Math.floor(rand() * 4)], lines });
      orderIds.push(order.id);
      const roll = rand();
      if (roll < 0.15) await refundOrder({ orderId: order.id, staffId: s.staff.id, reason: "整单退款", request: { mode: "full" } });
      else if (roll < 0.35) await refundOrder({ orderId: order.id, staffId: s.staff.id, reason: "部分退款", request: { mode: "line", orderLineId: order.lines[0].id, amountFen: 1 + Math.floor(rand() * order.lines[0].lineTotalFen) } });
      else if (roll < 0.45) await refundOrder({ orderId: order.id, staffId: s.staff.id, reason: "补偿", request: { mode: "amount", amountFen: 1 + Math.floor(rand() * (order.subtotalFen - 1)) } });
    }
    // refunds happen now (December): they belong to this month, not to the months of the sales
    const coopIds = s.coops.map((c) => c.id);

    for (const month of [...months, new Date().toISOString().slice(0, 7)]) {
      const range = monthRange(month);
      const statements = (await monthStatements(month, { feeRateBps: 150 })).filter((x) => coopIds.includes(x.coopId));
      for (const st of statements) {
        const ledger = await prisma.attributionEntry.groupBy({ by: ["kind"], where: { level: "COOP", coopId: st.coopId, occurredAt: { gte: range.from, lt: range.to } }, _sum: { amountFen: true } });
        const sale = ledger.find((l) => l.kind === "SALE")?._sum.amountFen ?? 0;
        const refund = 0 - (ledger.find((l) => l.kind === "REFUND")?._sum.amountFen ?? 0);
        expect([st.goodsFen, st.refundsFen]).toEqual([sale, refund]);
        expect(st.feeFen).toBe(platformFee(st.goodsFen - st.refundsFen, 150));
        expect(st.netFen).toBe(st.goodsFen - st.refundsFen + st.shippingFen - st.feeFen);
      }
      // the sums over the co-ops, from the orders themselves (not from the ledger)
      const sum = (f: (x: (typeof statements)[number]) => number) => statements.reduce((a, x) => a + f(x), 0);
      const sold = await prisma.orderLine.aggregate({ where: { orderId: { in: orderIds }, order: { paidAt: { gte: range.from, lt: range.to } } }, _sum: { lineTotalFen: true } });
      const lineRefunds = await prisma.refund.aggregate({ where: { orderId: { in: orderIds }, orderLineId: { not: null }, createdAt: { gte: range.from, lt: range.to } }, _sum: { amountFen: true } });
      const shipping = await prisma.order.aggregate({ where: { id: { in: orderIds }, paidAt: { gte: range.from, lt: range.to } }, _sum: { shippingFen: true } });
      const shippingRefunds = await prisma.refund.aggregate({ where: { orderId: { in: orderIds }, orderLineId: null, createdAt: { gte: range.from, lt: range.to } }, _sum: { amountFen: true } });
      expect(sum((x) => x.goodsFen)).toBe(sold._sum.lineTotalFen ?? 0);
      expect(sum((x) => x.refundsFen)).toBe(lineRefunds._sum.amountFen ?? 0);
      expect(sum((x) => x.shippingFen)).toBe((shipping._sum.shippingFen ?? 0) - (shippingRefunds._sum.amountFen ?? 0));
    }
    const september = (await monthStatements("2026-09")).filter((x) => coopIds.includes(x.coopId));
    expect(september).toHaveLength(3);
    expect(september.every((x) => x.goodsFen > 0 && x.refundsFen === 0 && x.closed)).toBe(true);
  });

  it("splits an order's shipping fee between its co-ops by their goods, and counts a sale at 23:59 Beijing time in its own month", async () => {
    const s = await threeCoops({ prices: [1000, 3000, 1] });
    // 2026-10-31 23:59 in Beijing is 15:59 UTC: still October
    const paidAt = new Date("2026-10-31T15:59:00Z");
    await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt, shippingFen: 1001, lines: [{ variantId: s.variants[0].id, quantity: 1 }, { variantId: s.variants[1].id, quantity: 1 }] });
    const [a, b] = await Promise.all([coopStatement(s.coops[0].id, "2026-10"), coopStatement(s.coops[1].id, "2026-10")]);
    expect([a.goodsFen, a.shippingFen, b.goodsFen, b.shippingFen]).toEqual([1000, 250, 3000, 751]);
    expect((await coopStatement(s.coops[0].id, "2026-11")).goodsFen).toBe(0);
  });

  it("is marked paid once, with the bank reference, and only after the month has ended; the figures are frozen", async () => {
    const s = await threeCoops();
    await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt: new Date("2026-08-10T02:00:00Z"), lines: [{ variantId: s.variants[0].id, quantity: 2 }] });
    const now = new Date("2026-09-03T02:00:00Z");
    await expect(markStatementPaid({ coopId: s.coops[0].id, month: "2026-09", bankReference: "B20260903001", staffId: s.staff.id, now })).rejects.toThrow("2026-09 尚未结束");
    const paid = await markStatementPaid({ coopId: s.coops[0].id, month: "2026-08", bankReference: "B20260903001", staffId: s.staff.id, now });
    expect(paid.netFen).toBe(6666); // no platform fee by default, as on 832
    await expect(markStatementPaid({ coopId: s.coops[0].id, month: "2026-08", bankReference: "B20260903002", staffId: s.staff.id, now })).rejects.toThrow("该结算单已于 2026-09-03 标记付款（银行流水号 B20260903001），不能重复标记");
    expect(await prisma.coopSettlement.count({ where: { coopId: s.coops[0].id } })).toBe(1);
    // a transfer recorded late for August shows as a difference, not silently in the paid figures
    await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt: new Date("2026-08-20T02:00:00Z"), lines: [{ variantId: s.variants[0].id, quantity: 1 }] });
    const after = await coopStatement(s.coops[0].id, "2026-08");
    expect(after).toMatchObject({ netFen: 6666, paid: { bankReference: "B20260903001" }, afterPaymentFen: 3333 });
  });
});
