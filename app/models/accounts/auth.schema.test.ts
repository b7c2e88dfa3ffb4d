import { describe, expect, it } from "vitest";
import { signupSchema } from "./auth.schema";

const valid = { name: "林晓雯", email: "lin@example.cn", phone: "13912345678", password: "abcdefgh", confirmPassword: "abcdefgh" };

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
  it("treats the phone number as optional", () => {
    expect(signupSchema.safeParse({ ...valid, phone: "" }).success).toBe(true);
  });
});
