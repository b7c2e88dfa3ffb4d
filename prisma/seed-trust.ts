// Demo data for what lets buyers check what they are told: batches with their households and
// certificates (so demo orders carry trace codes), 定点帮扶 programmes (so the counted-once
// cross-tab has four claims) and a few issued invoices. Re-runnable: batches upsert on their code,
// programmes on their name, orders on their request id; invoiced orders are skipped.
import crypto from "node:crypto";
import PDFDocument from "pdfkit";
import type { PrismaClient } from "~/generated/prisma/client";
import { storeDocument } from "~/lib/uploads.server";
import { recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { issueInvoice } from "~/models/invoices/invoice.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { splitByWeights } from "~/models/impact/split";
import { makeBatch } from "../tests/factories";

const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The same trace code for the same product and batch on every run. */
function demoCode(slug: string, n: number) {
  const digest = crypto.createHash("sha256").update(`demo-batch:${slug}:${n}`).digest();
  return Array.from(digest.subarray(0, 10), (b) => CODE_ALPHABET[b % 32]).join("");
}

const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Two batches per product — one harvested about four months ago, one about a month ago — shared by
 * the product's households in proportion to their weights, with 40% and 60% of the variant's stock
 * received into them. The seeded order history then takes units first in, first out.
 */
export async function seedBatches(db: PrismaClient, rand: () => number) {
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@demo.longhuo.cn" }, select: { id: true } });
  const products = await db.product.findMany({
    where: { status: "ACTIVE" },
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, coopId: true, unit: true, shares: { select: { householdId: true, weight: true }, orderBy: { householdId: "asc" } }, variants: { select: { id: true, stock: true } } },
  });
  const now = Date.now();
  let made = 0;
  for (const p of products) {
    const shares = p.shares.filter((s) => s.weight > 0);
    if (shares.length === 0) continue;
    const percents = splitByWeights(100, shares.map((s) => ({ key: s.householdId, weight: s.weight }))).filter((x) => x.amountFen > 0);
    for (const [n, ageDays, part] of [[1, 110 + Math.floor(rand() * 30), 0.4], [2, 20 + Math.floor(rand() * 20), 0.6]] as const) {
      await makeBatch(db, {
        code: demoCode(p.slug, n),
        productId: p.id,
        coopId: p.coopId,
        createdById: staff.id,
        producedOn: day(now - ageDays * 86_400_000),
        quantity: 200 + Math.floor(rand() * 1800),
        quantityUnit: "斤",
        certKind: rand() < 0.8 ? "PROMISE" : "TEST_REPORT",
        certNumber: `GS${day(now - ageDays * 86_400_000).replaceAll("-", "")}${String(Math.floor(rand() * 1e6)).padStart(6, "0")}`,
        shares: percents.map((x) => ({ householdId: x.key, percent: x.amountFen })),
        stocks: p.variants.map((v) => ({ variantId: v.id, units: Math.floor(v.stock * part) })),
        receivedAt: new Date(now - (ageDays - 2) * 86_400_000),
      });
      made += 1;
    }
  }
  return made;
}

/**
 * Two 定点帮扶 programmes (demo units, marked 演示). The demo organisation in 福州 is a member of the
 * one for 渭源县, so its purchases of 渭源 products count for that programme too.
 */
export async function seedProgrammes(db: PrismaClient, demoOrgCreditCode: string) {
  const org = await db.organization.findUnique({ where: { creditCode: demoOrgCreditCode }, select: { id: true } });
  const programmes = [
    { name: "某中央单位定点帮扶渭源县（演示）", unitName: "某中央单位（演示）", county: "weiyuan", startsOn: "2021-01-01", members: org ? [org.id] : [] },
    { name: "某中央企业定点帮扶临潭县（演示）", unitName: "某中央企业（演示）", county: "lintan", startsOn: "2021-01-01", members: [] as string[] },
  ];
  for (const p of programmes) {
    const county = await db.county.findUnique({ where: { slug: p.county }, select: { id: true } });
    if (!county) continue;
    const existing = await db.assistanceProgramme.findFirst({ where: { name: p.name }, select: { id: true } });
    const programme = existing ?? (await db.assistanceProgramme.create({ data: { name: p.name, unitName: p.unitName, countyId: county.id, startsOn: p.startsOn }, select: { id: true } }));
    for (const organizationId of p.members) {
      await db.programmeMember.upsert({ where: { programmeId_organizationId: { programmeId: programme.id, organizationId } }, create: { programmeId: programme.id, organizationId }, update: {} });
    }
  }
}

/** A stand-in for the tax system's e-invoice PDF (demo only: real ones come from the issuer). */
function demoInvoicePdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A5", margin: 40, info: { Producer: "陇货通", Title: "DEMO INVOICE" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.fontSize(16).text("DEMO E-INVOICE (not valid for tax)").moveDown();
    doc.fontSize(11);
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

/**
 * Invoices in the demo: issued 普票 for three institution orders of the history (each with its
 * PDF), and one paid institution order without a request (PO GL-2026-003) on which the demo buyer
 * can ask for a 专票 — the browser test does exactly that.
 */
export async function seedInvoices(db: PrismaClient, demoOrgCreditCode: string) {
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@demo.longhuo.cn" }, select: { id: true } });
  const org = await db.organization.findUniqueOrThrow({ where: { creditCode: demoOrgCreditCode } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: "buyer@demo.longhuo.cn" } });
  const box = await db.variant.findFirst({
    where: { giftBox: true, stock: { gte: 60 }, active: true, priceFen: { lte: 30000 }, product: { status: "ACTIVE", county: { partnerCity: { slug: "fuzhou" } } } },
    orderBy: { sku: "desc" },
    select: { id: true, minOrderQty: true },
  });
  if (box) {
    const placed = await submitBulkOrder({
      buyer, organization: org, clientRequestId: "seed:bulk-invoice-1",
      header: { poNumber: "GL-2026-003", costCentre: "办公室", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
      lines: [{ variantId: box.id, quantity: Math.max(10, box.minOrderQty) }],
    });
    const saved = await db.order.findUniqueOrThrow({ where: { id: placed.id }, select: { status: true, totalFen: true } });
    if (saved.status === "PENDING_PAYMENT") {
      await recordBankTransfer({ orderNumber: placed.number, amountFen: saved.totalFen, bankSerial: "SEED-0003", receivedOn: new Date(Date.now() - 3 * 86_400_000), staffId: staff.id });
    }
  }
  const orders = await db.order.findMany({
    where: { number: { startsWith: "DEMO-H" }, organizationId: { not: null } },
    orderBy: { number: "asc" },
    take: 3,
    select: { id: true, number: true, paidAt: true, totalFen: true, organization: { select: { invoiceTitle: true, taxNumber: true } }, _count: { select: { invoices: true } } },
  });
  for (const [i, order] of orders.entries()) {
    if (order._count.invoices > 0) continue; // issued on an earlier run
    await db.invoiceRequest.upsert({
      where: { orderId: order.id },
      create: { orderId: order.id, type: "PLAIN", titleKind: "ORGANIZATION", title: order.organization!.invoiceTitle, taxNumber: order.organization!.taxNumber, requestedById: staff.id },
      update: {},
    });
    const number = `2662${String(i + 1).padStart(16, "0")}`;
    const issuedOn = day(order.paidAt!.getTime() + 86_400_000 > Date.now() ? order.paidAt!.getTime() : order.paidAt!.getTime() + 86_400_000);
    const pdf = await demoInvoicePdf([`No. ${number}`, `Order ${order.number}`, `Amount CNY ${(order.totalFen / 100).toFixed(2)}`, `Date ${issuedOn}`]);
    const pdfFile = await storeDocument("invoices", new Uint8Array(pdf), "pdf");
    await issueInvoice({ orderId: order.id, issuerCoopId: null, actor: { userId: staff.id, staff: true }, number, issuedOn, amountFen: order.totalFen, pdfFile });
  }
}

/**
 * A paid order of the demo consumer (an ordinary LH- number, so it opens from /orders) for two
 * products that have batches: its page shows the trace codes and QR codes of its batches.
 */
export async function seedTracedOrder(db: PrismaClient) {
  const consumer = await db.user.findUniqueOrThrow({ where: { email: "consumer@demo.longhuo.cn" }, select: { id: true } });
  const variants = await db.variant.findMany({
    where: { active: true, minOrderQty: 1, product: { status: "ACTIVE" }, batchStocks: { some: { remaining: { gte: 2 } } }, stock: { gte: 2 } },
    orderBy: { sku: "asc" },
    take: 2,
    select: { id: true },
  });
  if (variants.length === 0) return;
  const order = await placeOrder({
    buyerId: consumer.id,
    status: "PENDING_PAYMENT",
    clientRequestId: "seed:consumer-traced-1",
    lines: variants.map((v) => ({ variantId: v.id, quantity: 1 })),
    address: { recipient: "林晓雯", mobile: "13905910000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五一北路 100 号" },
  });
  if (order.duplicate) return;
  const { totalFen } = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true } });
  await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `seed_${order.id}`, amountFen: totalFen });
}
