import { describe, expect, it } from "vitest";
import { signupSchema } from "./auth.schema";

const valid = { name: "林晓雯", email: "lin@example.cn", phone: "13912345678", password: "abcdefgh", confirmPassword: "abcdefgh", agreeTerms: "on" };

describe("signupSchema", () => {
  it("accepts a complete sign-up", () => {
    expect(signupSchema.safeParse(valid).success).toBe(true);
  });
  it("puts each problem on its own field", () => {
    const result = signupSchema.safeParse({ ...valid, email: "not-an-email", phone: "123", confirmPassword: "other" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["email", "phone", "confirmPassword"]));
  });
  it("needs the terms and the privacy policy agreed to", () => {
    const result = signupSchema.safeParse({ ...valid, agreeTerms: undefined });
    expect(result.error!.issues[0]).toMatchObject({ path: ["agreeTerms"], message: "请阅读并同意《用户协议》和《隐私政策》" });
  });
  it("normalises the phone number as people type it", () => {
    for (const phone of ["+86 138 0013 8000", "138-0013-8000", "86 13800138000"]) {
      expect(signupSchema.parse({ ...valid, phone }).phone).toBe("13800138000");
    }
  });
  it("treats the phone number as optional", () => {
    expect(signupSchema.safeParse({ ...valid, phone: "" }).success).toBe(true);
  });
});
