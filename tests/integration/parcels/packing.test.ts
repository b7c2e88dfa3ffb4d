// The co-op's packing papers: the pick list adds up what to take off the shelf; the packing slips
// have one page per parcel waiting, with a masked mobile number.
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { packingSlipsPdf, pickListPdf } from "~/models/parcels/pdf.server";
import { coopParcelsToPack } from "~/models/parcels/view.server";
import { makePaidOrder } from "../../factories";
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
    expect(slips.text).toContain("138****8000");
    expect(slips.text).not.toContain(ADDRESS.mobile);
    for (const p of parcels) expect(slips.text).toContain(p.code);
  });
});
