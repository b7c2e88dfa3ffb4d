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
  // 立即购买: checked like an add, then on to checkout with just this line (the cart is not touched)
  z.object({ intent: z.literal("buy"), variantId: z.string().min(1), quantity }),
]);

/** Checkout of one line only (立即购买): `/checkout?buy=<variantId>&qty=<n>`. */
export const buyNowSchema = z.object({ buy: z.string().min(1).max(64), qty: quantity });

export function buyNowHref(buy: { variantId: string; quantity: number }) {
  return `/checkout?${new URLSearchParams({ buy: buy.variantId, qty: String(buy.quantity) })}`;
}
