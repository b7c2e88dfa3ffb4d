// zod fields that several forms share. Money is typed in yuan and leaves the schema as integer fen.
import { z } from "zod";
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
