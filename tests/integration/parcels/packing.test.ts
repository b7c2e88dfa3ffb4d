// The co-op's packing papers: the pick list adds up what to take off the shelf; the packing slips
// have one page per parcel waiting, with a masked mobile number.
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { packingSlipsPdf, pickListPdf } from "~/models/parcels/pdf.server";
import { coopParcelsToPack } from "~/models/parcels/view.server";
import * as packingSlipsRoute from "~/routes/coop.orders.packing-slips[.pdf]";
import { newTraceCode } from "~/models/batches/batch.server";
import { makeBatch, makeHousehold, makePaidOrder } from "../../factories";
import { cookieFor, routeArgs } from "../../requests";
import { ADDRESS, threeCoops } from "../../support/parcels";

const text = async (pdf: Buffer) => {
  const result = await new PDFParse({ data: new Uint8Array(pdf) }).getText();
  return { text: result.text, pages: result.total };
};

describe("packing papers", () => {
  it("pick list totals per SKU; one packing slip per parcel; only the co-op's own", async () => {
    const s = await threeCoops();
    for (const quantity of [2, 3]) {
      await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity }, { variantId: s.variants[1].id, quantity: 1 }] });
    }
    const { coopName, parcels } = await coopParcelsToPack(s.coops[0].id);
    expect(parcels).toHaveLength(2);
    const pick = await text(await pickListPdf(coopName, parcels));
    expect(pick.text).toContain(`拣货单 · ${coopName}`);
    expect(pick.text).toMatch(new RegExp(`${s.products[0].name} · 标准装\\s+5\\s+2`));
    expect(pick.text).not.toContain(s.products[1].name);
    const slips = await text(await packingSlipsPdf(coopName, parcels));
    expect(slips.pages).toBe(2);
    expect(slips.text).not.toContain("批次溯源");
    expect(slips.text).toContain("138****8000");
    expect(slips.text).not.toContain(ADDRESS.mobile);
    for (const p of parcels) expect(slips.text).toContain(p.code);
  });

  it("prints the trace code and QR of each batch the parcel's goods came from, on the co-op's own slips", async () => {
    const s = await threeCoops();
    const manager = s.managers[0];
    const households = [await makeHousehold(prisma, { countyId: s.world.county.id }), await makeHousehold(prisma, { countyId: s.world.county.id })];
    const batch = await makeBatch(prisma, {
      code: newTraceCode(),
      coopId: s.coops[0].id,
      productId: s.products[0].id,
      createdById: manager.id,
      producedOn: "2026-08-01",
      stocks: [{ variantId: s.variants[0].id, units: 10 }],
      shares: households.map((h) => ({ householdId: h.id, percent: 50 })),
    });
    await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 2 }, { variantId: s.variants[1].id, quantity: 1 }] });
    const response = await packingSlipsRoute.loader(routeArgs("/coop/orders/packing-slips.pdf", { cookie: await cookieFor(manager.id) }));
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const slips = await text(Buffer.from(await response.arrayBuffer()));
    expect(slips.pages).toBe(1);
    expect(slips.text).toContain("批次溯源");
    expect(slips.text).toContain(batch.code);
    for (const h of households) expect(slips.text).not.toContain(h.code);
  });
});
