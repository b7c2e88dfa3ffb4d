import { z } from "zod";
import { wholeNumberField } from "~/lib/form-fields";

// Cart quantities: whole numbers, at least 1, and not absurd (a cart is not a warehouse order).
export const MAX_CART_QUANTITY = 999;

const quantity = wholeNumberField(
  { invalid: "数量必须是整数", tooSmall: "数量至少为 1", tooBig: `单件商品最多 ${MAX_CART_QUANTITY} 件` },
  { min: 1, max: MAX_CART_QUANTITY },
);

/** The one cart action, with a fixed set of intents. */
export const cartActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("set"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("remove"), variantId: z.string().min(1) }),
]);
