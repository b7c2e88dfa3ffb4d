import { prisma, raw } from "~/db.server";
import { env } from "~/env.server";
import { checkoutSchema, type CheckoutForm, type CheckoutInput } from "~/models/orders/checkout.schema";
import type { AddressInput } from "~/models/addresses/address.schema";
import { addAddress, findAddress } from "~/models/addresses/address-book.server";
import { officialAddress } from "~/models/addresses/divisions.server";
import { removeOrderedItems } from "~/models/orders/cart.server";
import { InvalidOrderError, placeOrder } from "~/models/orders/order.server";
import { DEFAULT_PAYMENT_METHOD } from "~/models/orders/payment-method";
import { shippingFeeFen } from "~/models/orders/shipping-fee";
import { OutOfStockError } from "~/models/orders/stock.server";
import { DomainError } from "~/lib/errors";

// Checkout: the cart becomes an order with its stock reserved, in one step. Payment starts after
// (payment.server.ts), outside any transaction.

export class CheckoutError extends DomainError {
  constructor(
    message: string,
    public readonly soldOut = false,
  ) {
    super(message, { status: soldOut ? 409 : 400 });
  }
}

export function reservationDeadline(now = new Date()) {
  return new Date(now.getTime() + env().RESERVATION_MINUTES * 60_000);
}

async function addressFor(userId: string, input: CheckoutInput): Promise<AddressInput & { save: boolean }> {
  // A new address must name real divisions (the wrong field is named); it is stored with their official names.
  if (input.address === "new") return { ...officialAddress(input.fields), save: input.save };
  // Scoped to the buyer: someone else's address id is simply not found.
  const saved = await findAddress(userId, input.addressId);
  if (!saved) throw new CheckoutError("收货地址不存在，请重新选择");
  const { id: _id, isDefault: _isDefault, ...fields } = saved;
  return { ...fields, save: false };
}

/** The form as parsed by the checkout rules; a caller (a script, a test) may hand it over unparsed. */
function readCheckoutForm(form: CheckoutForm | CheckoutInput): CheckoutInput {
  if ("address" in form) return form;
  const parsed = checkoutSchema.safeParse(form);
  if (!parsed.success) throw new CheckoutError(parsed.error.issues[0].message);
  return parsed.data;
}

/**
 * Places the order for everything in the cart (or, for 立即购买, for the one line bought now). The same clientRequestId (a double-clicked "pay",
 * a resubmitted form) returns the first order. When stock has run out the buyer is told which item
 * is sold out and the cart is left exactly as it was.
 */
export async function checkoutCart(input: {
  userId: string;
  cartId: string | null;
  form: CheckoutInput | CheckoutForm;
  /** 立即购买: order just this line; the cart is neither read nor emptied. */
  buyNow?: { variantId: string; quantity: number } | null;
  now?: Date;
}) {
  const form = readCheckoutForm(input.form);
  // Lean on purpose (this is the hot path when a hundred people race for ten boxes): placeOrder
  // checks availability and prices; names are looked up only to explain a failure.
  const items = input.buyNow
    ? [input.buyNow]
    : input.cartId
      ? await raw(prisma).query<{ variantId: string; quantity: number }>(`SELECT "variantId", "quantity" FROM "CartItem" WHERE "cartId" = ? ORDER BY "addedAt" ASC`, input.cartId)
      : [];
  const address = await addressFor(input.userId, form);
  if (items.length === 0) {
    const earlier = await prisma.order.findUnique({ where: { clientRequestId: form.clientRequestId }, select: { id: true, number: true, buyerId: true } });
    if (earlier?.buyerId === input.userId) return { id: earlier.id, number: earlier.number, duplicate: true };
    throw new CheckoutError("购物车是空的");
  }

  let order;
  try {
    order = await placeOrder({
      buyerId: input.userId,
      status: "PENDING_PAYMENT",
      kind: "RETAIL",
      lines: items,
      shippingFen: (subtotalFen) => shippingFeeFen(address.province, subtotalFen),
      reservedUntil: reservationDeadline(input.now),
      clientRequestId: form.clientRequestId,
      address: { recipient: address.recipient, mobile: address.mobile, province: address.province, city: address.city, district: address.district, street: address.street },
      invoiceRequest: form.invoice ? { ...form.invoice, requestedById: input.userId } : null,
      extra: { paymentMethod: form.paymentMethod ?? DEFAULT_PAYMENT_METHOD },
      // The ordered lines leave the cart in the order's own transaction: one commit, and no cart
      // that still holds what an order already reserved.
      also: input.cartId && !input.buyNow ? (tx) => removeOrderedItems(tx, input.cartId!, items.map((l) => l.variantId)) : undefined,
    });
  } catch (error) {
    if (error instanceof OutOfStockError) {
      throw new CheckoutError(`${error.label ?? "有商品"}已售罄或库存不足，订单未创建，购物车已保留`, true);
    }
    if (error instanceof InvalidOrderError) throw new CheckoutError(error.message);
    throw error;
  }
  if (order.duplicate) {
    // The same form sent twice: fine for its own buyer; anyone else reusing the id gets nothing.
    const owner = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { buyerId: true } });
    if (owner.buyerId !== input.userId) throw new CheckoutError("请刷新页面后重试");
  } else if (address.save) {
    const { save: _save, ...fields } = address;
    // the order is placed: a full address book only means this one is not kept
    await addAddress(input.userId, fields).catch((error) => {
      if (!(error instanceof DomainError)) throw error;
    });
  }
  return order;
}
