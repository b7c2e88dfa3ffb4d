import { describe, expect, it } from "vitest";
import { shippingFeeFen } from "./shipping-fee";

describe("shipping fee", () => {
  it("charges ¥10 below ¥99 and nothing from ¥99 for ordinary provinces", () => {
    expect(shippingFeeFen("福建省", 9899)).toBe(1000);
    expect(shippingFeeFen("福建省", 9900)).toBe(0);
    expect(shippingFeeFen("甘肃省", 100)).toBe(1000);
  });
  it("charges remote provinces ¥25 below ¥299", () => {
    for (const p of ["新疆维吾尔自治区", "西藏自治区", "青海省"]) {
      expect(shippingFeeFen(p, 9900)).toBe(2500);
      expect(shippingFeeFen(p, 29899)).toBe(2500);
      expect(shippingFeeFen(p, 29900)).toBe(0);
    }
  });
});
