// Per-head welfare allowances (工会福利标准) and the forms that set the order's consignee and allowance.
import * as z from "zod";
import { yuanField } from "~/lib/form-fields";
import { addressSchema } from "~/models/addresses/address.schema";

/** The most a per-head standard may be: ¥100,000 (anything above is a typo, not a gift box). */
export const MAX_PER_HEAD_FEN = 10_000_000;

/** An org admin names a holiday's standard: 春节慰问品, ¥300 per member. */
export const allowanceSchema = z.object({
  name: z.string().trim().min(2, "请填写福利名目，如“春节慰问品”").max(30, "名目最多 30 个字"),
  perHead: yuanField("请填写每人标准（元），如 300", { positive: true }).refine((fen) => fen <= MAX_PER_HEAD_FEN, "每人标准不超过 100000 元"),
});

/** Which standard an order is held to (empty: none). */
export const orderAllowanceSchema = z.object({
  intent: z.literal("set-allowance"),
  allowanceId: z.string().trim().max(40).default(""),
});

/** One consignee on the order itself (the canteen, the union office): every box goes there. */
export const consigneeSchema = addressSchema.extend({ intent: z.literal("set-consignee") });
