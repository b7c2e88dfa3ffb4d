import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, creditCodeProblem } from "~/lib/credit-code";

describe("统一社会信用代码 check character (GB 32100)", () => {
  it("accepts published codes", () => {
    // two large enterprises (printed on their public licences)
    expect(creditCodeProblem("91110000802100433B")).toBeNull();
    expect(creditCodeProblem("91440300708461136T")).toBeNull();
    expect(creditCodeProblem("91350100M000100Y43")).toBeNull();
  });

  it("computes the check character, with 31 mapped to 0", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    for (let n = 0; n < 200; n++) {
      const body = `9362${String(n).padStart(4, "0")}MA7UAB123`;
      const check = creditCodeCheckChar(body)!;
      expect(creditCodeProblem(body + check)).toBeNull();
    }
  });

  it("tells a wrong check character from a wrong shape", () => {
    expect(creditCodeProblem("91350100M000100Y44")).toBe("check");
    expect(creditCodeProblem("91350100M000100Y4")).toBe("shape");
    expect(creditCodeProblem("91350100M000100YI3")).toBe("shape"); // I is never used
    expect(creditCodeProblem("9135010OM000100Y43")).toBe("shape"); // letters in the 6-digit area code
  });
});
