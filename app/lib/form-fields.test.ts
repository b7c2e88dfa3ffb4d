import { describe, expect, it } from "vitest";
import { cartActionSchema } from "~/models/orders/cart.schema";
import { giftIssueSchema } from "~/models/institutions/gift-code.schema";
import { wholeNumberField } from "./form-fields";

describe("whole numbers typed into forms", () => {
  const qty = wholeNumberField({ invalid: "整数" }, { min: 1, max: 999 });

  it("takes plain digits (spaces around are fine) and numbers from the browser form", () => {
    expect(qty.parse("12")).toBe(12);
    expect(qty.parse(" 7 ")).toBe(7);
    expect(qty.parse(3)).toBe(3);
  });

  it("refuses what Number() would quietly read: 1e2, 0x10, 7.0, +5, -1, 0b11, Infinity, empty", () => {
    for (const typed of ["1e2", "0x10", "7.0", "+5", "-1", "0b11", "Infinity", "", "1 2"]) {
      expect(qty.safeParse(typed).success, typed).toBe(false);
    }
    expect(qty.safeParse("0").success).toBe(false);
    expect(qty.safeParse("1000").success).toBe(false);
  });

  it("is what the cart and gift-code forms use", () => {
    expect(cartActionSchema.safeParse({ intent: "add", variantId: "v", quantity: "1e2" }).success).toBe(false);
    expect(cartActionSchema.safeParse({ intent: "set", variantId: "v", quantity: "0x10" }).success).toBe(false);
    expect(cartActionSchema.parse({ intent: "add", variantId: "v", quantity: "2" })).toMatchObject({ quantity: 2 });
    expect(giftIssueSchema.safeParse({ variantId: "v", count: "1e3", expiresOn: "2099-01-01" }).success).toBe(false);
  });
});

describe("mobile numbers typed into forms", () => {
  it("keeps the 11 digits of what people type and refuses what is not a mainland mobile", async () => {
    const { mobileField } = await import("./form-fields");
    const field = mobileField("手机号");
    expect(["13800008000", " 138 0000 8000 ", "138-0000-8000", "+86 138 0000 8000", "8613800008000"].map((v) => field.parse(v))).toEqual(Array(5).fill("13800008000"));
    for (const bad of ["1380000800", "23800008000", "0931-8000000", "+1 138 0000 8000", ""]) expect(field.safeParse(bad).success).toBe(false);
  });
});
