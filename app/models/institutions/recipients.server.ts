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
import { MOBILE_PATTERN, normaliseMobile } from "~/lib/phone";
import { formatFen } from "~/lib/money";
import { checkDivision } from "~/models/addresses/divisions.server";
import { BULK_OPEN_STATUSES, type OrderStatus } from "~/models/orders/status";
import { allocation, createParcels, type LineAllocation } from "~/models/parcels/split.server";
import { parcelStatusLabel } from "~/models/parcels/status";
import { parcelSelect } from "~/models/parcels/view.server";
import { trackingUrl } from "~/models/parcels/couriers";
import type { Tx } from "~/db.server";

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

/** How a file is taken: added to the recipients already imported, or replacing them all. */
export interface ImportMode {
  replace?: boolean;
}

/** A recipient already on the order (an imported parcel not yet shipped), as the file is compared with it. */
interface ExistingRecipient {
  seq: number;
  lineId: string;
  mobile: string;
  quantity: number;
  /** every field the file gives, so the same row twice is recognised as the same person */
  signature: string;
}

interface OrderContext extends OrderPackages {
  existing: ExistingRecipient[];
  /** fen per unit of each line, for the allowance */
  unitPrice: Map<string, number>;
  allowance: { name: string; perHeadFen: number } | null;
}

const signatureOf = (r: { recipient: string; mobile: string; province: string; city: string; district: string; street: string; lineId: string; quantity: number }) =>
  [r.recipient, r.mobile, r.province, r.city, r.district, r.street.replace(/\s+/g, ""), r.lineId, r.quantity].join("|");

/**
 * What a file is checked against: the order's lines (in replace mode the imported parcels count
 * as free again, since the file takes their place), the recipients already imported and the
 * order's welfare allowance.
 */
async function orderContext(db: Tx | typeof prisma, orderId: string, mode: ImportMode): Promise<OrderContext> {
  const [lines, imported, order] = await Promise.all([
    allocation(db, orderId),
    db.parcel.findMany({
      where: { orderId, source: "RECIPIENT", status: { not: "CANCELLED" } },
      select: { seq: true, recipient: true, mobile: true, province: true, city: true, district: true, street: true, status: true, items: { select: { orderLineId: true, quantity: true } } },
    }),
    db.order.findUniqueOrThrow({ where: { id: orderId }, select: { allowance: { select: { name: true, perHeadFen: true } }, lines: { select: { id: true, unitPriceFen: true } } } }),
  ]);
  const existing = imported.flatMap((p) =>
    p.items.map((i) => ({ seq: p.seq, lineId: i.orderLineId, mobile: p.mobile, quantity: i.quantity, signature: signatureOf({ ...p, lineId: i.orderLineId, quantity: i.quantity }) })),
  );
  if (mode.replace) {
    // Replacing frees the imported units (refused later if any of the order's parcels has left).
    const freed = new Map<string, number>();
    for (const e of existing) freed.set(e.lineId, (freed.get(e.lineId) ?? 0) + e.quantity);
    for (const line of lines) line.available += freed.get(line.id) ?? 0;
  }
  return { lines, existing: mode.replace ? [] : existing, unitPrice: new Map(order.lines.map((l) => [l.id, l.unitPriceFen])), allowance: order.allowance };
}

/**
 * Checks a whole file against an order. Returns every problem (row, column, message) and, only
 * when there are none, the rows ready to save; `skipped` counts rows already imported exactly as
 * they are (the same file twice adds nobody).
 */
export async function checkRecipientFile(orderId: string, fileName: string, bytes: Uint8Array, mode: ImportMode = {}) {
  let grid: Grid;
  try {
    grid = await readGrid(fileName, bytes, { maxBytes: MAX_FILE_BYTES, maxRows: MAX_RECIPIENT_ROWS });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { errors: [{ row: 0, column: null, field: null, message: error.message }], rows: [] as RecipientRow[], skipped: 0 };
    throw error;
  }
  const context = await orderContext(prisma, orderId, mode);
  return { ...validateGrid(grid, context), packages: context.lines };
}

function validateGrid(grid: Grid, packages: OrderContext): { errors: RowError[]; rows: RecipientRow[]; skipped: number } {
  const last = lastFilledRow(grid);
  if (last < 0) return { errors: [{ row: 1, column: null, field: null, message: "文件是空的，第 1 行应为表头" }], rows: [], skipped: 0 };
  // readGrid already refused a file past MAX_RECIPIENT_ROWS (it stops reading there)
  if (last === 0) return { errors: [{ row: 2, column: null, field: null, message: "表头下面没有收件人" }], rows: [], skipped: 0 };

  const { columnOf, errors } = headerColumns(grid.rows[0] ?? [], FIELDS, FIELD_LABELS, ALIASES);
  if (errors.length) return { errors, rows: [], skipped: 0 };
  // A person is a mobile and a gift box: the same pair twice is a duplicate, in the file or against the order.
  const seenInFile = new Map<string, number>();
  const already = new Map(packages.existing.map((e) => [`${e.mobile}|${e.lineId}`, e]));
  const alreadySame = new Set(packages.existing.map((e) => e.signature));
  // What each person (by mobile) gets from the order, in fen, for the allowance.
  const spend = new Map<string, number>();
  for (const e of packages.existing) spend.set(e.mobile, (spend.get(e.mobile) ?? 0) + e.quantity * (packages.unitPrice.get(e.lineId) ?? 0));
  const spendRows = new Map<string, number[]>();
  let skipped = 0;

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
    const mobile = normaliseMobile(get("mobile"));
    const street = get("street");
    const qtyText = get("quantity") || "1";
    if (!recipient) err("recipient", "姓名不能为空");
    else if (recipient.length > 50) err("recipient", "姓名过长（最多 50 字）");
    if (!MOBILE_PATTERN.test(mobile)) err("mobile", `手机号「${mobile.slice(0, 20)}」不是 11 位大陆手机号`);
    // The same divisions as checkout: official names, mainland only; the wrong level is the column named.
    const division = checkDivision({ province: get("province"), city: get("city"), district: get("district") });
    if (!division.ok) err(division.field, division.message);
    if (street.length < 4 || street.length > 120) err("street", "详细地址应为 4–120 个字");
    const pkg = findPackage(packages.lines, get("package"));
    if (!pkg) err("package", get("package") ? `订单中没有礼盒「${get("package").slice(0, 30)}」（可填 SKU 或规格名）` : "请填写礼盒（SKU 或规格名）");
    const quantity = /^\d{1,4}$/.test(qtyText) ? Number(qtyText) : NaN;
    if (!isQuantity(quantity, MAX_QTY_PER_RECIPIENT)) err("quantity", quantityMessage(MAX_QTY_PER_RECIPIENT));
    const before = errors.length;
    if (before && errors[before - 1].row === rowNo) continue;
    const { province, city, district } = (division as Extract<typeof division, { ok: true }>).division;
    const ready: RecipientRow = { row: rowNo, recipient, mobile, province, city, district, street, lineId: pkg!.id, packageLabel: packageLabel(pkg!), quantity };
    const key = `${mobile}|${pkg!.id}`;
    if (seenInFile.has(key)) {
      err("mobile", `与第 ${seenInFile.get(key)} 行重复：同一手机号同一礼盒只能有一行`);
      continue;
    }
    seenInFile.set(key, rowNo);
    if (alreadySame.has(signatureOf(ready))) {
      skipped += 1; // imported before exactly so: importing the same file again adds nobody
      continue;
    }
    const earlier = already.get(key);
    if (earlier) {
      err("mobile", `此人已在名单中（包裹 ${earlier.seq}）且内容不同：请先删除该行，或选择“替换已导入的名单”`);
      continue;
    }
    wanted.set(pkg!.id, (wanted.get(pkg!.id) ?? 0) + quantity);
    spend.set(mobile, (spend.get(mobile) ?? 0) + quantity * (packages.unitPrice.get(pkg!.id) ?? 0));
    spendRows.set(mobile, [...(spendRows.get(mobile) ?? []), rowNo]);
    rows.push(ready);
  }
  if (packages.allowance) {
    const { name, perHeadFen } = packages.allowance;
    for (const [mobile, fen] of spend) {
      if (fen <= perHeadFen) continue;
      for (const rowNo of spendRows.get(mobile) ?? []) {
        errors.push({ row: rowNo, column: columnLetter(columnOf.get("quantity")!), field: FIELD_LABELS.quantity, message: `此人本单合计 ${formatFen(fen)}，超过「${name}」每人 ${formatFen(perHeadFen)} 的标准` });
      }
    }
    errors.sort((a, b) => a.row - b.row);
  }
  for (const line of packages.lines) {
    const want = wanted.get(line.id) ?? 0;
    if (want > line.available) {
      errors.push({ row: 0, column: null, field: FIELD_LABELS.package, message: `「${packageLabel(line)}」共分配 ${want} 份，超过订单可分配的 ${line.available} 份` });
    }
  }
  return errors.length ? { errors, rows: [], skipped } : { errors, rows, skipped };
}


/**
 * Saves checked rows as parcels (one per recipient, from its package's co-op), all or none.
 * Availability is checked again inside the transaction, so two imports racing for the same order
 * cannot together exceed its quantities; rows that are already there exactly so are left out.
 * Replacing removes the imported parcels first, and only while none of the order's parcels has left.
 */
export async function importRecipients(orderId: string, rows: RecipientRow[], mode: ImportMode = {}) {
  if (rows.length === 0 && !mode.replace) throw new RecipientFileError("没有可导入的收件人");
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    if (!BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) throw new RecipientFileError("订单已发货或已取消，不能再导入收件人");
    if (mode.replace) await removeImported(tx, orderId, { source: "RECIPIENT" });
    const packages = await orderContext(tx, orderId, {});
    const same = new Set(packages.existing.map((e) => e.signature));
    const fresh = rows.filter((r) => !same.has(signatureOf(r)));
    const wanted = new Map<string, number>();
    for (const r of fresh) wanted.set(r.lineId, (wanted.get(r.lineId) ?? 0) + r.quantity);
    for (const line of packages.lines) {
      if ((wanted.get(line.id) ?? 0) > line.available) throw new RecipientFileError(`「${packageLabel(line)}」可分配数量已变化，请重新上传`);
    }
    const coopOf = new Map(packages.lines.map((l) => [l.id, l.coopId]));
    const created = await createParcels(
      tx,
      orderId,
      fresh.map((r) => ({
        coopId: coopOf.get(r.lineId)!,
        source: "RECIPIENT" as const,
        address: { recipient: r.recipient, mobile: r.mobile, province: r.province, city: r.city, district: r.district, street: r.street },
        items: [{ orderLineId: r.lineId, quantity: r.quantity }],
      })),
    );
    return created.length;
  }, { timeout: 30_000 });
}

/**
 * Takes imported recipients off an order: all of them (a replaced file) or one parcel. Only while
 * nothing of the order has shipped and the parcels carry no after-sales request; their units are
 * free again at once (allocation counts parcels).
 */
async function removeImported(tx: Tx, orderId: string, which: { source: "RECIPIENT"; parcelId?: string }) {
  const left = await tx.parcel.count({ where: { orderId, status: { in: ["SHIPPED", "DELIVERED"] } } });
  if (left > 0) throw new RecipientFileError("订单已有包裹发出，不能再替换或删除收件人");
  const where = { orderId, source: which.source, status: "PENDING", ...(which.parcelId ? { id: which.parcelId } : {}) };
  if (await tx.parcel.count({ where: { ...where, afterSales: { some: {} } } })) throw new RecipientFileError("有收件人的包裹已申请售后，不能删除");
  const { count } = await tx.parcel.deleteMany({ where });
  return count;
}

/** Removes one imported recipient (a row entered by mistake) before anything of the order has shipped. */
export async function removeRecipient(orderId: string, parcelId: string) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    if (!BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) throw new RecipientFileError("订单已发货或已取消，不能再删除收件人");
    const count = await removeImported(tx, orderId, { source: "RECIPIENT", parcelId });
    if (count !== 1) throw new RecipientFileError("没有这位收件人，或其包裹不能删除");
  });
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

/** The parcels of an institution order by recipient (first `take`): imported, redeemed or the consignee's. */
export async function listRecipientParcels(orderId: string, take = 200) {
  const where = { orderId };
  const [parcels, total] = await Promise.all([
    prisma.parcel.findMany({ where, orderBy: { seq: "asc" }, take, select: parcelSelect }),
    prisma.parcel.count({ where }),
  ]);
  return {
    parcels: parcels.map((p) => ({
      id: p.id, seq: p.seq, source: p.source, recipient: p.recipient, mobile: p.mobile, city: p.city, district: p.district, packageLabel: itemsLabel(p.items),
      quantity: p.items.reduce((s, x) => s + x.quantity, 0), status: p.status, courier: p.courier, trackingNumber: p.trackingNumber, trackingUrl: trackingUrl(p.courier, p.trackingNumber),
    })),
    total,
  };
}

export function templateCsv(example: { sku: string }[]) {
  return toCsv(TEMPLATE_HEADER, [["张三", "13800138000", "福建省", "福州市", "鼓楼区", "五四路 100 号 3 楼", example[0]?.sku ?? "SKU", 1]]);
}
