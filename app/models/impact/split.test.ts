import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../tests/factories";
import { splitByWeights } from "./split";

describe("splitByWeights", () => {
  it("splits 100 fen three ways exactly, the odd fen to the first largest remainder", () => {
    expect(splitByWeights(100, [{ key: "a", weight: 1 }, { key: "b", weight: 1 }, { key: "c", weight: 1 }]).map((p) => p.amountFen)).toEqual([34, 33, 33]);
  });

  it("follows the weights", () => {
    expect(splitByWeights(1000, [{ key: "a", weight: 3 }, { key: "b", weight: 1 }]).map((p) => p.amountFen)).toEqual([750, 250]);
  });

  it("splits refunds (negative amounts) as the mirror image", () => {
    const sale = splitByWeights(101, [{ key: "a", weight: 2 }, { key: "b", weight: 3 }]);
    const refund = splitByWeights(-101, [{ key: "a", weight: 2 }, { key: "b", weight: 3 }]);
    expect(refund.map((p) => p.amountFen)).toEqual(sale.map((p) => -p.amountFen));
  });

  it("property: parts add up exactly, are never negative, and are deterministic", () => {
    const rand = seededRandom(42);
    for (let run = 0; run < 2000; run++) {
      const amount = Math.floor(rand() * 10_000_000);
      const n = 1 + Math.floor(rand() * 12);
      const parts = Array.from({ length: n }, (_, i) => ({ key: i, weight: Math.floor(rand() * 10) + (i === 0 ? 1 : 0) }));
      const a = splitByWeights(amount, parts);
      const b = splitByWeights(amount, parts.map((p) => ({ ...p })));
      expect(a.reduce((s, p) => s + p.amountFen, 0)).toBe(amount);
      expect(a.every((p) => p.amountFen >= 0 && Number.isInteger(p.amountFen))).toBe(true);
      expect(a).toEqual(b);
      // No part is more than one fen away from its exact share.
      const total = parts.reduce((s, p) => s + p.weight, 0);
      a.forEach((p, i) => expect(Math.abs(p.amountFen - (amount * parts[i].weight) / total)).toBeLessThan(1));
    }
  });

  it("refuses fractional amounts and empty or zero weights", () => {
    expect(() => splitByWeights(10.5, [{ key: 1, weight: 1 }])).toThrow(TypeError);
    expect(() => splitByWeights(10, [])).toThrow();
    expect(() => splitByWeights(10, [{ key: 1, weight: 0 }])).toThrow();
  });
});
