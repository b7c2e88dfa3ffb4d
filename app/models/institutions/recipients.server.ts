// Many recipients for one bulk order: read a CSV or XLSX file, check every row (reporting each
// problem by row and column), and only when all rows are good give each recipient a parcel (from
// its package's co-op), in one transaction.
import ExcelJS from "exceljs";
import { prisma } from "~/db.server";
import { columnLetter, looksLikeFormula, toCsv } from "~/lib/csv-safe";
import { dataRows, headerColumns, lastFilledRow, readGrid, SpreadsheetError, type Grid, type RowError } from "~/lib/spreadsheet.server";
import { DomainError } from "~/lib/errors";
import { isQuantity, quantityMessage } from "~/lib/form-fields";

export type { RowError };
import { MOBILE_PATTERN } from "~/lib/phone";
import { BULK_OPEN_STATUSES, type OrderStatus } from "~/models/orders/status";
import { allocation, createParcels, type LineAllocation } from "~/models/parcels/split.server";
import { parcelStatusLabel } from "~/models/parcels/status";
import { parcelSelect } from "~/models/parcels/view.server";

export const MAX_RECIPIENT_ROWS = 10_000;
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_QTY_PER_RECIPIENT = 1000;

const FIELDS = ["recipient", "mobile", "province", "city", "district", "street", "package", "quantity"] as const;
type FieldKey = (typeof FIELDS)[number];

export const FIELD_LABELS: Record<FieldKey, string> = {
  recipient: "姓名", mobile: "手机号", province: "省份", city: "城市", district: "区县", street: "详细地址", package: "礼盒", quantity: "数量",
};
const ALIASES: Record<string, FieldKey> = {
  姓名: "recipient", 收件人: "recipient", 收货人: "recipient", name: "recipient", recipient: "recipient",
  手机号: "mobile", 手机: "mobile", 手机号码: "mobile", 电话: "mobile", mobile: "mobile", phone: "mobile",
  省份: "province", 省: "province", province: "province",
  城市: "city", 市: "city", city: "city",
  区县: "district", "区/县": "district", 区: "district", 县: "district", district: "district",
  详细地址: "street", 地址: "street", street: "street", address: "street",
  礼盒: "package", 商品: "package", 包裹: "package", 规格: "package", sku: "package", package: "package",
  数量: "quantity", 份数: "quantity", quantity: "quantity", qty: "quantity",
};

/** The header line of the template offered for download. */
export const TEMPLATE_HEADER = FIELDS.map((f) => FIELD_LABELS[f]);

export interface RecipientRow {
  row: number;
  recipient: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  street: string;
  lineId: string;
  packageLabel: string;
  quantity: number;
}

export class RecipientFileError extends DomainError {}

/** The package label a parcel and a gift code carry: product, variant and SKU. */
export function packageLabel(line: { productName: string; variantName: string; sku: string }) {
  return `${line.productName}·${line.variantName}（${line.sku}）`;
}

interface OrderPackages {
  lines: LineAllocation[];
}

/** What each line of the order can still send: its quantity minus parcels and live gift codes. */
export async function packagesOf(db: Parameters<typeof allocation>[0], orderId: string): Promise<OrderPackages> {
  return { lines: await allocation(db, orderId) };
}

export async function orderPackages(orderId: string) {
  return (await packagesOf(prisma, orderId)).lines;
}

export function findPackage(lines: OrderPackages["lines"], name: string) {
  const n = name.trim().toUpperCase().replace(/\s+/g, "");
  if (!n) return undefined;
  return lines.find((l) => {
    const candidates = [l.sku, l.variantName, `${l.productName}${l.variantName}`, `${l.productName}·${l.variantName}`, packageLabel(l)];
    return candidates.some((c) => c.toUpperCase().replace(/\s+/g, "") === n);
  }) ?? (lines.filter((l) => l.productName.toUpperCase().replace(/\s+/g, "") === n).length === 1 ? lines.find((l) => l.productName.toUpperCase().replace(/\s+/g, "") === n) : undefined);
}

/**
 * Checks a whole file against an order. Returns every problem (row, column, message) and, only
 * when there are none, the rows ready to save.
 */
export async function checkRecipientFile(orderId: string, fileName: string, bytes: Uint8Array) {
  const errors: RowError[] = [];
  let grid: Grid;
  try {
    grid = await readGrid(fileName, bytes, { maxBytes: MAX_FILE_BYTES, maxRows: MAX_RECIPIENT_ROWS });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { errors: [{ row: 0, column: null, field: null, message: error.message }], rows: [] as RecipientRow[] };
    throw error;
  }
  const packages = await packagesOf(prisma, orderId);
  return { ...validateGrid(grid, packages), packages: packages.lines };
}

function validateGrid(grid: Grid, packages: OrderPackages): { errors: RowError[]; rows: RecipientRow[] } {
  const last = lastFilledRow(grid);
  if (last < 0) return { errors: [{ row: 1, column: null, field: null, message: "文件是空的，第 1 行应为表头" }], rows: [] };
  const count = last; // rows after the header, up to the last non-blank one
  if (count > MAX_RECIPIENT_ROWS) {
    return { errors: [{ row: 0, column: null, field: null, message: `文件有 ${count} 行数据，超过上限 ${MAX_RECIPIENT_ROWS} 行，请拆分后分批导入` }], rows: [] };
  }
  if (count === 0) return { errors: [{ row: 2, column: null, field: null, message: "表头下面没有收件人" }], rows: [] };

  const { columnOf, errors } = headerColumns(grid.rows[0] ?? [], FIELDS, FIELD_LABELS, ALIASES);
  if (errors.length) return { errors, rows: [] };

  const rows: RecipientRow[] = [];
  const wanted = new Map<string, number>();
  for (const { r, rowNo, cells } of dataRows(grid, errors)) {
    const get = (f: FieldKey) => (cells[columnOf.get(f)!] ?? "").trim();
    const err = (f: FieldKey, message: string) => errors.push({ row: rowNo, column: columnLetter(columnOf.get(f)!), field: FIELD_LABELS[f], message });
    let rowOk = true;
    for (const f of FIELDS) {
      const col = columnOf.get(f)!;
      if (grid.formulaCells.has(`${r}:${col}`)) {
        err(f, "公式单元格：请粘贴为纯文本");
        rowOk = false;
      } else if (looksLikeFormula(cells[col] ?? "")) {
        err(f, "不能以 = + - @ 开头（可能是公式；手机号请去掉 +86）");
        rowOk = false;
      }
    }
    if (!rowOk) continue;
    const recipient = get("recipient");
    const mobile = get("mobile").replace(/[\s-]/g, "");
    const province = get("province");
    const city = get("city");
    const district = get("district");
    const street = get("street");
    const qtyText = get("quantity") || "1";
    if (!recipient) err("recipient", "姓名不能为空");
    else if (recipient.length > 50) err("recipient", "姓名过长（最多 50 字）");
    if (!MOBILE_PATTERN.test(mobile)) err("mobile", `手机号「${mobile.slice(0, 20)}」不是 11 位大陆手机号`);
    if (province.length < 2 || province.length > 20) err("province", "省份应为 2–20 个字");
    if (city.length < 2 || city.length > 20) err("city", "城市应为 2–20 个字");
    if (district.length < 2 || district.length > 20) err("district", "区县应为 2–20 个字");
    if (street.length < 4 || street.length > 120) err("street", "详细地址应为 4–120 个字");
    const pkg = findPackage(packages.lines, get("package"));
    if (!pkg) err("package", get("package") ? `订单中没有礼盒「${get("package").slice(0, 30)}」（可填 SKU 或规格名）` : "请填写礼盒（SKU 或规格名）");
    const quantity = /^\d{1,4}$/.test(qtyText) ? Number(qtyText) : NaN;
    if (!isQuantity(quantity, MAX_QTY_PER_RECIPIENT)) err("quantity", quantityMessage(MAX_QTY_PER_RECIPIENT));
    const before = errors.length;
    if (before && errors[before - 1].row === rowNo) continue;
    wanted.set(pkg!.id, (wanted.get(pkg!.id) ?? 0) + quantity);
    rows.push({ row: rowNo, recipient, mobile, province, city, district, street, lineId: pkg!.id, packageLabel: packageLabel(pkg!), quantity });
  }
  for (const line of packages.lines) {
    const want = wanted.get(line.id) ?? 0;
    if (want > line.available) {
      errors.push({ row: 0, column: null, field: FIELD_LABELS.package, message: `「${packageLabel(line)}」共分配 ${want} 份，超过订单可分配的 ${line.available} 份` });
    }
  }
  return errors.length ? { errors, rows: [] } : { errors, rows };
}


/**
 * Saves checked rows as parcels (one per recipient, from its package's co-op), all or none.
 * Availability is checked again inside the transaction, so two imports racing for the same order
 * cannot together exceed its quantities.
 */
export async function importRecipients(orderId: string, rows: RecipientRow[]) {
  if (rows.length === 0) throw new RecipientFileError("没有可导入的收件人");
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    if (!BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) throw new RecipientFileError("订单已发货或已取消，不能再导入收件人");
    const packages = await packagesOf(tx, orderId);
    const wanted = new Map<string, number>();
    for (const r of rows) wanted.set(r.lineId, (wanted.get(r.lineId) ?? 0) + r.quantity);
    for (const line of packages.lines) {
      if ((wanted.get(line.id) ?? 0) > line.available) throw new RecipientFileError(`「${packageLabel(line)}」可分配数量已变化，请重新上传`);
    }
    const coopOf = new Map(packages.lines.map((l) => [l.id, l.coopId]));
    const created = await createParcels(
      tx,
      orderId,
      rows.map((r) => ({
        coopId: coopOf.get(r.lineId)!,
        source: "RECIPIENT" as const,
        address: { recipient: r.recipient, mobile: r.mobile, province: r.province, city: r.city, district: r.district, street: r.street },
        items: [{ orderLineId: r.lineId, quantity: r.quantity }],
      })),
    );
    return created.length;
  }, { timeout: 30_000 });
}

const DELIVERY_HEADER = ["序号", "包裹号", "收件人", "手机号", "省份", "城市", "区县", "详细地址", "礼盒", "数量", "快递公司", "运单号", "状态"];

function itemsLabel(items: { quantity: number; orderLine: { productName: string; variantName: string; variant: { sku: string } } }[]) {
  return items.map((i) => packageLabel({ productName: i.orderLine.productName, variantName: i.orderLine.variantName, sku: i.orderLine.variant.sku })).join("；");
}

async function deliveryRows(orderId: string) {
  const [order, parcels] = await Promise.all([
    prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true } }),
    prisma.parcel.findMany({ where: { orderId }, orderBy: { seq: "asc" }, select: parcelSelect }),
  ]);
  return parcels.map((p, i) => [
    i + 1, `${order.number}-${p.seq}`, p.recipient, p.mobile, p.province, p.city, p.district, p.street, itemsLabel(p.items),
    p.items.reduce((s, x) => s + x.quantity, 0), p.courier ?? "", p.trackingNumber ?? "", parcelStatusLabel(p.status),
  ]);
}

/** The delivery list (one row per parcel, with its tracking number), safe to open in Excel. */
export async function deliveryListCsv(orderId: string) {
  return toCsv(DELIVERY_HEADER, await deliveryRows(orderId));
}

/**
 * The same list as XLSX. Every cell is written as a typed value (text or number), never as a
 * formula: text starting with = stays text in a workbook, unlike in a CSV.
 */
export async function deliveryListXlsx(orderId: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("配送清单");
  sheet.addRow(DELIVERY_HEADER).font = { bold: true };
  for (const values of await deliveryRows(orderId)) sheet.addRow(values);
  sheet.columns.forEach((c, i) => (c.width = [6, 22, 10, 14, 10, 10, 10, 36, 36, 6, 10, 18, 8][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The recipients' parcels of an institution order (first `take`), for its page. */
export async function listRecipientParcels(orderId: string, take = 200) {
  const where = { orderId, source: { in: ["RECIPIENT", "GIFT_CODE"] } };
  const [parcels, total] = await Promise.all([
    prisma.parcel.findMany({ where, orderBy: { seq: "asc" }, take, select: parcelSelect }),
    prisma.parcel.count({ where }),
  ]);
  return {
    parcels: parcels.map((p) => ({ id: p.id, recipient: p.recipient, mobile: p.mobile, city: p.city, district: p.district, packageLabel: itemsLabel(p.items), quantity: p.items.reduce((s, x) => s + x.quantity, 0), status: p.status })),
    total,
  };
}

export function templateCsv(example: { sku: string }[]) {
  return toCsv(TEMPLATE_HEADER, [["张三", "13800138000", "福建省", "福州市", "鼓楼区", "五四路 100 号 3 楼", example[0]?.sku ?? "SKU", 1]]);
}
