// The schemes in the staff report and on /impact: each its own category, to the fen, net of refunds,
// and reconciled with the orders.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { reconcile } from "~/models/impact/reconciliation.server";
import { impactReport, parseReportQuery } from "~/models/impact/report.server";
import { impactBySchemes, publicImpact } from "~/models/impact/views.server";
import { placePreorder } from "~/models/presales/preorder.server";
import { preorderSchema } from "~/models/presales/preorder.schema";
import { bookDeparture, cancelBooking } from "~/models/tours/booking.server";
import { adoptTrees } from "~/models/trees/adoption.server";
import { makeDeparture, makeOrchard, makeOrchardSeason, makePresale, makeProduct, makeTourPackage, makeUser, makePaidOrder } from "../factories";
import { pay, schemeWorld } from "../support/schemes";

describe("the schemes in reports and on /impact", () => {
  it("each scheme is its own category line, exact to the fen and net of refunds; the ledger reconciles", async () => {
    const w = await schemeWorld();
    const buyer = await makeUser(prisma);
    const me = { id: buyer.id, organizationId: null };
    const orchard = await makeOrchard(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TREE, rows: 1, cols: 3, households: w.shares });
    await makeOrchardSeason(prisma, { orchardId: orchard.id, year: 2027, priceFen: 39_901 });
    const tree = await adoptTrees({ adopter: me, orchardSlug: orchard.slug, year: 2027, form: { year: 2027, mode: "any", trees: "", count: "2", displayName: "王家", payment: "CARD", clientRequestId: crypto.randomUUID() } });
    await pay(tree.id);
    const pkg = await makeTourPackage(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TOUR, households: w.shares });
    const departOn = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const departure = await makeDeparture(prisma, { packageId: pkg.id, departOn, priceFen: 88_001 });
    const tour = await bookDeparture({ buyer: me, departureId: departure.id, clientRequestId: crypto.randomUUID(), travellers: [{ name: "王小明", mobile: "13912345678", idNumber: "620102199003074617", birthDate: "1990-03-07" }] });
    await pay(tour.id);
    // cancelled 10 days before: the 50% tier (≥ 3 days) refunds 44,000 fen (rounded down), the ledger keeps 44,001
    await cancelBooking({ buyerId: buyer.id, orderNumber: tour.number });
    const presale = await makePresale(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.PRESALE, priceFen: 2_601, depositFen: null, households: w.shares });
    const pre = await placePreorder({ buyer: me, slug: presale.slug, form: preorderSchema.parse({ quantity: "3", mode: "FULL", recipient: "王小明", mobile: "13912345678", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 100 号", clientRequestId: crypto.randomUUID() }) });
    await pay(pre.id);
    const goods = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1_234 }] });
    await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: goods.variants[0].id, quantity: 1 }] });

    const today = businessDay(new Date());
    const report = await impactReport(await parseReportQuery(new URLSearchParams({ by: "category", from: today, to: today, countyId: w.county.id })));
    const line = (label: string) => report.rows.find((r) => r.label === label)?.amountFen;
    expect([line("果树认养"), line("乡村旅游"), line("订单农业"), line("粮油杂粮")]).toEqual([2 * 39_901, 88_001 - 44_000, 3 * 2_601, 1_234]);
    expect(report.rows.find((r) => r.label === "果树认养")?.households).toBe(3);

    const impact = await publicImpact();
    const schemes = await impactBySchemes(impact.totals.amountFen);
    const mine = Object.fromEntries(schemes.map((s) => [s.key, s.amountFen]));
    // other tests' data share this database: the scheme lines include at least ours, goods the rest
    expect(mine.TREE).toBeGreaterThanOrEqual(2 * 39_901);
    expect(mine.GOODS + mine.TREE + mine.TOUR + mine.PRESALE).toBe(impact.totals.amountFen);
    expect((await reconcile(prisma)).ok).toBe(true);
  });
});
