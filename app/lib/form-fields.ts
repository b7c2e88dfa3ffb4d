// zod fields that several forms share. Money is typed in yuan and leaves the schema as integer fen.
import { z } from "zod";
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from "~/lib/credit-code";
import { parseYuan } from "~/lib/money";

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

/** A 统一社会信用代码, upper-cased, with its GB 32100 check character verified. */
export const creditCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: CREDIT_CODE_MESSAGES[problem] });
  });
