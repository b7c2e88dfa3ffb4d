import { describe, expect, it } from "vitest";
import { daysBeforeDeparture, describeTiers, parseTiers, refundFenFor, refundPercentFor } from "./cancellation";

const tiers = parseTiers(JSON.stringify([{ daysBefore: 3, percent: 50 }, { daysBefore: 15, percent: 100 }]));

describe("tour cancellation tiers", () => {
  it("sorts the most generous tier first and refuses a bad one", () => {
    expect(tiers).toEqual([{ daysBefore: 15, percent: 100 }, { daysBefore: 3, percent: 50 }]);
    expect(() => parseTiers(JSON.stringify([{ daysBefore: 3, percent: 120 }]))).toThrow();
  });
  it("refunds in full from 15 days, half from 3 days, nothing after", () => {
    expect([30, 15, 14, 3, 2, 0].map((d) => refundPercentFor(tiers, d))).toEqual([100, 100, 50, 50, 0, 0]);
  });
  it("counts Beijing calendar days: 23:59 on the 1st is one day more than 00:01 on the 2nd", () => {
    expect(daysBeforeDeparture("2027-05-16", new Date("2027-05-01T15:59:00Z"))).toBe(15);
    expect(daysBeforeDeparture("2027-05-16", new Date("2027-05-01T16:01:00Z"))).toBe(14);
  });
  it("rounds the refund down to the fen", () => {
    expect(refundFenFor(259_801, 50)).toBe(129_900);
    expect(refundFenFor(259_800, 100)).toBe(259_800);
  });
  it("describes the rules in words", () => {
    expect(describeTiers(tiers)).toEqual(["出发前 15 天及以上取消：退还 100%", "出发前 3 天及以上取消：退还 50%", "出发前不足 3 天取消：不退款"]);
  });
});
