import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateHarvest, firstPaidFirst, type PaidPreorder } from "./allocation";

const preorders = fc.uniqueArray(
  fc.record({
    id: fc.uuid(),
    quantity: fc.integer({ min: 1, max: 500 }),
    mode: fc.constantFrom("FULL" as const, "DEPOSIT" as const),
    paidAt: fc.date({ min: new Date("2027-01-01"), max: new Date("2027-06-01"), noInvalidDate: true }),
  }),
  { maxLength: 60, selector: (o) => o.id },
);
const terms = fc
  .record({ priceFen: fc.integer({ min: 1, max: 1_000_000 }), depositShare: fc.integer({ min: 1, max: 100 }) })
  .map(({ priceFen, depositShare }) => ({ priceFen, depositFen: Math.max(1, Math.floor((priceFen * depositShare) / 100)) }));

describe("short-harvest fill and refund (property)", () => {
  it("the fen always add up and the first paid is the first filled", () => {
    fc.assert(
      fc.property(preorders, fc.integer({ min: 0, max: 20_000 }), terms, (orders, harvest, t) => {
        const result = allocateHarvest(orders, harvest, t);
        const byId = new Map(orders.map((o) => [o.id, o]));
        const asked = orders.reduce((s, o) => s + o.quantity, 0);
        const filled = result.reduce((s, r) => s + r.filledQty, 0);
        // never more than the harvest, and all of it while anyone still wants some
        expect(filled).toBe(Math.min(harvest, asked));
        for (const r of result) {
          const o = byId.get(r.id)!;
          expect(r.filledQty).toBeGreaterThanOrEqual(0);
          expect(r.filledQty).toBeLessThanOrEqual(o.quantity);
          // each buyer ends up paying exactly the full price of what they get, to the fen
          expect(r.paidFen - r.refundFen + r.balanceFen).toBe(r.filledQty * t.priceFen);
          expect(r.refundFen).toBeGreaterThanOrEqual(0);
          expect(r.refundFen).toBeLessThanOrEqual(r.paidFen);
        }
        const total = result.reduce((s, r) => s + r.paidFen - r.refundFen + r.balanceFen, 0);
        expect(total).toBe(filled * t.priceFen);
        // in payment order: full fills, then at most one partial, then nothing
        const sorted = [...orders].sort(firstPaidFirst).map((o) => result.find((r) => r.id === o.id)!);
        const firstShort = sorted.findIndex((r) => r.filledQty < byId.get(r.id)!.quantity);
        if (firstShort >= 0) for (const r of sorted.slice(firstShort + 1)) expect(r.filledQty).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it("a worked example: 100 units harvested for 60 + 50 + 30 ordered", () => {
    const at = (m: number) => new Date(Date.UTC(2027, 2, 1, 0, m));
    const orders: PaidPreorder[] = [
      { id: "c", quantity: 30, mode: "FULL", paidAt: at(3) },
      { id: "a", quantity: 60, mode: "FULL", paidAt: at(1) },
      { id: "b", quantity: 50, mode: "DEPOSIT", paidAt: at(2) },
    ];
    expect(allocateHarvest(orders, 100, { priceFen: 1_000, depositFen: 200 })).toEqual([
      { id: "a", filledQty: 60, paidFen: 60_000, refundFen: 0, balanceFen: 0 },
      { id: "b", filledQty: 40, paidFen: 10_000, refundFen: 2_000, balanceFen: 32_000 },
      { id: "c", filledQty: 0, paidFen: 30_000, refundFen: 30_000, balanceFen: 0 },
    ]);
  });
});
