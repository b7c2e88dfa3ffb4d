import { PDFParse } from "pdf-parse";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { getOrgOrder, submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { proformaInvoicePdf } from "~/models/institutions/pdf.server";
import { organizationImpact, pledgePercent } from "~/models/impact/views.server";
import { pledgeProgress, setPledge } from "~/models/institutions/pledge.server";
import { refundOrder } from "~/models/orders/refund.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";
import * as acceptanceRoute from "~/routes/org.orders.$number.acceptance[.pdf]";
import * as statementRoute from "~/routes/org.statement[.pdf]";
import * as verifyRoute from "~/routes/verify.$code";
import { makeCounty, makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

async function pdfText(bytes: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  return (await parser.getText()).text.replace(/\s+/g, "");
}

const HEADER = { poNumber: "PO-77", costCentre: "", paymentMethod: "BANK_TRANSFER" as const, invoiceType: "SPECIAL", invoiceTitle: "青岛市市北区总工会", invoiceTaxNo: "81370203MC1234567A" };

describe("pledge progress", () => {
  it("sums paid orders less refunds by month (China time) and by county, against the target", async () => {
    const w = await makeWorld(prisma);
    const other = await makeCounty(prisma, { prefectureId: w.prefecture.id, partnerCityId: w.city.id, name: "陇西县" });
    const p1 = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 10000, stock: 100 }] });
    const p2 = await makeProduct(prisma, { countyId: other.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 20000, stock: 100 }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 100_000_000 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const a = await submitBulkOrder({ buyer, organization: org, lines: [{ variantId: p1.variants[0].id, quantity: 3 }], header: HEADER });
    const b = await submitBulkOrder({ buyer, organization: org, lines: [{ variantId: p2.variants[0].id, quantity: 1 }, { variantId: p1.variants[0].id, quantity: 1 }], header: HEADER });
    await submitBulkOrder({ buyer, organization: org, lines: [{ variantId: p2.variants[0].id, quantity: 5 }], header: HEADER }); // unpaid: not counted
    // 2026-01-31 20:00 UTC is 1 February in China.
    await recordBankTransfer({ orderNumber: a.number, amountFen: 30000, bankSerial: "S-1", receivedOn: new Date(Date.UTC(2026, 0, 31, 20)), staffId: staff.id });
    await recordBankTransfer({ orderNumber: b.number, amountFen: 30000, bankSerial: "S-2", receivedOn: new Date(Date.UTC(2026, 2, 10)), staffId: staff.id });
    // Staff refund order b's 渭源 line on 5 May: the ledger dates the reversal then, and March stays as reported.
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: b.id, productId: p1.id } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.UTC(2026, 4, 5, 2)));
    try {
      await refundOrder({ orderId: b.id, staffId: staff.id, reason: "破损", request: { mode: "line", orderLineId: line.id, amountFen: 10000 } });
    } finally {
      vi.useRealTimers();
    }
    await setPledge(org.id, 2026, 120000);

    const progress = await pledgeProgress(org.id, 2026);
    expect(progress.purchasedFen).toBe(50000);
    expect(progress.targetFen).toBe(120000);
    expect(progress.percent).toBe(41.6); // 41.67 rounded down: progress is never overstated
    expect(progress.byMonth.slice(0, 6).map((m) => m.fen)).toEqual([0, 30000, 30000, 0, -10000, 0]);
    expect(progress.byCounty).toEqual([
      { county: "渭源县", prefecture: "定西", fen: 30000 },
      { county: "陇西县", prefecture: "定西", fen: 20000 },
    ]);
    // the same figures as the organisation's impact page
    const impact = await organizationImpact(org.id, 2026);
    expect([impact.amountFen, impact.pledgePercent]).toEqual([progress.purchasedFen, progress.percent]);
    expect((await pledgeProgress(org.id, 2025)).purchasedFen).toBe(0);

    // The certificate as a member downloads it: dated "截至", months as 2026年2月, a code that verifies.
    const response = await statementRoute.loader(routeArgs("/org/statement.pdf?year=2026", { cookie: await cookieFor(buyer.id) }) as never);
    const statement = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(statement).toContain("消费帮扶采购证明");
    expect(statement).toContain(org.name);
    expect(statement).toContain("¥500.00");
    expect(statement).toContain("人民币伍佰元整");
    expect(statement).toContain("陇西县");
    expect(statement).toMatch(/截至\d{4}年\d{1,2}月\d{1,2}日/);
    expect(statement).toContain("2026年2月");
    expect(statement).toContain("2026年5月");
    expect(statement).not.toMatch(/(?<![年\d])\d{1,2}月¥/); // one month format: never "2 月" alone
    const code = /核验码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(statement)?.[1];
    expect(code).toBeTruthy();
    expect(statement).toContain(`/verify/${code}`);

    // Later purchases do not change what the paper said; the page shows no household.
    const page = await verifyRoute.loader(routeArgs(`/verify/${code!.toLowerCase().replace(/-/g, "")}`, { params: { code: code!.toLowerCase().replace(/-/g, "") } }) as never);
    expect(page.status).toBe(200);
    const shown = await page.json();
    expect(shown.certificate).toMatchObject({ year: 2026, purchasedFen: 50000, targetFen: 120000, percent: 41.6, organization: { name: org.name } });
    expect(JSON.stringify(shown)).not.toMatch(/household|农户|脱贫户/i);
    const wrong = await verifyRoute.loader(routeArgs("/verify/AAAA-BBBB-CCCC-DDDD", { params: { code: "AAAA-BBBB-CCCC-DDDD" } }) as never);
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).certificate).toBeNull();
    const junk = await verifyRoute.loader(routeArgs("/verify/%3Cscript%3E", { params: { code: "<script>" } }) as never);
    expect(junk.status).toBe(404);
    // two downloads, two codes: neither can be derived from the other
    const again = await pdfText(Buffer.from(await (await statementRoute.loader(routeArgs("/org/statement.pdf?year=2026", { cookie: await cookieFor(buyer.id) }) as never)).arrayBuffer()));
    expect(again).not.toContain(code!);
  });
});

describe("pledge completion", () => {
  it("is rounded down to a tenth of a percent and shown only against a target", () => {
    expect(pledgePercent(99_960, 100_000)).toBe(99.9);
    expect(pledgePercent(100_000, 100_000)).toBe(100);
    expect(pledgePercent(5_000_000, 100)).toBe(999);
    expect(pledgePercent(-500, 100_000)).toBe(0);
    expect(pledgePercent(500, null)).toBeNull();
  });
});

describe("proforma invoice", () => {
  it("carries the payment reference, the total and the platform's account", async () => {
    const w = await makeWorld(prisma);
    const p = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "岷县当归", variants: [{ priceFen: 12345, stock: 100 }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 100_000_000 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const placed = await submitBulkOrder({ buyer, organization: org, lines: [{ variantId: p.variants[0].id, quantity: 2 }], header: HEADER });
    const order = (await getOrgOrder(org.id, placed.number))!;
    const bytes = await proformaInvoicePdf(order);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain(`DG${placed.number}`);
    expect(text).toContain("¥246.90");
    expect(text).toContain("岷县当归");
    expect(text).toContain("增值税专用发票");
    // what the accountant checks: the amount in capitals, the payee's tax ID, address and phone, a seal box
    expect(text).toContain("大写金额：人民币贰佰肆拾陆元玖角");
    expect(text).toContain(`纳税人识别号：${PLATFORM_BANK.taxId}`);
    expect(text).toContain(PLATFORM_BANK.address);
    expect(text).toContain(PLATFORM_BANK.phone);
    expect(text).toContain("收款单位（盖章）");
  });
});

describe("acceptance form (验收单)", () => {
  it("is refused until every parcel arrived, then lists the goods, the amount in capitals and the signature boxes", async () => {
    const w = await makeWorld(prisma);
    const p = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "渭源白条党参", variants: [{ priceFen: 10000, stock: 100 }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 100_000_000 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const placed = await submitBulkOrder({ buyer, organization: org, lines: [{ variantId: p.variants[0].id, quantity: 3 }], header: HEADER });
    const cookie = await cookieFor(buyer.id);
    const download = () => responseOf(() => acceptanceRoute.loader(routeArgs(`/org/orders/${placed.number}/acceptance.pdf`, { cookie, params: { number: placed.number } }) as never));
    expect((await download()).status).toBe(409); // not paid, nothing delivered
    await recordBankTransfer({ orderNumber: placed.number, amountFen: 30000, bankSerial: "ACC-1", receivedOn: new Date(), staffId: staff.id });
    expect((await download()).status).toBe(409);
    await prisma.parcel.create({ data: { orderId: placed.id, seq: 99, coopId: w.coop.id, source: "ORDER", recipient: "工会办公室", mobile: "13800000000", province: "山东省", city: "青岛市", district: "市北区", street: "延安路 1 号", status: "DELIVERED", deliveredAt: new Date() } });
    await prisma.parcel.updateMany({ where: { orderId: placed.id }, data: { status: "DELIVERED", deliveredAt: new Date() } });
    const ok = await download();
    expect(ok.status).toBe(200);
    const text = await pdfText(Buffer.from(await ok.arrayBuffer()));
    expect(text).toContain("消费帮扶采购验收单");
    expect(text).toContain(placed.number);
    expect(text).toContain("渭源白条党参");
    expect(text).toContain(w.coop.name);
    expect(text).toContain("人民币叁佰元整");
    expect(text).toContain("采购单位验收人签字");
    // another organisation's member gets the same answer as for a missing order
    const otherOrg = await makeOrganization(prisma);
    const other = await makeUser(prisma, { roles: ["org_admin"], organizationId: otherOrg.id });
    const otherCookie = await cookieFor(other.id);
    const foreign = await responseOf(() => acceptanceRoute.loader(routeArgs(`/org/orders/${placed.number}/acceptance.pdf`, { cookie: otherCookie, params: { number: placed.number } }) as never));
    expect(foreign.status).toBe(404);
  });
});
