// A stock adjustment (/coop/products/<slug>, intent "stock"): why, how many, and the figure the
// co-op saw. 入库 and 退货入库 add units, 损耗 removes them, 盘点 sets the counted figure.
import * as z from "zod";
import { STOCK_REASONS, type StockReason } from "~/models/audit/trail";
import { MAX_STOCK, wholeNumber } from "~/models/coops/variant-fields";

export const stockAdjustmentSchema = z
  .object({
    variantId: z.string().min(1),
    reason: z.enum(STOCK_REASONS, { message: "请选择调整原因" }),
    quantity: wholeNumber(`请输入 0–${MAX_STOCK} 之间的整数`, MAX_STOCK),
    stockWas: wholeNumber("页面已过期，请刷新后重试", Number.MAX_SAFE_INTEGER),
    note: z.string().trim().max(100, "备注不超过 100 个字"),
  })
  .superRefine((v, ctx) => {
    if (v.reason !== "COUNT" && v.quantity === 0) ctx.addIssue({ code: "custom", path: ["quantity"], message: "数量至少为 1" });
  });

export type StockAdjustment = z.infer<typeof stockAdjustmentSchema>;

/** 盘点 is the only reason that sets a figure; the others move by a number of units. */
export const STOCK_REASON_HINTS: Record<StockReason, string> = {
  RECEIVED: "新到货：增加的件数",
  COUNT: "盘点：清点后的实际件数",
  LOSS: "损耗：减少的件数",
  RETURN: "退货入库：退回可再售的件数",
};
