import { describe, expect, it } from "vitest";
import { ageOn, checkIdNumber, idCheckCharacter, maskIdNumber } from "./id-number";

describe("居民身份证 numbers (GB 11643)", () => {
  it("computes the check character of the standard's own example and of an X case", () => {
    // GB 11643-1999 appendix example: 11010519491231002 → X
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(idCheckCharacter("62010219900307461")).toBe("7");
  });
  it("accepts a valid number (lower-case x too) and reads the birth date", () => {
    expect(checkIdNumber("11010519491231002x")).toEqual({ ok: true, value: "11010519491231002X", birthDate: "1949-12-31" });
    expect(checkIdNumber(" 620102199003074617 ")).toMatchObject({ ok: true, birthDate: "1990-03-07" });
  });
  it("names what is wrong: length, region, birth date, check digit", () => {
    expect(checkIdNumber("62010219900307461")).toEqual({ ok: false, problem: "format" });
    expect(checkIdNumber("990102199003074617")).toEqual({ ok: false, problem: "region" });
    expect(checkIdNumber("620102199002304610")).toEqual({ ok: false, problem: "birth" });
    expect(checkIdNumber("620102203001014610", new Date("2026-12-01"))).toEqual({ ok: false, problem: "birth" });
    expect(checkIdNumber("620102199003074614")).toEqual({ ok: false, problem: "check" });
  });
  it("masks to the first four and last four characters", () => {
    expect(maskIdNumber("620102199003074617")).toBe("6201********4617");
  });
  it("counts full years of age on the departure day", () => {
    expect(ageOn("2009-06-01", "2027-05-31")).toBe(17);
    expect(ageOn("2009-06-01", "2027-06-01")).toBe(18);
  });
});
