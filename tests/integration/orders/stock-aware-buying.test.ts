import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { addToCart, CartError, findCart, getCartView, setCartQuantity } from "~/models/orders/cart.server";
import * as cart from "~/routes/cart";
import * as checkout from "~/routes/checkout";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

// Issue 15, item 5: the product page refused nothing (a shopper could add 50 of a box with 3 left
// and learn it only in the cart), and 立即购买 did not exist.

async function variant(data: { stock: number; minOrderQty?: number; priceFen?: number }) {
  const w = await makeWorld(prisma);
  const p = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: data.priceFen ?? 3000, stock: data.stock, minOrderQty: data.minOrderQty }] });
  return p.variants[0].id;
}

async function cartOf(userId: string) {
  return (await findCart(new Request("http://x/"), userId, { create: true })).cartId;
}

const address = { addressId: "new", recipient: "李华", mobile: "13800138000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五一北路 1 号" };

describe("adding to the cart within the stock", () => {
  it("refuses more than the stock, counting what the cart already holds, and leaves the cart as it was", async () => {
    const id = await variant({ stock: 3 });
    const cartId = await cartOf((await makeUser(prisma)).id);
    await expect(addToCart(cartId, id, 4)).rejects.toMatchObject({ status: 409, message: "库存仅剩 3 件" });
    await addToCart(cartId, id, 2);
    await expect(addToCart(cartId, id, 2)).rejects.toMatchObject({ message: "库存仅剩 3 件，购物车里已有 2 件" });
    expect((await getCartView(cartId)).lines[0].quantity).toBe(2);
    await addToCart(cartId, id, 1);
    await expect(setCartQuantity(cartId, id, 5)).rejects.toBeInstanceOf(CartError);
    expect((await getCartView(cartId)).lines[0].quantity).toBe(3);
    await setCartQuantity(cartId, id, 1);
    expect((await getCartView(cartId)).lines[0].quantity).toBe(1);
  });

  it("refuses fewer than the minimum order, and a sold-out variant", async () => {
    const boxed = await variant({ stock: 20, minOrderQty: 5 });
    const gone = await variant({ stock: 0 });
    const cartId = await cartOf((await makeUser(prisma)).id);
    await expect(addToCart(cartId, boxed, 2)).rejects.toMatchObject({ message: "5 件起订" });
    await addToCart(cartId, boxed, 5);
    await expect(addToCart(cartId, gone, 1)).rejects.toMatchObject({ message: "已售罄" });
    expect((await getCartView(cartId)).lines.map((l) => l.quantity)).toEqual([5]);
  });

  it("the cart action answers 409 with the reason, for the product page to show beside the quantity", async () => {
    const id = await variant({ stock: 2 });
    const cookie = await cookieFor((await makeUser(prisma)).id);
    const response = await cart.action(routeArgs("/cart", { cookie, form: { intent: "add", variantId: id, quantity: "3" } }));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ ok: false, message: "库存仅剩 2 件" });
  });
});

describe("立即购买", () => {
  it("checks the line and goes to checkout with just it; too many is refused there and then", async () => {
    const id = await variant({ stock: 4 });
    const user = await makeUser(prisma);
    const cookie = await cookieFor(user.id);
    const go = await responseOf(() => cart.action(routeArgs("/cart", { cookie, form: { intent: "buy", variantId: id, quantity: "2" } })));
    expect(go.status).toBe(302);
    expect(go.headers.get("Location")).toBe(`/checkout?buy=${id}&qty=2`);
    const tooMany = await cart.action(routeArgs("/cart", { cookie, form: { intent: "buy", variantId: id, quantity: "5" } }));
    expect(tooMany.status).toBe(409);
    expect(await tooMany.json()).toMatchObject({ message: "库存仅剩 4 件" });
    // nothing went into a cart on the way
    expect(await prisma.cartItem.count({ where: { variantId: id } })).toBe(0);
  });

  it("orders only the line bought now and leaves what the cart holds in the cart", async () => {
    const inCart = await variant({ stock: 10, priceFen: 1000 });
    const bought = await variant({ stock: 10, priceFen: 2500 });
    const user = await makeUser(prisma);
    const cookie = await cookieFor(user.id);
    const cartId = await cartOf(user.id);
    await addToCart(cartId, inCart, 1);
    await addToCart(cartId, bought, 1); // the same variant in the cart too: buying it now must not take the cart's unit

    const path = `/checkout?buy=${bought}&qty=2`;
    const page = await responseOf(() => checkout.loader(routeArgs(path, { cookie })));
    expect(page.status).toBe(200);
    const data = (await page.json()) as { buyNow: boolean; cart: { lines: { variantId: string; quantity: number }[]; subtotalFen: number } };
    expect(data.buyNow).toBe(true);
    expect(data.cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([[bought, 2]]);
    expect(data.cart.subtotalFen).toBe(5000);

    const placed = await responseOf(() => checkout.action(routeArgs(path, { cookie, form: { ...address, clientRequestId: "buy-now-1" } })));
    expect(placed.status).toBe(302);
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: user.id }, select: { subtotalFen: true, lines: { select: { variantId: true, quantity: true } } } });
    expect(order.lines).toEqual([{ variantId: bought, quantity: 2 }]);
    expect(order.subtotalFen).toBe(5000);
    const left = await prisma.cartItem.findMany({ where: { cartId }, select: { variantId: true, quantity: true }, orderBy: { addedAt: "asc" } });
    expect(left).toEqual([
      { variantId: inCart, quantity: 1 },
      { variantId: bought, quantity: 1 },
    ]);
  });

  it("sends a guest to log in and back to the same one-line checkout; a bad quantity in the URL is a 400", async () => {
    const id = await variant({ stock: 3 });
    const guest = await responseOf(() => checkout.loader(routeArgs(`/checkout?buy=${id}&qty=1`, {})));
    expect(guest.status).toBe(302);
    expect(decodeURIComponent(guest.headers.get("Location")!)).toBe(`/login?redirectTo=/checkout?buy=${id}&qty=1`);
    const cookie = await cookieFor((await makeUser(prisma)).id);
    expect((await responseOf(() => checkout.loader(routeArgs(`/checkout?buy=${id}&qty=0`, { cookie })))).status).toBe(400);
    expect((await responseOf(() => checkout.loader(routeArgs(`/checkout?buy=nope&qty=1`, { cookie })))).status).toBe(404);
  });
});
