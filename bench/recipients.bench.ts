// Import of a 5,000-recipient file (CSV and XLSX): read, check every row, save 5,000 parcels in
// one transaction. Prints seconds per phase and the process's peak memory. Target: under 5 s.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { migrateFile } from "../tests/setup/migrate";

const ROWS = 5_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lht-bench-"));
const file = path.join(dir, "bench.db");
await migrateFile(file);
process.env.DATABASE_URL = `file:${file}`;

const { prisma } = await import("~/db.server");
const { submitBulkOrder } = await import("~/models/institutions/bulk-order.server");
const { checkRecipientFile, importRecipients, TEMPLATE_HEADER } = await import("~/models/institutions/recipients.server");
const { makeOrganization, makeProduct, makeUser, makeWorld } = await import("../tests/factories");

const w = await makeWorld(prisma);
const product = await makeProduct(prisma, {
  countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "陇南花椒礼盒",
  variants: ["经典装", "精品装", "尊享装"].map((name) => ({ name, priceFen: 9900, stock: 100_000, giftBox: true })),
});
const org = await makeOrganization(prisma, { approvalLimitFen: 0 });
const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });

function rows() {
  const out: (string | number)[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const v = product.variants[i % 3];
    out.push([`职工${i}`, `139${String(i).padStart(8, "0")}`, "山东省", "青岛市", "市北区", `辽宁路 ${i} 号 ${i % 30} 单元`, i % 2 ? v.sku : v.name, 1 + (i % 2)]);
  }
  return out;
}

async function newOrder() {
  const per = Math.ceil((ROWS * 2) / 3) + 10;
  return submitBulkOrder({
    buyer, organization: org, lines: product.variants.map((v) => ({ variantId: v.id, quantity: per })),
    header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
  });
}

const csv = new TextEncoder().encode([TEMPLATE_HEADER, ...rows()].map((r) => r.join(",")).join("\n"));
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("收件人");
ws.addRow(TEMPLATE_HEADER);
for (const r of rows()) ws.addRow(r);
const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

async function run(label: string, name: string, bytes: Uint8Array) {
  const order = await newOrder();
  const t0 = performance.now();
  const checked = await checkRecipientFile(order.id, name, bytes);
  const t1 = performance.now();
  if (checked.errors.length) throw new Error(`${label}: unexpected errors ${JSON.stringify(checked.errors.slice(0, 3))}`);
  const saved = await importRecipients(order.id, checked.rows);
  const t2 = performance.now();
  const stored = await prisma.parcel.count({ where: { orderId: order.id } });
  if (saved !== ROWS || stored !== ROWS) throw new Error(`${label}: saved ${saved}, stored ${stored}`);
  const total = (t2 - t0) / 1000;
  console.log(
    `${label.padEnd(5)} ${ROWS} rows (${(bytes.byteLength / 1024).toFixed(0)} KB): read+check ${((t1 - t0) / 1000).toFixed(2)} s, save ${((t2 - t1) / 1000).toFixed(2)} s, total ${total.toFixed(2)} s ${total < 5 ? "(target < 5 s: met)" : "(target < 5 s: MISSED)"}`,
  );
}

await run("CSV", "recipients.csv", csv);
await run("XLSX", "recipients.xlsx", xlsx);
clearInterval(sampler);
console.log(`peak memory: RSS ${(peak / 1024 / 1024).toFixed(0)} MB sampled, ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB max RSS reported by the OS`);
await prisma.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
