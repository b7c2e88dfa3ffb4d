import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { prisma, raw, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { env } from "~/env.server";
import { isQuantity, quantityMessage } from "~/lib/form-fields";
import { lineProblem, MAX_CART_QUANTITY } from "~/models/orders/quantity";
import { buyNowSchema } from "~/models/orders/cart.schema";
import { lineTotalFen, tiersFor, unitPriceFor } from "~/models/orders/pricing.server";
import { DomainError, type ErrorStatus } from "~/lib/errors";
import { wasPaid } from "~/models/orders/status";

// The cart. A guest's cart is found through a signed cookie holding Cart.token; a signed-in
// buyer's cart through Cart.userId. Logging in merges the guest cart into the account's.

export class CartError extends DomainError {
  constructor(message: string, status: ErrorStatus = 400) {
    super(message, { status });
  }
}

export const cartCookie = createCookie("__lht_cart", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().NODE_ENV === "production",
  secrets: [env().SESSION_SECRET],
  maxAge: 60 * 60 * 24 * 30,
});

async function guestToken(request: Request): Promise<string | null> {
  const value = await cartCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const newToken = () => crypto.randomBytes(18).toString("base64url");

/**
 * The asker's cart id, or null when they have none yet. With `create`, makes one (and returns the
 * cookie a guest needs to find it again).
 */
export async function findCart(request: Request, userId: string | null, options: { create: true }): Promise<{ cartId: string; setCookie?: string }>;
export async function findCart(request: Request, userId: string | null, options?: { create?: false }): Promise<{ cartId: string | null; setCookie?: string }>;
export async function findCart(request: Request, userId: string | null, options: { create?: boolean } = {}) {
  if (userId) {
    // Raw (every cart and checkout request asks): the buyer's latest cart, as the badge finds it.
    const [cart] = await raw(prisma).query<{ id: string }>(`SELECT "id" FROM "Cart" WHERE "userId" = ? ORDER BY "updatedAt" DESC LIMIT 1`, userId);
    if (cart || !options.create) return { cartId: cart?.id ?? null };
    const created = await prisma.cart.create({ data: { token: newToken(), userId }, select: { id: true } });
    return { cartId: created.id };
  }
  const token = await guestToken(request);
  if (token) {
    const cart = await prisma.cart.findFirst({ where: { token, userId: null }, select: { id: true } });
    if (cart) return { cartId: cart.id };
  }
  if (!options.create) return { cartId: null };
  const created = await prisma.cart.create({ data: { token: newToken() }, select: { id: true, token: true } });
  return { cartId: created.id, setCookie: await cartCookie.serialize(created.token) };
}

/** A variant on sale (active, its product ACTIVE), or 404. Raw: it runs on every add to cart. */
export async function sellableVariant(variantId: string) {
  const [variant] = await raw(prisma).query<{ id: string; priceFen: number; stock: number; minOrderQty: number }>(
    `SELECT v."id", v."priceFen", v."stock", v."minOrderQty" FROM "Variant" v JOIN "Product" p ON p."id" = v."productId"
     WHERE v."id" = ? AND v."active" = 1 AND p."status" = 'ACTIVE'`,
    variantId,
  );
  if (!variant) throw new CartError("商品不存在或已下架", 404);
  return variant;
}

/**
 * The most one cart line may hold of a variant: its stock, within the per-line limit. The stock is
 * only reserved at checkout, so this is a promise the cart keeps to the shopper ("you can buy
 * this many"), not a hold; checkout's guarded decrement is what prevents overselling.
 */
function lineLimit(variant: { stock: number }) {
  return Math.min(variant.stock, MAX_CART_QUANTITY);
}

/**
 * 立即购买: checks that `quantity` units of the variant can be bought now, without touching any
 * cart (buy-now checks out just this line and leaves what the cart holds alone).
 */
export async function checkBuyNow(variantId: string, quantity: number) {
  assertQuantity(quantity);
  const variant = await sellableVariant(variantId);
  const problem = lineProblem(variant, quantity);
  if (problem) throw new CartError(problem, 409);
  return { variantId, quantity };
}

/** The 立即购买 line a checkout URL names (`?buy=<variantId>&qty=<n>`), or null for a cart checkout. */
export function buyNowFrom(request: Request): { variantId: string; quantity: number } | null {
  const params = new URL(request.url).searchParams;
  if (!params.has("buy")) return null;
  const parsed = buyNowSchema.safeParse({ buy: params.get("buy"), qty: params.get("qty") ?? "" });
  if (!parsed.success) throw new CartError(quantityMessage(MAX_CART_QUANTITY));
  return { variantId: parsed.data.buy, quantity: parsed.data.qty };
}

/**
 * Adds units to the cart (a second add of the same variant raises its quantity). Refused when the
 * line would hold more than the stock or fewer than the minimum order, so the product page says
 * so beside the quantity instead of the cart finding out later.
 */
export async function addToCart(cartId: string, variantId: string, quantity: number) {
  assertQuantity(quantity);
  const variant = await sellableVariant(variantId);
  // Raw statements: adding to the cart is the first request of every order (decision 0016, third pass).
  const [held] = await raw(prisma).query<{ quantity: number }>(`SELECT "quantity" FROM "CartItem" WHERE "cartId" = ? AND "variantId" = ?`, cartId, variantId);
  const already = held?.quantity ?? 0;
  const problem = lineProblem(variant, already + quantity, already);
  if (problem) throw new CartError(problem, 409);
  // A new line, or an existing one raised only while it stays within the limit (guarded, in case of
  // a second tab), and the cart touched only if the line changed (changes() is the upsert's count):
  // one transaction, one commit.
  const now = new Date();
  const [count] = await raw(prisma).executeAll([
    [
      `INSERT INTO "CartItem" ("cartId", "variantId", "quantity", "priceFenAtAdd", "addedAt") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("cartId", "variantId") DO UPDATE SET "quantity" = "quantity" + excluded."quantity" WHERE "quantity" <= ?`,
      cartId, variantId, quantity, variant.priceFen, now, lineLimit(variant) - quantity,
    ],
    [`UPDATE "Cart" SET "updatedAt" = ? WHERE "id" = ? AND changes() = 1`, now, cartId],
  ]);
  if (count !== 1) throw new CartError(`库存仅剩 ${variant.stock} 件`, 409);
}

export async function setCartQuantity(cartId: string, variantId: string, quantity: number) {
  assertQuantity(quantity);
  const variant = await prisma.variant.findUnique({ where: { id: variantId }, select: { stock: true, minOrderQty: true } });
  // A line whose product was taken off sale can still be lowered or removed, never raised past stock.
  if (variant) {
    const problem = lineProblem(variant, quantity);
    if (problem) throw new CartError(problem, 409);
  }
  const { count } = await prisma.cartItem.updateMany({ where: { cartId, variantId }, data: { quantity } });
  if (count !== 1) throw new CartError("购物车里没有这件商品", 404);
  return touch(cartId);
}

export async function removeFromCart(cartId: string, variantId: string) {
  const { count } = await prisma.cartItem.deleteMany({ where: { cartId, variantId } });
  if (count !== 1) throw new CartError("购物车里没有这件商品", 404);
  return touch(cartId);
}

function assertQuantity(quantity: number) {
  if (!isQuantity(quantity, MAX_CART_QUANTITY)) throw new CartError(quantityMessage(MAX_CART_QUANTITY));
}

async function touch(cartId: string) {
  await raw(prisma).execute(`UPDATE "Cart" SET "updatedAt" = ? WHERE "id" = ?`, new Date(), cartId);
}

/**
 * The units in the asker's cart, for the header's badge on every page: one raw statement (Prisma's
 * query compiler cost more CPU than finding the cart and summing it; decision 0016).
 */
export async function cartBadgeCount(request: Request, userId: string | null): Promise<number> {
  const token = userId ? null : await guestToken(request);
  if (!userId && !token) return 0;
  const cart = userId
    ? `SELECT c."id" FROM "Cart" c WHERE c."userId" = ? ORDER BY c."updatedAt" DESC LIMIT 1`
    : `SELECT c."id" FROM "Cart" c WHERE c."token" = ? AND c."userId" IS NULL LIMIT 1`;
  const [row] = await raw(prisma).query<{ units: number | bigint | null }>(
    `SELECT SUM(i."quantity") AS "units" FROM "CartItem" i WHERE i."cartId" = (${cart})`,
    userId ?? token,
  );
  return Number(row?.units ?? 0);
}

export interface CartLine {
  variantId: string;
  productId: string;
  productSlug: string;
  productName: string;
  variantName: string;
  imageUrl: string | null;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  stock: number;
  available: boolean;
  /** Set when something changed since the buyer added the item. */
  warning: string | null;
}

const cartVariantSelect = {
  id: true,
  name: true,
  priceFen: true,
  stock: true,
  active: true,
  minOrderQty: true,
  product: { select: { id: true, slug: true, name: true, status: true, images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 } } },
} satisfies Prisma.VariantSelect;

type CartItemRow = { quantity: number; priceFenAtAdd: number; variant: Prisma.VariantGetPayload<{ select: typeof cartVariantSelect }> };

/** The cart as the buyer sees it: current prices (with volume tiers), totals and warnings. */
export async function getCartView(cartId: string | null) {
  if (!cartId) return viewOf([]);
  // Raw: the cart page follows every add to cart. The same shape as cartVariantSelect (a test holds
  // it to 立即购买's Prisma read of one variant).
  const rows = await raw(prisma).query<{
    quantity: number; priceFenAtAdd: number; id: string; name: string; priceFen: number; stock: number; active: number | boolean; minOrderQty: number;
    productId: string; slug: string; productName: string; status: string; imageUrl: string | null;
  }>(
    `SELECT i."quantity", i."priceFenAtAdd", v."id", v."name", v."priceFen", v."stock", v."active", v."minOrderQty",
       p."id" AS "productId", p."slug", p."name" AS "productName", p."status",
       (SELECT m."url" FROM "ProductImage" m WHERE m."productId" = p."id" ORDER BY m."position" ASC LIMIT 1) AS "imageUrl"
     FROM "CartItem" i JOIN "Variant" v ON v."id" = i."variantId" JOIN "Product" p ON p."id" = v."productId"
     WHERE i."cartId" = ? ORDER BY i."addedAt" ASC`,
    cartId,
  );
  return viewOf(
    rows.map((r) => ({
      quantity: r.quantity,
      priceFenAtAdd: r.priceFenAtAdd,
      variant: {
        id: r.id, name: r.name, priceFen: r.priceFen, stock: r.stock, active: Boolean(r.active), minOrderQty: r.minOrderQty,
        product: { id: r.productId, slug: r.slug, name: r.productName, status: r.status, images: r.imageUrl === null ? [] : [{ url: r.imageUrl }] },
      },
    })),
  );
}

/** 立即购买's one line, seen as a cart of its own (the buyer's real cart is not read or changed). */
export async function getBuyNowView(buy: { variantId: string; quantity: number }) {
  const variant = await prisma.variant.findUnique({ where: { id: buy.variantId }, select: cartVariantSelect });
  if (!variant) throw new CartError("商品不存在或已下架", 404);
  return viewOf([{ quantity: buy.quantity, priceFenAtAdd: variant.priceFen, variant }]);
}

async function viewOf(items: CartItemRow[]) {
  if (items.length === 0) return { lines: [] as CartLine[], subtotalFen: 0, itemCount: 0, canCheckout: false };
  const tiers = await tiersFor(prisma, items.map((i) => i.variant.id), null);
  const lines: CartLine[] = items.map(({ quantity, priceFenAtAdd, variant: v }) => {
    const unitPriceFen = unitPriceFor(v.priceFen, tiers.get(v.id) ?? [], quantity, null);
    const available = v.active && v.product.status === "ACTIVE";
    let warning: string | null = null;
    if (!available) warning = "该商品已下架，请移除";
    else if (v.stock === 0) warning = "已售罄";
    else if (v.stock < quantity) warning = `库存不足，仅剩 ${v.stock} 件`;
    else if (quantity < v.minOrderQty) warning = `起订量为 ${v.minOrderQty}`;
    else if (v.priceFen !== priceFenAtAdd) {
      warning = v.priceFen > priceFenAtAdd ? "价格已上调（加入购物车后有变化）" : "价格已下调（加入购物车后有变化）";
    }
    return {
      variantId: v.id,
      productId: v.product.id,
      productSlug: v.product.slug,
      productName: v.product.name,
      variantName: v.name,
      imageUrl: v.product.images[0]?.url ?? null,
      quantity,
      unitPriceFen,
      lineTotalFen: lineTotalFen(unitPriceFen, quantity),
      stock: v.stock,
      available,
      warning,
    };
  });
  const subtotalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const itemCount = lines.reduce((s, l) => s + l.quantity, 0);
  const canCheckout = lines.length > 0 && lines.every((l) => l.available && l.stock >= l.quantity);
  return { lines, subtotalFen, itemCount, canCheckout };
}

/** After an order is placed, the ordered lines leave the cart (quantities ordered, nothing else). */
export async function removeOrderedItems(db: Tx, cartId: string, variantIds: string[]) {
  if (variantIds.length === 0) return;
  await raw(db).execute(`DELETE FROM "CartItem" WHERE "cartId" = ? AND "variantId" IN (${variantIds.map(() => "?").join(", ")})`, cartId, ...variantIds);
}

/**
 * 再次购买: the lines of a cancelled (or paid) order go back into the buyer's cart. The cart always
 * prices at today's prices, and each line is limited to what is on sale now less what the cart
 * already holds of it, so the cart never promises more than the stock. What could not go in (taken
 * off sale, sold out, fewer left, below the minimum order) is named for the buyer. Scoped to the
 * buyer: someone else's order is not found. An order still awaiting payment is paid, not re-bought.
 */
export async function buyAgain(input: { orderId: string; buyerId: string; cartId: string }) {
  const order = await prisma.order.findFirst({
    where: { id: input.orderId, buyerId: input.buyerId },
    select: { status: true, lines: { select: { variantId: true, productName: true, variantName: true, quantity: true }, orderBy: { id: "asc" } } },
  });
  if (!order) throw new CartError("订单不存在", 404);
  if (order.status !== "CANCELLED" && !wasPaid(order.status)) throw new CartError("订单还未完成付款，请直接在订单页付款", 409);
  const ids = order.lines.map((l) => l.variantId);
  const [variants, inCart] = await Promise.all([
    prisma.variant.findMany({
      where: { id: { in: ids } },
      select: { id: true, priceFen: true, stock: true, active: true, minOrderQty: true, product: { select: { status: true } } },
    }),
    prisma.cartItem.findMany({ where: { cartId: input.cartId, variantId: { in: ids } }, select: { variantId: true, quantity: true } }),
  ]);
  const byId = new Map(variants.map((v) => [v.id, v]));
  const held = new Map(inCart.map((i) => [i.variantId, i.quantity]));
  const problems: string[] = [];
  const adds: { variantId: string; quantity: number; priceFen: number }[] = [];
  for (const line of order.lines) {
    const label = `${line.productName}（${line.variantName}）`;
    const v = byId.get(line.variantId);
    if (!v || !v.active || v.product.status !== "ACTIVE") {
      problems.push(`${label}已下架`);
      continue;
    }
    const already = held.get(v.id) ?? 0;
    const room = lineLimit(v) - already;
    const quantity = Math.min(line.quantity, room);
    if (v.stock === 0) problems.push(`${label}已售罄`);
    else if (quantity <= 0) problems.push(`${label}购物车里已有 ${already} 件，库存仅剩 ${v.stock} 件`);
    else if (already + quantity < v.minOrderQty) problems.push(`${label}库存仅剩 ${v.stock} 件，不足起订量 ${v.minOrderQty}`);
    else {
      if (quantity < line.quantity) problems.push(`${label}库存仅剩 ${v.stock} 件，已加入 ${quantity} 件`);
      adds.push({ variantId: v.id, quantity, priceFen: v.priceFen });
      held.set(v.id, already + quantity);
    }
  }
  if (adds.length) {
    await prisma.$transaction(async (tx) => {
      for (const a of adds) {
        await tx.cartItem.upsert({
          where: { cartId_variantId: { cartId: input.cartId, variantId: a.variantId } },
          create: { cartId: input.cartId, variantId: a.variantId, quantity: a.quantity, priceFenAtAdd: a.priceFen },
          update: { quantity: { increment: a.quantity } },
        });
      }
      await tx.cart.update({ where: { id: input.cartId }, data: { updatedAt: new Date() }, select: { id: true } });
    });
  }
  return { addedUnits: adds.reduce((s, a) => s + a.quantity, 0), problems };
}

/**
 * Moves a guest's cart into the account on log-in or sign-up: quantities of the same variant add
 * up (capped at the per-line limit), and the guest cart is deleted. Returns the cookie that clears
 * the guest token, or null when there was no guest cart.
 */
export async function mergeGuestCart(request: Request, userId: string): Promise<string | null> {
  const token = await guestToken(request);
  if (!token) return null;
  const clear = await cartCookie.serialize("", { maxAge: 0 });
  const guest = await prisma.cart.findFirst({
    where: { token, userId: null },
    select: { id: true, items: { select: { variantId: true, quantity: true, priceFenAtAdd: true } } },
  });
  if (!guest) return clear;
  const { cartId } = await findCart(request, userId, { create: true });
  await prisma.$transaction(async (tx) => {
    for (const item of guest.items) {
      const existing = await tx.cartItem.findUnique({ where: { cartId_variantId: { cartId, variantId: item.variantId } }, select: { quantity: true } });
      if (existing) {
        await tx.cartItem.update({
          where: { cartId_variantId: { cartId, variantId: item.variantId } },
          data: { quantity: Math.min(MAX_CART_QUANTITY, existing.quantity + item.quantity) },
        });
      } else {
        await tx.cartItem.create({ data: { cartId, ...item } });
      }
    }
    await tx.cart.delete({ where: { id: guest.id } });
  });
  return clear;
}
