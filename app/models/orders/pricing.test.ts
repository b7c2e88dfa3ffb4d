import { describe, expect, it } from "vitest";
import { lineTotalFen, unitPriceFor, type Tier } from "./pricing.server";

const tiers: Tier[] = [
  { minQty: 50, priceFen: 3790, organizationId: null },
  { minQty: 200, priceFen: 3590, organizationId: null },
  { minQty: 100, priceFen: 3500, organizationId: "org-a" },
];

describe("unitPriceFor", () => {
  it("applies a tier exactly from its minimum quantity", () => {
    expect(unitPriceFor(3990, tiers, 49)).toBe(3990);
    expect(unitPriceFor(3990, tiers, 50)).toBe(3790);
    expect(unitPriceFor(3990, tiers, 199)).toBe(3790);
    expect(unitPriceFor(3990, tiers, 200)).toBe(3590);
  });
  it("gives organisation-only prices to that organisation alone", () => {
    expect(unitPriceFor(3990, tiers, 100, "org-a")).toBe(3500);
    expect(unitPriceFor(3990, tiers, 100, "org-b")).toBe(3790);
    expect(unitPriceFor(3990, tiers, 100)).toBe(3790);
  });
  it("never raises the price above the base price", () => {
    expect(unitPriceFor(3000, tiers, 500)).toBe(3000);
  });
});

describe("lineTotalFen", () => {
  it("multiplies whole fen", () => {
    expect(lineTotalFen(3790, 3)).toBe(11370);
    expect(() => lineTotalFen(37.9, 3)).toThrow(TypeError);
  });
});
