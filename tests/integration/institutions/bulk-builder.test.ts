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

describe("the builder keeps what was typed", () => {
  async function world() {
    const w = await makeWorld(prisma);
    const make = (name: string) => makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name, variants: [{ priceFen: 10000, stock: 500, giftBox: true }] });
    const [gui, apple, millet] = await Promise.all([make("岷县当归礼盒"), make("静宁苹果"), make("会宁小米")]);
    const org = await makeOrganization(prisma, { approvalLimitFen: 0 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    return { cookie: await cookieFor(buyer.id), sku: (p: typeof gui) => p.variants[0].sku, gui, apple, millet };
  }

  it("a catalogue search returns the table as it was, with the results", async () => {
    const s = await world();
    const table = { sku_0: s.sku(s.gui), qty_0: "20", sku_1: s.sku(s.apple), qty_1: "5", poNumber: "PO-3" };
    const answer = await (await post(s.cookie, { ...table, q: "小米", intent: "search" })).json();
    expect(answer.values).toMatchObject(table);
    expect(answer.catalogue.map((v: { sku: string }) => v.sku)).toEqual([s.sku(s.millet)]);
    expect(answer.totalFen).toBe(25 * 10000);
    // and adding the found item puts it in the next free row, keeping the others
    const added = await (await post(s.cookie, { ...table, addSku: `${s.sku(s.millet)}|1` })).json();
    expect(added.values).toMatchObject({ ...table, sku_2: s.sku(s.millet), qty_2: "1" });
  });

  it("pastes SKU and quantity columns from Excel into free rows, adding to a SKU already there", async () => {
    const s = await world();
    const paste = `SKU\t数量\r\n${s.sku(s.apple).toLowerCase()}\t30\r\n${s.sku(s.millet)}\t1,200\r\n${s.sku(s.gui)}\t5\r\n`;
    const answer = await (await post(s.cookie, { sku_0: s.sku(s.gui), qty_0: "10", paste, intent: "paste" })).json();
    expect(answer.pasteErrors).toBeUndefined();
    expect(answer.values).toMatchObject({ sku_0: s.sku(s.gui), qty_0: "15", sku_1: s.sku(s.apple), qty_1: "30", sku_2: s.sku(s.millet), qty_2: "1200" });
    expect(answer.values.paste).toBeUndefined();
  });

  it("reports each bad pasted row by its row and adds none of them", async () => {
    const s = await world();
    const paste = [`${s.sku(s.apple)}\t30`, `${s.sku(s.millet)}\t三十`, `\t4`, `${s.sku(s.gui)}\t0`].join("\n");
    const answer = await (await post(s.cookie, { sku_0: s.sku(s.gui), qty_0: "10", paste, intent: "paste" })).json();
    expect(answer.pasteErrors).toHaveLength(3);
    expect(answer.pasteErrors[0]).toMatch(/^粘贴的第 2 行/);
    expect(answer.pasteErrors[1]).toMatch(/^粘贴的第 3 行：请填写 SKU/);
    expect(answer.pasteErrors[2]).toMatch(/^粘贴的第 4 行/);
    expect(answer.values.sku_1).toBeUndefined();
    expect(answer.values.paste).toBe(paste); // comes back to be corrected
  });

  it("adds empty rows on request, up to the table's limit", async () => {
    const s = await world();
    const answer = await (await post(s.cookie, { sku_0: s.sku(s.gui), qty_0: "10", rows: "6", intent: "rows" })).json();
    expect(answer.values).toMatchObject({ sku_0: s.sku(s.gui), rows: "16" });
    const full = await (await post(s.cookie, { rows: "48", intent: "rows" })).json();
    expect(full.values.rows).toBe("50");
  });
});
