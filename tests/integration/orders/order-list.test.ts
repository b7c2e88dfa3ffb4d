// The header's cart badge is a raw statement (decision 0016: it runs on every signed-in page view).
// It must say exactly what the Prisma query it replaces said.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { cartBadgeCount, cartCookie } from "~/models/orders/cart.server";
import { makeProduct, makeUser, makeWorld } from "../../factories";

describe("raw reads on every signed-in page", () => {
  it("the cart badge counts the units in the signed-in buyer's latest cart, or the guest cart its cookie names", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 50 }, { priceFen: 900, stock: 50 }] });
    const [a, b] = product.variants.map((v) => v.id);
    const buyer = await makeUser(prisma);
    const bare = new Request("http://localhost/");
    expect(await cartBadgeCount(bare, buyer.id)).toBe(0);
    await prisma.cart.create({ data: { token: `old-${buyer.id}`, userId: buyer.id, updatedAt: new Date(Date.now() - 60_000), items: { create: [{ variantId: a, quantity: 9, priceFenAtAdd: 1200 }] } } });
    await prisma.cart.create({ data: { token: `new-${buyer.id}`, userId: buyer.id, items: { create: [{ variantId: a, quantity: 2, priceFenAtAdd: 1200 }, { variantId: b, quantity: 3, priceFenAtAdd: 900 }] } } });
    expect(await cartBadgeCount(bare, buyer.id)).toBe(5);

    const guest = await prisma.cart.create({ data: { token: `guest-${buyer.id}`, items: { create: [{ variantId: b, quantity: 4, priceFenAtAdd: 900 }] } } });
    const withCookie = new Request("http://localhost/", { headers: { Cookie: await cartCookie.serialize(guest.token) } });
    expect(await cartBadgeCount(withCookie, null)).toBe(4);
    expect(await cartBadgeCount(bare, null)).toBe(0);
  });
});
