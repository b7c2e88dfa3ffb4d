// zod fields for a variant's figures, shared by the new-product form and the listing editor, so a
// price, a stock or a 市场参考价 means the same in both.
import * as z from "zod";
import { businessDay } from "~/lib/china-time";
import { parseYuan } from "~/lib/money";

export const MAX_PRICE_FEN = 10_000_000; // ¥100,000 a unit: anything above is a typing slip
export const MAX_STOCK = 1_000_000;

export const wholeNumber = (message: string, max: number, min = 0) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

export const priceField = z
  .string()
  .trim()
  .refine((v) => {
    const fen = parseYuan(v);
    return fen !== null && fen > 0 && fen <= MAX_PRICE_FEN;
  }, "请输入单价（元），如 39.90，且不超过 100000 元")
  .transform((v) => parseYuan(v)!);

/** A price that may be left blank (null). */
export const optionalPriceField = z
  .string()
  .trim()
  .refine((v) => v === "" || (parseYuan(v) ?? 0) > 0, "请输入大于 0 的金额（元），或留空")
  .transform((v) => (v === "" ? null : parseYuan(v)));

// "on" when posted as a form; react-hook-form reports a checkbox as a boolean
export const checkboxField = z.union([z.string(), z.boolean()]).optional().transform((v) => v === "on" || v === true);

export const refSourceField = z.string().trim().max(40, "来源不超过 40 个字");
export const dayField = z.union([z.literal(""), z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD")]);

/**
 * 市场参考价: all three or none. The source says where (e.g. 京东自营 同规格, 兰州东部批发市场),
 * the date when it was seen, never in the future (Beijing time).
 */
export function checkReference(
  ctx: z.RefinementCtx,
  names: { price: string; source: string; date: string },
  values: { price: number | null; source: string; date: string },
  today = businessDay(new Date()),
) {
  const any = values.price !== null || values.source !== "" || values.date !== "";
  if (!any) return;
  if (values.price === null) ctx.addIssue({ code: "custom", path: [names.price], message: "填写了来源或日期时，请填写参考价" });
  if (values.source.length < 2) ctx.addIssue({ code: "custom", path: [names.source], message: "请写明参考价来源，如：京东自营同规格" });
  if (!values.date) ctx.addIssue({ code: "custom", path: [names.date], message: "请填写查价日期" });
  else if (values.date > today) ctx.addIssue({ code: "custom", path: [names.date], message: "查价日期不能晚于今天" });
}
