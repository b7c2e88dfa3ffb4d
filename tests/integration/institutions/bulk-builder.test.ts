// The order builder's one action: add from the catalogue, preview prices, submit.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { bulkCatalogue } from "~/models/institutions/bulk-order.server";
import * as builder from "~/routes/org.orders.new";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, postRequest, responseOf } from "../../requests";

function post(cookie: string, body: Record<string, string>) {
  return responseOf(() => builder.action({ request: postRequest("/org/orders/new", cookie, body), params: {}, context: {} }));
}

describe("the bulk order builder", () => {
  it("adds a catalogue item at its minimum, previews tier prices, then submits once per request id", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 10000, stock: 500, minOrderQty: 10, giftBox: true }] });
    const sku = product.variants[0].sku;
    await prisma.priceTier.create({ data: { variantId: product.variants[0].id, minQty: 50, priceFen: 9000 } });
    const org = await makeOrganization(prisma, { approvalLimitFen: 0 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const cookie = await cookieFor(buyer.id);

    const added = await (await post(cookie, { addSku: `${sku}|10`, paymentMethod: "BANK_TRANSFER", invoiceType: "NONE" })).json();
    expect(added.values).toMatchObject({ sku_0: sku, qty_0: "10" });
    expect(added.totalFen).toBe(100000);

    const preview = await (await post(cookie, { sku_0: sku, qty_0: "50", intent: "preview" })).json();
    expect(preview.lines[0]).toMatchObject({ unitPriceFen: 9000, lineTotalFen: 450000 });

    const tooFew = await post(cookie, { sku_0: sku, qty_0: "9", intent: "submit", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE" });
    expect(tooFew.status).toBe(400);
    expect((await tooFew.json()).errors.qty_0).toBe("起订量为 10");

    const noTaxNo = await post(cookie, { sku_0: sku, qty_0: "50", intent: "submit", paymentMethod: "BANK_TRANSFER", invoiceType: "SPECIAL", invoiceTitle: "某单位" });
    expect((await noTaxNo.json()).errors.invoiceTaxNo).toContain("纳税人识别号");

    const body = { sku_0: sku, qty_0: "50", intent: "submit", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", poNumber: "PO-9", requestId: "0b7c2a8e-5d1f-4c1e-9a57-2f7e3c1d9b10" };
    const first = await post(cookie, body);
    const second = await post(cookie, body);
    expect(first.status).toBe(302);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    const orders = await prisma.order.findMany({ where: { organizationId: org.id }, select: { totalFen: true, status: true, poNumber: true } });
    expect(orders).toEqual([{ totalFen: 450000, status: "PENDING_APPROVAL", poNumber: "PO-9" }]);
  });

  it("the catalogue beside the builder finds products like /search: hanzi, full pinyin, initials, SKU", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "岷县当归礼盒", variants: [{ priceFen: 10000, stock: 50 }] });
    const other = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "静宁苹果", variants: [{ priceFen: 10000, stock: 50 }] });
    const org = await makeOrganization(prisma);
    for (const q of ["当归", "danggui", "mxdg", product.variants[0].sku]) {
      const skus = (await bulkCatalogue(org.id, q)).map((v) => v.sku);
      expect(skus, q).toContain(product.variants[0].sku);
      expect(skus, q).not.toContain(other.variants[0].sku);
    }
  });

  it("an approver without the buyer role cannot use the builder", async () => {
    const org = await makeOrganization(prisma);
    const approver = await makeUser(prisma, { roles: ["org_approver"], organizationId: org.id });
    expect((await post(await cookieFor(approver.id), { intent: "preview" })).status).toBe(403);
  });
});
