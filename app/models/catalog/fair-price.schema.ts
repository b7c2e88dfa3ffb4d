import * as z from "zod";

/** Staff approve a flagged price as they saw it (in fen, from the queue's hidden field). */
export const approvePriceSchema = z.object({
  variantId: z.string().min(1, "请求无效"),
  priceFen: z.coerce.number().int().positive("请求无效"),
});
