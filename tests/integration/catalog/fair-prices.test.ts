// Fair prices: a price more than 30% above its 市场参考价 goes to the staff queue and cannot be
// raised until staff approve it; the public share of products at or below their reference; the
// price history drawn from the audit trail.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { approvePrice, fairPriceShare, flaggedPrices, priceHistory } from "~/models/catalog/fair-price.server";
import { overReference } from "~/models/catalog/fair-price";
import { saveCoopListing } from "~/models/coops/listing.server";
import * as adminPrices from "~/routes/admin.prices";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

const REF = { refPriceFen: 1980, refPriceSource: "京东自营同规格", refPriceDate: "2026-11-20" };

async function setup() {
  const w = await makeWorld(prisma);
  const manager = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
  const staff = await makeUser(prisma, { roles: ["staff"] });
  // 2斤 of millet at 35元 against 19.8元 online: the complaint the rule answers
  const dear = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 3500, stock: 10, ...REF }] });
  const fair = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1900, stock: 10, ...REF }] });
  return { w, manager, staff, dear, fair };
}

const edit = (product: { slug: string; name: string; variants: { id: string }[] }, priceFen: number) => ({
  name: product.name,
  description: "小米，当年新米，产地直发。",
  harvestSeason: "9–10 月",
  shippingNote: "48 小时内发货",
  variants: [{ id: product.variants[0].id, priceFen, active: true, ...REF, lowStockThreshold: 0 }],
});

const priceOf = async (variantId: string) => (await prisma.variant.findUniqueOrThrow({ where: { id: variantId }, select: { priceFen: true } })).priceFen;

describe("fair prices", () => {
  it("compares in whole fen: 130% of the reference is still fair, one fen more is flagged", () => {
    expect(overReference(2574, 1980)).toBe(false);
    expect(overReference(2575, 1980)).toBe(true);
    expect(overReference(9999, null)).toBe(false);
  });

  it("flags a price more than 30% above its reference, refuses a raise until staff approve, then allows up to the approved price", async () => {
    const { w, manager, staff, dear, fair } = await setup();
    const dearId = dear.variants[0].id;
    expect((await flaggedPrices()).map((v) => v.id)).toEqual([dearId]);

    await expect(saveCoopListing(w.coop.id, dear.slug, edit(dear, 3600), manager.id)).rejects.toMatchObject({ status: 409, field: `price_${dearId}` });
    expect(await priceOf(dearId)).toBe(3500);
    // lowering is always allowed; it stays in the queue while it is still above 130%
    await saveCoopListing(w.coop.id, dear.slug, edit(dear, 3400), manager.id);
    expect((await flaggedPrices()).map((v) => v.id)).toEqual([dearId]);

    // staff approve only the price they saw
    await expect(approvePrice({ variantId: dearId, staffId: staff.id, priceFen: 3500 })).rejects.toMatchObject({ status: 409 });
    await approvePrice({ variantId: dearId, staffId: staff.id, priceFen: 3400 });
    expect(await flaggedPrices()).toEqual([]);
    expect(await prisma.auditEntry.count({ where: { variantId: dearId, kind: "PRICE_APPROVAL" } })).toBe(1);
    await expect(saveCoopListing(w.coop.id, dear.slug, edit(dear, 3401), manager.id)).rejects.toMatchObject({ status: 409 });
    await saveCoopListing(w.coop.id, dear.slug, edit(dear, 3300), manager.id);
    await saveCoopListing(w.coop.id, dear.slug, edit(dear, 3400), manager.id);
    expect(await priceOf(dearId)).toBe(3400);

    // within 30% a co-op sets its own price; past it, the raise is refused
    await saveCoopListing(w.coop.id, fair.slug, edit(fair, 2574), manager.id);
    await expect(saveCoopListing(w.coop.id, fair.slug, edit(fair, 2600), manager.id)).rejects.toMatchObject({ status: 409 });
    expect(await priceOf(fair.variants[0].id)).toBe(2574);
  });

  it("states the share of products at or below their reference, and each price change in the last 12 months", async () => {
    const before = await fairPriceShare(); // other tests of this file left products behind
    const { w, manager, dear, fair } = await setup();
    await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1000, stock: 1 }] }); // no reference: not counted
    const after = await fairPriceShare();
    expect({ withRef: after.withRef - before.withRef, fair: after.fair - before.fair }).toEqual({ withRef: 2, fair: 1 });
    expect(after.percent).toBe(Math.floor((after.fair * 1000) / after.withRef) / 10);

    await saveCoopListing(w.coop.id, fair.slug, edit(fair, 1800), manager.id);
    await saveCoopListing(w.coop.id, fair.slug, edit(fair, 1950), manager.id);
    const history = await priceHistory([{ id: fair.variants[0].id, priceFen: 1950 }, { id: dear.variants[0].id, priceFen: 3500 }]);
    expect(history[fair.variants[0].id].map((p) => p.priceFen)).toEqual([1900, 1800, 1950, 1950]);
    expect(history[dear.variants[0].id].map((p) => p.priceFen)).toEqual([3500, 3500]);
  });

  it("only staff see the queue and approve", async () => {
    const { w, dear } = await setup();
    const id = dear.variants[0].id;
    for (const cookie of [await cookieFor((await makeUser(prisma)).id), await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id })).id)]) {
      expect((await responseOf(() => adminPrices.loader(routeArgs("/admin/prices", { cookie })))).status).toBe(403);
      expect((await responseOf(() => adminPrices.action(routeArgs("/admin/prices", { cookie, form: { variantId: id, priceFen: "3500" } })))).status).toBe(403);
    }
    expect((await prisma.variant.findUniqueOrThrow({ where: { id } })).approvedPriceFen).toBeNull();
  });
});
