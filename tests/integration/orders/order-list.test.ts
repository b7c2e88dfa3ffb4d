// The buyer's order list and the header's cart badge are raw statements (decision 0016: they run
// on every signed-in page view). They must say exactly what the Prisma queries they replace said.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { cartBadgeCount, cartCookie } from "~/models/orders/cart.server";
import { placeOrder } from "~/models/orders/order.server";
import { listBuyerOrders } from "~/models/orders/order-view.server";
import { makeProduct, makeUser, makeWorld } from "../../factories";

describe("raw reads on every signed-in page", () => {
  it("the buyer's order list has each order's first two lines, its line count and its buyer, newest first, and nobody else's orders", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 50 }, { priceFen: 800, stock: 50 }, { priceFen: 500, stock: 50 }] });
    const [a, b, c] = product.variants.map((v) => v.id);
    const buyer = await makeUser(prisma);
    const other = await makeUser(prisma);
    await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: a, quantity: 1 }] });
    await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: a, quantity: 2 }, { variantId: b, quantity: 1 }, { variantId: c, quantity: 3 }] });
    await placeOrder({ buyerId: other.id, status: "PENDING_PAYMENT", lines: [{ variantId: b, quantity: 1 }] });

    const listed = await listBuyerOrders(buyer.id);
    const viaPrisma = await prisma.order.findMany({
      where: { buyerId: buyer.id },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true, number: true, status: true, totalFen: true, refundedFen: true, createdAt: true, recipient: true,
        buyer: { select: { name: true, email: true } },
        _count: { select: { lines: true } },
        lines: { select: { productName: true, quantity: true }, take: 2 },
      },
    });
    expect(listed).toEqual(viaPrisma);
    expect(listed.map((o) => o._count.lines)).toEqual([3, 1]);
    expect(listed[0].lines).toHaveLength(2);
    expect(listed[0].createdAt).toBeInstanceOf(Date);
    expect(await listBuyerOrders((await makeUser(prisma)).id)).toEqual([]);
  });

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
