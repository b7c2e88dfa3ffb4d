import { describe, expect, it } from "vitest";
import { fenToYuan, formatFen, parseYuan } from "./money";

describe("formatFen", () => {
  it("shows yuan with two decimals and thousands separators", () => {
    expect(formatFen(3990)).toBe("¥39.90");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(123456789)).toBe("¥1,234,567.89");
    expect(formatFen(-1250)).toBe("-¥12.50");
  });
  it("refuses fractional fen", () => {
    expect(() => formatFen(12.5)).toThrow(TypeError);
  });
});

describe("parseYuan", () => {
  it("turns typed yuan into integer fen without float error", () => {
    expect(parseYuan("39.9")).toBe(3990);
    expect(parseYuan("0.07")).toBe(7);
    expect(parseYuan("1234")).toBe(123400);
    expect(parseYuan("19.99")).toBe(1999);
  });
  it("rejects what is not a price", () => {
    for (const bad of ["", "abc", "1.234", "-3", "1e3", "12,00"]) expect(parseYuan(bad)).toBeNull();
  });
});

describe("fenToYuan", () => {
  it("writes plain yuan that parseYuan reads back to the same fen", () => {
    for (const fen of [0, 5, 3990, 123456789]) expect(parseYuan(fenToYuan(fen))).toBe(fen);
    expect(fenToYuan(-1250)).toBe("-12.50");
  });
});
