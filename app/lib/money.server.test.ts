import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFenCapital } from "./money.server";

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const UNITS: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** Reads 大写金额 back into fen, the way a person checking a voucher would (test only). */
function readCapital(text: string): number {
  const [whole, decimals] = text.includes("元") ? text.split("元") : ["", text];
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of whole) {
    if (DIGITS.includes(ch)) digit = DIGITS.indexOf(ch);
    else if (UNITS[ch]) {
      section += digit * UNITS[ch];
      digit = 0;
    } else if (ch === "万") {
      total += (section + digit) * 10_000;
      section = digit = 0;
    } else if (ch === "亿") {
      total = (total + section + digit) * 100_000_000;
      section = digit = 0;
    } else throw new Error(`unexpected ${ch} in ${text}`);
  }
  total += section + digit;
  const jiao = /([零壹贰叁肆伍陆柒捌玖])角/.exec(decimals);
  const fen = /([零壹贰叁肆伍陆柒捌玖])分/.exec(decimals);
  return total * 100 + (jiao ? DIGITS.indexOf(jiao[1]) * 10 : 0) + (fen ? DIGITS.indexOf(fen[1]) : 0);
}

describe("formatFenCapital (大写金额)", () => {
  it("writes the amounts an accountant checks", () => {
    expect(formatFenCapital(0)).toBe("零元整");
    expect(formatFenCapital(100000)).toBe("壹仟元整");
    expect(formatFenCapital(123456)).toBe("壹仟贰佰叁拾肆元伍角陆分");
    expect(formatFenCapital(100105)).toBe("壹仟零壹元零伍分");
    expect(formatFenCapital(3_000_000)).toBe("叁万元整");
    expect(formatFenCapital(10_000_000_001)).toBe("壹亿元零壹分");
    expect(() => formatFenCapital(-1)).toThrow(TypeError);
    expect(() => formatFenCapital(1.5)).toThrow(TypeError);
  });

  it("reads back as the same amount, uses only capital numerals, and ends whole yuan with 整", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_99 }), (fen) => {
        const text = formatFenCapital(fen);
        expect(readCapital(text)).toBe(fen);
        expect(text).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        if (fen % 100 === 0) expect(text.endsWith("元整")).toBe(true);
        else expect(text.endsWith("分") || text.endsWith("角")).toBe(true);
        expect(text).not.toMatch(/零零/);
      }),
      { numRuns: 2000 },
    );
  });
});
