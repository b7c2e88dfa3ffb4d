// How many units one order line may hold. A shopper's cart is not a warehouse order (999 of one
// thing is already a mistake or a reseller); an institution's bulk order may need 100,000 boxes.
export const MAX_CART_QUANTITY = 999;
export const MAX_LINE_QUANTITY = 100_000;
