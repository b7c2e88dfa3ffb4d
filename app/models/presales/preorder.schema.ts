import * as z from "zod";
import { checkTracking, courierFields } from "~/models/parcels/parcel.schema";
import { addressSchema } from "~/models/addresses/address.schema";

export const preorderSchema = addressSchema.extend({
  quantity: z.coerce.number({ message: "请填写数量" }).int("数量应为整数").min(1, "至少 1 份").max(10_000, "一次最多 10000 份"),
  mode: z.enum(["FULL", "DEPOSIT"], { message: "请选择付款方式" }),
  clientRequestId: z.string().uuid("请刷新页面后重试"),
});
export type PreorderInput = z.infer<typeof preorderSchema>;

export const slipSchema = z
  .object({
    harvestFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择新的采收开始日期"),
    harvestTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择新的采收结束日期"),
    note: z.string().trim().min(4, "请说明推迟的原因（至少 4 个字）").max(300, "最多 300 字"),
  })
  .refine((v) => v.harvestTo >= v.harvestFrom, { path: ["harvestTo"], message: "结束日期不能早于开始日期" });

export const presaleHarvestSchema = z.object({
  quantity: z.coerce.number({ message: "请填写实际采收份数" }).int("应为整数").min(0, "不能为负数").max(10_000_000),
});

export const shipPreorderSchema = z.object({
  preorderId: z.string().min(1),
  // the same couriers and tracking-number formats as every other parcel (issue 13)
  ...courierFields,
})
  .superRefine(checkTracking);
