import * as z from "zod";
import { AFTER_SALES_KINDS } from "~/models/after-sales/status";
import { checkTracking, courierFields } from "~/models/parcels/parcel.schema";

const reason = (label: string) => z.string().trim().min(2, `请写明${label}（至少 2 个字）`).max(200, `${label}最多 200 个字`);

/** The buyer's request (photos travel beside it in the same multipart form). */
export const afterSalesRequestSchema = z.object({
  parcelId: z.string().min(1),
  orderLineId: z.string().min(1, "请选择商品"),
  kind: z.enum(AFTER_SALES_KINDS, { message: "请选择仅退款或退货退款" }),
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, "请输入件数（整数）")
    .transform(Number)
    .refine((n) => n >= 1, "件数至少为 1"),
  reason: reason("原因"),
});
export type AfterSalesRequestInput = z.infer<typeof afterSalesRequestSchema>;

/** What the buyer does with a request afterwards: send the goods back, or escalate a refusal. */
export const buyerAfterSalesSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("return-shipped"), requestId: z.string().min(1), ...courierFields }).superRefine(checkTracking),
  z.object({ intent: z.literal("escalate"), requestId: z.string().min(1), escalationNote: reason("申请平台介入的理由") }),
]);

/** The co-op's decisions. */
export const coopAfterSalesSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), requestId: z.string().min(1) }),
  z.object({ intent: z.literal("refuse"), requestId: z.string().min(1), refusalReason: reason("拒绝理由") }),
  z.object({ intent: z.literal("return-received"), requestId: z.string().min(1) }),
]);

/** Staff deciding an escalated request. */
export const staffAfterSalesSchema = z.object({
  intent: z.enum(["staff-accept", "staff-refuse"]),
  requestId: z.string().min(1),
  decisionNote: reason("处理意见"),
});
