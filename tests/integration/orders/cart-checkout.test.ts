import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { commitCount } from "~/lib/sqlite-connection.server";
import {
  addToCart,
  CartError,
  findCart,
  getCartView,
  mergeGuestCart,
  removeFromCart,
  setCartQuantity,
} from "~/models/orders/cart.server";
import { checkoutCart, CheckoutError } from "~/models/orders/checkout.server";
import { checkoutSchema } from "~/models/orders/checkout.schema";
import { makeProduct, makeUser, makeWorld } from "../../factories";

async function productWithStock(stock: number, priceFen = 5000) {
  const w = await makeWorld(prisma);
  return makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen, stock }] });
}

const request = (cookie?: string) => new Request("http://localhost/cart", { headers: cookie ? { Cookie: cookie } : {} });
const cookieOf = (setCookie: string) => setCookie.split(";")[0];

const address = {
  recipient: "王小明",
  mobile: "13912345678",
  province: "福建省",
  city: "福州市",
  district: "鼓楼区",
  street: "五一北路 1 号",
};
let requestCounter = 0;
const form = (extra: Record<string, string> = {}) => ({ ...address, clientRequestId: `req-${Date.now()}-${++requestCounter}`, ...extra });

async function cartFor(userId: string, lines: { variantId: string; quantity: number }[]) {
  const { cartId } = await findCart(request(), userId, { create: true });
  for (const l of lines) await addToCart(cartId, l.variantId, l.quantity);
  return cartId;
}

describe("the cart", () => {
  it("adds, raises, changes and removes lines, pricing from integer fen", async () => {
    const p = await productWithStock(50, 2990);
    const user = await makeUser(prisma);
    const cartId = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 2 }]);
    await addToCart(cartId, p.variants[0].id, 1);
    let view = await getCartView(cartId);
    expect(view.lines[0].quantity).toBe(3);
    expect(view.subtotalFen).toBe(8970);
    await setCartQuantity(cartId, p.variants[0].id, 5);
    view = await getCartView(cartId);
    expect([view.itemCount, view.subtotalFen]).toEqual([5, 14950]);
    await removeFromCart(cartId, p.variants[0].id);
    expect((await getCartView(cartId)).lines).toHaveLength(0);
  });

  it("refuses quantities that are zero, negative, fractional or huge, and lines that are not in this cart", async () => {
    const p = await productWithStock(1000); // more than the per-line limit, so the limit is what refuses
    const [a, b] = [await makeUser(prisma), await makeUser(prisma)];
    const cartA = await cartFor(a.id, [{ variantId: p.variants[0].id, quantity: 1 }]);
    const cartB = await cartFor(b.id, []);
    expect(cartA).not.toBe(cartB);
    for (const q of [0, -1, 1.5, 1000, Number.NaN]) await expect(addToCart(cartA, p.variants[0].id, q)).rejects.toBeInstanceOf(CartError);
    // B's cart action can only ever reach B's cart: A's line is not there.
    await expect(setCartQuantity(cartB, p.variants[0].id, 3)).rejects.toMatchObject({ status: 404 });
    await expect(removeFromCart(cartB, p.variants[0].id)).rejects.toMatchObject({ status: 404 });
    expect((await getCartView(cartA)).lines[0].quantity).toBe(1);
    await expect(addToCart(cartA, "no-such-variant", 1)).rejects.toMatchObject({ status: 404 });
    // adding past the per-line limit is refused rather than silently capped
    await setCartQuantity(cartA, p.variants[0].id, 999);
    await expect(addToCart(cartA, p.variants[0].id, 1)).rejects.toBeInstanceOf(CartError);
  });

  it("warns when the price or the stock changed since the item was added", async () => {
    const p = await productWithStock(5, 3000);
    const user = await makeUser(prisma);
    const cartId = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 3 }]);
    expect((await getCartView(cartId)).lines[0].warning).toBeNull();
    await prisma.variant.update({ where: { id: p.variants[0].id }, data: { priceFen: 3500 } });
    let view = await getCartView(cartId);
    expect(view.lines[0].warning).toMatch(/价格已上调/);
    expect(view.subtotalFen).toBe(10500);
    await prisma.variant.update({ where: { id: p.variants[0].id }, data: { stock: 2 } });
    view = await getCartView(cartId);
    expect(view.lines[0].warning).toBe("库存不足，仅剩 2 件");
    expect(view.canCheckout).toBe(false);
  });

  it("keeps a guest cart in a signed cookie and merges it into the account on log-in", async () => {
    const p = await productWithStock(50);
    const q = await productWithStock(50);
    const guest = await findCart(request(), null, { create: true });
    expect(guest.setCookie).toBeTruthy();
    const cookie = cookieOf(guest.setCookie!);
    await addToCart(guest.cartId, p.variants[0].id, 2);
    await addToCart(guest.cartId, q.variants[0].id, 1);
    expect((await findCart(request(cookie), null)).cartId).toBe(guest.cartId);
    // a forged cookie value (not signed by us) finds nothing
    const unsigned = `__lht_cart=${encodeURIComponent(btoa(JSON.stringify("some-other-token")))}`;
    expect((await findCart(request(unsigned), null)).cartId).toBeNull();

    const user = await makeUser(prisma);
    const own = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 1 }]);
    const clear = await mergeGuestCart(request(cookie), user.id);
    expect(clear).toMatch(/Max-Age=0|Expires=/);
    const view = await getCartView(own);
    expect(Object.fromEntries(view.lines.map((l) => [l.variantId, l.quantity]))).toEqual({ [p.variants[0].id]: 3, [q.variants[0].id]: 1 });
    expect(await prisma.cart.count({ where: { id: guest.cartId } })).toBe(0);
  });
});

describe("checkout", () => {
  it("places the order with the shipping fee, clears the ordered lines and saves the address", async () => {
    const p = await productWithStock(10, 4000);
    const user = await makeUser(prisma);
    const cartId = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 2 }]);
    const order = await checkoutCart({ userId: user.id, cartId, form: form({ saveAddress: "on" }) });
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect([saved.status, saved.subtotalFen, saved.shippingFen, saved.totalFen]).toEqual(["PENDING_PAYMENT", 8000, 1000, 9000]);
    expect(saved.reservedUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect([saved.province, saved.recipient, saved.mobile]).toEqual(["福建省", "王小明", "13912345678"]);
    expect((await getCartView(cartId)).lines).toHaveLength(0);
    expect(await prisma.address.count({ where: { userId: user.id } })).toBe(1);
  });

  it("reserves the stock, writes the order and takes its lines out of the cart in one commit", async () => {
    const p = await productWithStock(10, 4000);
    const other = await productWithStock(10, 3000);
    const user = await makeUser(prisma);
    const cartId = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 2 }]);
    const before = commitCount();
    const order = await checkoutCart({ userId: user.id, cartId, form: form() });
    expect(commitCount() - before).toBe(1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: p.variants[0].id } })).stock).toBe(8);
    expect((await getCartView(cartId)).lines).toHaveLength(0);

    // an order that cannot be placed leaves the cart as it was
    await addToCart(cartId, other.variants[0].id, 3);
    await prisma.variant.update({ where: { id: other.variants[0].id }, data: { stock: 2 } });
    await expect(checkoutCart({ userId: user.id, cartId, form: form() })).rejects.toThrow(CheckoutError);
    expect((await getCartView(cartId)).lines.map((l) => l.quantity)).toEqual([3]);
  });

  it("a double-clicked pay makes one order", async () => {
    const p = await productWithStock(10);
    const user = await makeUser(prisma);
    const cartId = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 1 }]);
    const same = form();
    const [a, b] = await Promise.all([
      checkoutCart({ userId: user.id, cartId, form: same }),
      checkoutCart({ userId: user.id, cartId, form: same }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await prisma.order.count({ where: { buyerId: user.id } })).toBe(1);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: p.variants[0].id } })).stock).toBe(9);
  });

  it("a hundred buyers race for ten gift boxes: exactly ten orders, the others told 'sold out' with their carts intact", async () => {
    const p = await productWithStock(10);
    const variantId = p.variants[0].id;
    const buyers = await Promise.all(Array.from({ length: 100 }, () => makeUser(prisma)));
    const carts = await Promise.all(buyers.map((b) => cartFor(b.id, [{ variantId, quantity: 1 }])));
    const results = await Promise.allSettled(buyers.map((b, i) => checkoutCart({ userId: b.id, cartId: carts[i], form: form() })));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r, i) => (r.status === "rejected" ? [{ reason: r.reason, cartId: carts[i] }] : []));
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(90);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(CheckoutError);
      expect((l.reason as CheckoutError).soldOut).toBe(true);
      expect((l.reason as Error).message).toMatch(/已售罄/);
    }
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).stock).toBe(0);
    expect(await prisma.order.count({ where: { lines: { some: { variantId } } } })).toBe(10);
    const intact = await Promise.all(lost.map((l) => getCartView(l.cartId)));
    expect(intact.every((v) => v.lines.length === 1 && v.lines[0].quantity === 1)).toBe(true);
  });

  it("takes a 发票 request with the order, and refuses a wrong one beside its field with nothing placed", async () => {
    const p = await productWithStock(10, 4000);
    const user = await makeUser(prisma);
    const cartId = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 1 }]);
    // 专票 only for an organisation, whose tax number must carry its check character
    const wrong = checkoutSchema.safeParse(form({ invoiceType: "SPECIAL", invoiceTitleKind: "PERSONAL", invoiceTitle: "王小明", invoiceTaxNo: "91620102MA74X0XX0X" }));
    expect(wrong.success).toBe(false);
    const fields = Object.fromEntries(wrong.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fields.invoiceTitleKind).toBe("增值税专用发票只能开给单位");
    expect(fields.invoiceTaxNo).toMatch(/校验位|15、17、18 或 20 位/);
    await expect(checkoutCart({ userId: user.id, cartId, form: form({ invoiceType: "SPECIAL", invoiceTitleKind: "PERSONAL", invoiceTitle: "王小明" }) })).rejects.toThrow();
    expect(await prisma.order.count({ where: { buyerId: user.id } })).toBe(0);

    const order = await checkoutCart({ userId: user.id, cartId, form: form({ invoiceType: "PLAIN", invoiceTitleKind: "PERSONAL", invoiceTitle: "王小明" }) });
    expect(await prisma.invoiceRequest.findUniqueOrThrow({ where: { orderId: order.id }, select: { type: true, titleKind: true, title: true, taxNumber: true, requestedById: true } })).toEqual({
      type: "PLAIN", titleKind: "PERSONAL", title: "王小明", taxNumber: null, requestedById: user.id,
    });
    // no request, no row
    const again = await cartFor(user.id, [{ variantId: p.variants[0].id, quantity: 1 }]);
    const plain = await checkoutCart({ userId: user.id, cartId: again, form: form() });
    expect(await prisma.invoiceRequest.count({ where: { orderId: plain.id } })).toBe(0);
  });

  it("refuses an empty cart and someone else's saved address", async () => {
    const p = await productWithStock(10);
    const [a, b] = [await makeUser(prisma), await makeUser(prisma)];
    const theirs = await prisma.address.create({ data: { userId: b.id, ...address } });
    const cartId = await cartFor(a.id, [{ variantId: p.variants[0].id, quantity: 1 }]);
    await expect(checkoutCart({ userId: a.id, cartId, form: form({ addressId: theirs.id }) })).rejects.toThrow("收货地址不存在");
    const empty = await cartFor(b.id, []);
    await expect(checkoutCart({ userId: b.id, cartId: empty, form: form() })).rejects.toThrow("购物车是空的");
  });
});
