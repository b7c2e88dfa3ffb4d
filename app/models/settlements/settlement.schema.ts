import * as z from "zod";

/** Staff marking a co-op's month paid. */
export const markPaidSchema = z.object({
  coopId: z.string().min(1),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM"),
  bankReference: z
    .string()
    .trim()
    .min(4, "请填写银行流水号（至少 4 位）")
    .max(40, "银行流水号最多 40 位")
    .regex(/^[0-9A-Za-z-]+$/, "银行流水号只能包含字母、数字和 -"),
});
