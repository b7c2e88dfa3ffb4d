// zod fields that several forms share. Money is typed in yuan and leaves the schema as integer fen.
import { z } from "zod";
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from "~/lib/credit-code";
import { parseYuan } from "~/lib/money";
import { MOBILE_PATTERN, normaliseMobile } from "~/lib/phone";

/** An amount in yuan (at most two decimals) → integer fen. `positive` refuses 0. */
export function yuanField(message: string, options: { positive?: boolean } = {}) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      const fen = parseYuan(v);
      if (fen === null || (options.positive && fen <= 0)) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return fen;
    });
}

/**
 * A whole number typed as plain digits. `Number()` would read "1e2" as 100, "0x10" as 16 and
 * " 7.0 " as 7; a count, a stock level or a year is refused unless it is just digits (units on
 * an order line go through `quantityField`).
 */
export function wholeNumberField(messages: { invalid: string; tooSmall?: string; tooBig?: string }, bounds: { min?: number; max: number }) {
  const min = bounds.min ?? 0;
  return z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^\d{1,9}$/, messages.invalid))
    .transform(Number)
    .refine((n) => n >= min, messages.tooSmall ?? messages.invalid)
    .refine((n) => n <= bounds.max, messages.tooBig ?? messages.invalid);
}

/** A 统一社会信用代码, upper-cased, with its GB 32100 check character verified. */
export const creditCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: CREDIT_CODE_MESSAGES[problem] });
  });

/** The words for a quantity outside 1…max: the field, the model's own check and the page say the same. */
export function quantityMessage(max: number) {
  return `数量应为 1–${max} 的整数`;
}

/** A whole number of units from 1 to `max` (the one quantity rule; its message states the range). */
export function isQuantity(n: number, max: number) {
  return Number.isSafeInteger(n) && n >= 1 && n <= max;
}

/** A typed quantity → a number of units, by `isQuantity`. Blank, "1.5", "0" and "abc" are refused. */
export function quantityField(max: number) {
  const message = quantityMessage(max);
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => isQuantity(n, max), message);
}

/** A mainland mobile as typed (spaces, dashes, +86 allowed) → its 11 digits. */
export function mobileField(message: string) {
  return z
    .string()
    .transform(normaliseMobile)
    .refine((v) => MOBILE_PATTERN.test(v), message);
}
