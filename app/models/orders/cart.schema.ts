import * as z from "zod";
import { quantityField } from "~/lib/form-fields";
import { MAX_CART_QUANTITY } from "~/models/orders/quantity";

export { MAX_CART_QUANTITY };

const quantity = quantityField(MAX_CART_QUANTITY);

/** The one cart action, with a fixed set of intents. */
export const cartActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("set"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("remove"), variantId: z.string().min(1) }),
]);
