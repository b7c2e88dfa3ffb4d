import { z } from "zod";
import { yuanField } from "~/lib/form-fields";

export const COURIERS = ["顺丰速运", "中国邮政 EMS", "京东物流", "中通快递", "圆通速递", "韵达快递"] as const;

const yuan = yuanField("请输入大于 0 的金额，最多两位小数", { positive: true });

const reason = z.string().trim().min(1, "请填写退款原因").max(100, "原因最多 100 个字");

/** Staff actions on one order; each form posts one intent. */
export const staffOrderActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("refund-full"), reason }),
  z.object({ intent: z.literal("refund-line"), orderLineId: z.string().min(1), amount: yuan, reason }),
  z.object({ intent: z.literal("refund-amount"), amount: yuan, reason }),
  z.object({
    intent: z.literal("ship"),
    courier: z.enum(COURIERS, { message: "请选择快递公司" }),
    trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,30}$/, "运单号为 6–30 位字母或数字"),
  }),
  z.object({ intent: z.literal("deliver") }),
]);
