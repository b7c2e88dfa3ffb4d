import * as z from "zod";
import { yuanField } from "~/lib/form-fields";
import { checkTracking, courierFields } from "~/models/parcels/parcel.schema";

const yuan = yuanField("请输入大于 0 的金额，最多两位小数", { positive: true });

const reason = z.string().trim().min(1, "请填写退款原因").max(100, "原因最多 100 个字");

/** Staff actions on one order; each form posts one intent. */
export const staffOrderActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("refund-full"), reason }),
  z.object({ intent: z.literal("refund-line"), orderLineId: z.string().min(1), amount: yuan, reason }),
  z.object({ intent: z.literal("refund-amount"), amount: yuan, reason }),
  // Staff ship a parcel on its co-op's behalf (the co-op cannot, or asked the platform to).
  z.object({ intent: z.literal("ship-parcel"), parcelId: z.string().min(1), ...courierFields }).superRefine(checkTracking),
]);
