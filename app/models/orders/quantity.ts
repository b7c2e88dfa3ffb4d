// How many units one order line may hold. A shopper's cart is not a warehouse order (999 of one
// thing is already a mistake or a reseller); an institution's bulk order may need 100,000 boxes.
export const MAX_CART_QUANTITY = 999;
export const MAX_LINE_QUANTITY = 100_000;

/**
 * Why a shopper's line of `total` units of a variant cannot be bought, or null when it can: the
 * one rule behind the product page's stepper (in the browser) and the cart's add and set (on the
 * server). `inCart` is what the cart already holds, named so the message explains the refusal.
 */
export function lineProblem(variant: { stock: number; minOrderQty: number }, total: number, inCart = 0): string | null {
  if (variant.stock <= 0) return "已售罄";
  if (variant.stock < variant.minOrderQty) return `库存仅剩 ${variant.stock} 件，不足起订量 ${variant.minOrderQty} 件`;
  if (total > MAX_CART_QUANTITY) return `单件商品最多 ${MAX_CART_QUANTITY} 件`;
  if (total > variant.stock) return inCart > 0 ? `库存仅剩 ${variant.stock} 件，购物车里已有 ${inCart} 件` : `库存仅剩 ${variant.stock} 件`;
  if (total < variant.minOrderQty) return `${variant.minOrderQty} 件起订`;
  return null;
}
