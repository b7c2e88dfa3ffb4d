import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { FIGURES_MS, invalidateCatalog } from "~/models/catalog/cache.server";
import { hallProducts } from "~/models/catalog/product.server";
import { searchProducts } from "~/models/catalog/search.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { listInHall, makeProduct, makeUser, makeWorld } from "../../factories";

// A paid order is not a catalogue edit (decision 0016): it must not make every cached listing load
// again, yet listings may show units sold and stock no older than FIGURES_MS, and a sold-out product
// says so at once.

async function world() {
  const w = await makeWorld(prisma);
  const millet = await makeProduct(prisma, { name: "会宁小米", countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 3900, stock: 10 }] });
  await listInHall(prisma, { hallId: w.hall.id, productId: millet.id });
  invalidateCatalog();
  return { ...w, millet, buyer: await makeUser(prisma) };
}

async function buy(buyerId: string, variantId: string, quantity: number) {
  const order = await placeOrder({ buyerId, status: "PENDING_PAYMENT", lines: [{ variantId, quantity }] });
  const { totalFen } = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true } });
  await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `test_${order.id}`, amountFen: totalFen });
}

const updatedAt = async (id: string) => (await prisma.product.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt.getTime();
const card = async (hallId: string) => (await hallProducts(hallId, { sort: "popular", page: 1 })).products[0];
const hit = async () => (await searchProducts("会宁小米")).hits[0].product;

afterEach(() => {
  vi.useRealTimers();
});

describe("a sale and the catalogue cache", () => {
  it("leaves updatedAt alone, so cached listings stay until their figures are FIGURES_MS old", async () => {
    const w = await world();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    expect(await card(w.hall.id)).toMatchObject({ salesCount: 0, totalStock: 10 });
    expect(await hit()).toMatchObject({ totalStock: 10 });
    const before = await updatedAt(w.millet.id);

    await buy(w.buyer.id, w.millet.variants[0].id, 3);
    expect(await updatedAt(w.millet.id)).toBe(before);
    const row = await prisma.product.findUniqueOrThrow({ where: { id: w.millet.id }, select: { salesCount: true, totalStock: true } });
    expect(row).toEqual({ salesCount: 3, totalStock: 7 });

    // the version is read again after a second; nothing moved it, so the cached card stays
    vi.advanceTimersByTime(1500);
    expect(await card(w.hall.id)).toMatchObject({ salesCount: 0, totalStock: 10 });
    expect(await hit()).toMatchObject({ totalStock: 10 });

    vi.advanceTimersByTime(FIGURES_MS);
    expect(await card(w.hall.id)).toMatchObject({ salesCount: 3, totalStock: 7 });
    expect(await hit()).toMatchObject({ totalStock: 7 });
  });

  it("moves updatedAt for a product the order sells out, so its cards say 已售罄 within a second", async () => {
    const w = await world();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    expect(await card(w.hall.id)).toMatchObject({ totalStock: 10 });
    const before = await updatedAt(w.millet.id);

    vi.advanceTimersByTime(5);
    await buy(w.buyer.id, w.millet.variants[0].id, 10);
    expect(await updatedAt(w.millet.id)).toBeGreaterThan(before);

    vi.advanceTimersByTime(1500);
    expect(await card(w.hall.id)).toMatchObject({ salesCount: 10, totalStock: 0 });
    expect(await hit()).toMatchObject({ totalStock: 0 });
    expect((await hallProducts(w.hall.id, { sort: "popular", page: 1, instock: true })).total).toBe(0);
  });
});
