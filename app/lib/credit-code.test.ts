import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, isValidCreditCode } from "~/lib/credit-code";

describe("统一社会信用代码 check character", () => {
  it("accepts published codes and refuses one with a changed character", () => {
    // 91350100M000100Y43 is the code used in GB 32100's examples; 914403001922038216 (Huawei).
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("914403001922038216")).toBe(true);
    expect(isValidCreditCode("914403001922038217")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
  });
  it("refuses characters the standard leaves out (I O S V Z)", () => {
    expect(creditCodeCheckChar("9135010OM00010OY4")).toBeNull();
  });
});
