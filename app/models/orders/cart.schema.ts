import { z } from "zod";

// Cart quantities: whole numbers, at least 1, and not absurd (a cart is not a warehouse order).
export const MAX_CART_QUANTITY = 999;

const quantity = z.coerce
  .number({ message: "数量必须是数字" })
  .refine((n) => Number.isInteger(n), "数量必须是整数")
  .refine((n) => n >= 1, "数量至少为 1")
  .refine((n) => n <= MAX_CART_QUANTITY, `单件商品最多 ${MAX_CART_QUANTITY} 件`);

/** The one cart action, with a fixed set of intents. */
export const cartActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("set"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("remove"), variantId: z.string().min(1) }),
]);
