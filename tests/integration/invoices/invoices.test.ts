// 发票: requests, issuing per issuer, red-letter reversals with refunds, and the reconciliation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { reconcile } from "~/models/impact/reconciliation.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { saveInvoiceRequest } from "~/models/invoices/invoice.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { refundOrder, RefundError } from "~/models/orders/refund.server";
import * as adminInvoices from "~/routes/admin.invoices";
import * as coopInvoices from "~/routes/coop.invoices";
import * as invoicePdf from "~/routes/invoices.$id.pdf";
import * as orderPage from "~/routes/orders.$number";
import { makeCoop, makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { startFakeStripe, type FakeStripe } from "../../support/fake-stripe";

const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const TAX_NO = "91350100M000100Y43";
const today = () => businessDay(new Date());
let serial = 10_000_000;
const invoiceNo = () => `2635${String(++serial).padStart(16, "0")}`;

function multipart(path: string, cookie: string, fields: Record<string, string>, pdf: Uint8Array<ArrayBuffer> | null = PDF) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (pdf) body.set("pdf", new File([pdf], "invoice.pdf", { type: "application/pdf" }));
  return { request: new Request(`http://shop.test${path}`, { method: "POST", headers: { Cookie: cookie }, body }), params: {}, context: {} };
}

const json = async (r: Response) => (await r.json()) as { errors?: Record<string, string>; form?: string };

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: "whsec_invoices" });
  process.env.STRIPE_SECRET_KEY = "sk_test_invoices";
  process.env.STRIPE_API_BASE = stripe.base;
});
afterAll(async () => {
  await stripe.close();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_BASE;
});

async function staffCookie() {
  const staff = await makeUser(prisma, { roles: ["staff"] });
  return { staff, cookie: await cookieFor(staff.id) };
}

describe("an organisation's 专票, issued by staff and reversed by a refund", () => {
  it("keeps issued minus reversed equal to paid minus refunded at every step", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 8800, stock: 500, giftBox: true }] });
    const org = await makeOrganization(prisma, { taxNumber: TAX_NO, approvalLimitFen: 10_000_000 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const order = await submitBulkOrder({
      buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity: 10 }],
      header: {
        poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER",
        invoiceType: "SPECIAL", invoiceTitleKind: "ORGANIZATION", invoiceTitle: org.name, invoiceTaxNo: TAX_NO,
        invoiceAddress: "福州市鼓楼区五四路 1 号", invoicePhone: "0591-88880000", invoiceBank: "中国银行福州分行", invoiceAccount: "40100012345678",
      },
    });
    await markOrderPaid({ orderId: order.id, method: "BANK_TRANSFER", provider: "bank", providerRef: `bank:${order.id}`, amountFen: 88000 });
    expect((await prisma.invoiceRequest.findUniqueOrThrow({ where: { orderId: order.id } })).bankAccount).toBe("40100012345678");

    const { staff, cookie } = await staffCookie();
    const queue = await (await responseOf(() => adminInvoices.loader(routeArgs("/admin/invoices", { cookie })))).json();
    const item = queue.requested.find((r: { orderId: string }) => r.orderId === order.id);
    expect(item.group).toMatchObject({ issuerCoopId: null, amountFen: 88000 });

    const fields = { intent: "issue", orderId: order.id, issuerCoopId: "", number: invoiceNo(), issuedOn: today(), amountYuan: "879.99" };
    const wrongAmount = await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, fields)));
    expect(wrongAmount.status).toBe(400);
    expect((await json(wrongAmount)).errors?.amountYuan).toContain("¥880.00");
    const notPdf = await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { ...fields, amountYuan: "880" }, PNG)));
    expect(notPdf.status).toBe(400);
    expect((await json(notPdf)).errors?.pdf).toContain("PDF");
    const future = await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { ...fields, amountYuan: "880", issuedOn: "2099-01-01" })));
    expect((await json(future)).errors?.issuedOn).toContain("不能晚于今天");
    expect(await prisma.invoice.count({ where: { orderId: order.id } })).toBe(0);

    const issued = await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { ...fields, amountYuan: "880" })));
    expect(issued.status).toBe(200);
    const blue = await prisma.invoice.findFirstOrThrow({ where: { orderId: order.id, kind: "BLUE" } });
    expect(blue).toMatchObject({ status: "ISSUED", type: "SPECIAL", amountFen: 88000, taxNumber: TAX_NO, issuerCoopId: null });
    expect((await reconcile()).invoices.mismatches).toEqual([]);
    // The same number cannot be registered twice; the request is locked once issued.
    await expect(saveInvoiceRequest({ orderId: order.id, requestedById: buyer.id, request: null })).rejects.toMatchObject({ status: 409 });

    // The buyer's organisation downloads it; another organisation's member gets a 404.
    const pdf = await responseOf(async () => invoicePdf.loader(routeArgs(`/invoices/${blue.id}/pdf`, { cookie: await cookieFor(buyer.id), params: { id: blue.id } })));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer())).startsWith("%PDF-")).toBe(true);
    const stranger = await makeUser(prisma, { roles: ["org_buyer"], organizationId: (await makeOrganization(prisma)).id });
    expect((await responseOf(async () => invoicePdf.loader(routeArgs(`/invoices/${blue.id}/pdf`, { cookie: await cookieFor(stranger.id), params: { id: blue.id } })))).status).toBe(404);

    // A refund of 2 boxes records a red-letter reversal for ¥176, linked to the original, before it completes.
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await refundOrder({ orderId: order.id, staffId: staff.id, reason: "两盒破损", request: { mode: "line", orderLineId: line.id, amountFen: 17600 } });
    const red = await prisma.invoice.findFirstOrThrow({ where: { orderId: order.id, kind: "RED" }, include: { lines: true } });
    expect(red).toMatchObject({ status: "PENDING", originalId: blue.id, amountFen: 17600 });
    expect(red.lines).toEqual([expect.objectContaining({ orderLineId: line.id, amountFen: 17600 })]);
    expect((await prisma.invoice.findUniqueOrThrow({ where: { id: blue.id } })).reversedFen).toBe(17600);
    let books = await reconcile();
    expect(books.invoices.mismatches).toEqual([]);
    expect(books.ok).toBe(true);
    expect(books.invoices.pendingRed).toBeGreaterThanOrEqual(1);

    const listed = await (await responseOf(() => adminInvoices.loader(routeArgs("/admin/invoices", { cookie })))).json();
    expect(listed.pendingRed.map((r: { id: string }) => r.id)).toContain(red.id);
    const redNo = invoiceNo();
    const recorded = await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { intent: "red", invoiceId: red.id, number: redNo, issuedOn: today() })));
    expect(recorded.status).toBe(200);
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: red.id } })).toMatchObject({ status: "ISSUED", number: redNo });
    books = await reconcile();
    expect(books.ok).toBe(true);
  });

  it("a refund whose reversal was skipped shows up in the reconciliation", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000, stock: 50 }] });
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: product.variants[0].id, quantity: 2 }] });
    await saveInvoiceRequest({ orderId: order.id, requestedById: buyer.id, request: { type: "PLAIN", titleKind: "PERSONAL", title: "张三", taxNumber: null, regAddress: null, regPhone: null, bankName: null, bankAccount: null } });
    await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `t_${order.id}`, amountFen: 10000 });
    const { cookie } = await staffCookie();
    await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { intent: "issue", orderId: order.id, issuerCoopId: "", number: invoiceNo(), issuedOn: today(), amountYuan: "100" })));
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    // Money back without the red-letter invoice (what the refund flow never does).
    await prisma.orderLine.update({ where: { id: line.id }, data: { refundedFen: 5000 } });
    await prisma.order.update({ where: { id: order.id }, data: { refundedFen: 5000 } });
    const books = await reconcile();
    expect(books.ok).toBe(false);
    expect(books.invoices.mismatches).toEqual([expect.objectContaining({ orderNumber: order.number, expectedFen: 5000, invoicedFen: 10000, reason: "已开发票减红冲不等于实付减退款" })]);
    await prisma.orderLine.update({ where: { id: line.id }, data: { refundedFen: 0 } });
    await prisma.order.update({ where: { id: order.id }, data: { refundedFen: 0 } });
  });
});

describe("who issues what", () => {
  it("a co-op that issues its own invoices its lines; the platform the rest and shipping; another co-op cannot touch them", async () => {
    const w = await makeWorld(prisma);
    const ownCoop = await makeCoop(prisma, { countyId: w.county.id });
    await prisma.coop.update({ where: { id: ownCoop.id }, data: { invoiceIssuer: "COOP" } });
    const own = await makeProduct(prisma, { countyId: w.county.id, coopId: ownCoop.id, categoryId: w.category.id, variants: [{ priceFen: 3000, stock: 50 }] });
    const other = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 2000, stock: 50 }] });
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", shippingFen: 800, lines: [{ variantId: own.variants[0].id, quantity: 1 }, { variantId: other.variants[0].id, quantity: 2 }] });
    // The buyer asks on the order page (a person's 普票, no tax number).
    const asked = await responseOf(async () =>
      orderPage.action(routeArgs(`/orders/${order.number}`, { cookie: await cookieFor(buyer.id), params: { number: order.number }, form: { intent: "invoice", invoiceType: "PLAIN", invoiceTitleKind: "PERSONAL", invoiceTitle: "李四", invoiceTaxNo: "" } })),
    );
    expect(asked.status).toBe(302);
    const badTax = await responseOf(async () =>
      orderPage.action(routeArgs(`/orders/${order.number}`, { cookie: await cookieFor(buyer.id), params: { number: order.number }, form: { intent: "invoice", invoiceType: "PLAIN", invoiceTitleKind: "ORGANIZATION", invoiceTitle: "某公司", invoiceTaxNo: "91350100M000100Y44" } })),
    );
    expect(badTax.status).toBe(400);
    expect(((await badTax.json()) as { invoice: { errors: Record<string, string> } }).invoice.errors.invoiceTaxNo).toContain("校验位");
    expect((await prisma.invoiceRequest.findUniqueOrThrow({ where: { orderId: order.id } })).title).toBe("李四");
    await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `t_${order.id}`, amountFen: 7800 });

    const { cookie } = await staffCookie();
    const queue = await (await responseOf(() => adminInvoices.loader(routeArgs("/admin/invoices", { cookie })))).json();
    const groups = queue.requested.filter((r: { orderId: string }) => r.orderId === order.id).map((r: { group: { issuerCoopId: string | null; amountFen: number } }) => r.group);
    expect(groups).toEqual(expect.arrayContaining([expect.objectContaining({ issuerCoopId: ownCoop.id, amountFen: 3000 }), expect.objectContaining({ issuerCoopId: null, amountFen: 4800 })]));

    const mine = await makeUser(prisma, { roles: ["coop_manager"], coopId: ownCoop.id });
    const rival = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
    const fields = { intent: "issue", orderId: order.id, issuerCoopId: ownCoop.id, number: invoiceNo(), issuedOn: today(), amountYuan: "30" };
    const anonymous = await responseOf(() => coopInvoices.action(multipart("/coop/invoices", "", fields)));
    expect(anonymous.status).toBe(302);
    const consumer = await responseOf(async () => coopInvoices.action(multipart("/coop/invoices", await cookieFor(buyer.id), fields)));
    expect(consumer.status).toBe(403);
    const rivalTry = await responseOf(async () => coopInvoices.action(multipart("/coop/invoices", await cookieFor(rival.id), fields)));
    expect(rivalTry.status).toBe(404);
    expect(await prisma.invoice.count({ where: { orderId: order.id } })).toBe(0);
    const ok = await responseOf(async () => coopInvoices.action(multipart("/coop/invoices", await cookieFor(mine.id), fields)));
    expect(ok.status).toBe(200);
    const coopQueue = await (await responseOf(async () => coopInvoices.loader(routeArgs("/coop/invoices", { cookie: await cookieFor(rival.id) })))).json();
    expect(coopQueue.recent).toEqual([]);
    const coopInvoice = await prisma.invoice.findFirstOrThrow({ where: { orderId: order.id, issuerCoopId: ownCoop.id } });
    expect((await responseOf(async () => invoicePdf.loader(routeArgs(`/invoices/${coopInvoice.id}/pdf`, { cookie: await cookieFor(rival.id), params: { id: coopInvoice.id } })))).status).toBe(404);
    expect((await responseOf(async () => invoicePdf.loader(routeArgs(`/invoices/${coopInvoice.id}/pdf`, { cookie: await cookieFor(mine.id), params: { id: coopInvoice.id } })))).status).toBe(200);

    await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { intent: "issue", orderId: order.id, issuerCoopId: "", number: invoiceNo(), issuedOn: today(), amountYuan: "48" })));
    expect((await prisma.invoice.aggregate({ where: { orderId: order.id }, _sum: { amountFen: true } }))._sum.amountFen).toBe(7800);
    expect((await reconcile()).invoices.mismatches).toEqual([]);
  });

  it("a reversal by hand must be in full; then the lines can be issued again", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 4000, stock: 50 }] });
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: product.variants[0].id, quantity: 1 }] });
    await saveInvoiceRequest({ orderId: order.id, requestedById: buyer.id, request: { type: "PLAIN", titleKind: "PERSONAL", title: "王五", taxNumber: null, regAddress: null, regPhone: null, bankName: null, bankAccount: null } });
    await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `t_${order.id}`, amountFen: 4000 });
    const { cookie } = await staffCookie();
    await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { intent: "issue", orderId: order.id, issuerCoopId: "", number: invoiceNo(), issuedOn: today(), amountYuan: "40" })));
    const blue = await prisma.invoice.findFirstOrThrow({ where: { orderId: order.id } });
    const post = (amountYuan: string) => responseOf(() => adminInvoices.action(routeArgs("/admin/invoices", { cookie, form: { intent: "void", invoiceId: blue.id, amountYuan, reason: "抬头有误" } })));
    const tooMuch = await post("40.01");
    expect(tooMuch.status).toBe(400);
    expect((await json(tooMuch)).errors?.amountYuan).toContain("不能大于");
    expect((await json(await post("10"))).errors?.amountYuan).toContain("全额");
    expect(await prisma.invoice.count({ where: { orderId: order.id, kind: "RED" } })).toBe(0);
    expect((await post("40")).status).toBe(200);
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: blue.id } })).toMatchObject({ fullyReversed: true, reversedFen: 4000 });
    const queue = await (await responseOf(() => adminInvoices.loader(routeArgs("/admin/invoices", { cookie })))).json();
    expect(queue.requested.some((r: { orderId: string }) => r.orderId === order.id)).toBe(true);
    await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { intent: "issue", orderId: order.id, issuerCoopId: "", number: invoiceNo(), issuedOn: today(), amountYuan: "40" })));
    expect(await prisma.invoice.count({ where: { orderId: order.id, kind: "BLUE" } })).toBe(2);
    expect((await reconcile()).invoices.mismatches).toEqual([]);
  });

  it("a refund the payment provider refuses takes its red-letter reversal back", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 6000, stock: 50 }] });
    const buyer = await makeUser(prisma);
    const order = await placeOrder({ buyerId: buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: product.variants[0].id, quantity: 1 }] });
    await saveInvoiceRequest({ orderId: order.id, requestedById: buyer.id, request: { type: "PLAIN", titleKind: "PERSONAL", title: "赵六", taxNumber: null, regAddress: null, regPhone: null, bankName: null, bankAccount: null } });
    await markOrderPaid({ orderId: order.id, method: "CARD", provider: "stripe", providerRef: `pi_${order.id}`, amountFen: 6000 });
    const { staff, cookie } = await staffCookie();
    await responseOf(() => adminInvoices.action(multipart("/admin/invoices", cookie, { intent: "issue", orderId: order.id, issuerCoopId: "", number: invoiceNo(), issuedOn: today(), amountYuan: "60" })));
    stripe.failRefunds(true);
    try {
      await expect(refundOrder({ orderId: order.id, staffId: staff.id, reason: "不想要了", request: { mode: "full" } })).rejects.toBeInstanceOf(RefundError);
    } finally {
      stripe.failRefunds(false);
    }
    expect(await prisma.invoice.count({ where: { orderId: order.id, kind: "RED" } })).toBe(0);
    expect((await prisma.invoice.findFirstOrThrow({ where: { orderId: order.id, kind: "BLUE" } })).reversedFen).toBe(0);
    expect((await reconcile()).invoices.mismatches).toEqual([]);
  });
});
