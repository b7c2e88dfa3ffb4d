// Marking many parcels shipped from a CSV or XLSX file (包裹号, 快递公司, 运单号). Every row is
// checked first — the parcel must be this co-op's and still waiting, the courier one of the list,
// the number in that courier's format — and every problem is reported by row and column. Only a
// clean file ships anything, all in one transaction (shipParcels).
import { prisma } from "~/db.server";
import { columnLetter, toCsv } from "~/lib/csv-safe";
import { dataRows, headerColumns, readGrid, SpreadsheetError, type RowError } from "~/lib/spreadsheet.server";
import { SHIPPABLE_STATUSES, type OrderStatus } from "~/models/orders/status";
import { findCourier, normaliseTrackingNumber, trackingNumberProblem } from "~/models/parcels/couriers";
import { shipParcels, type ShipInput } from "~/models/parcels/shipping.server";
import { MAX_SHIPPING_FILE_BYTES, MAX_SHIPPING_ROWS, parcelCode, parcelStatusLabel, parseParcelCode } from "~/models/parcels/status";
import { coopParcelsToPack } from "~/models/parcels/view.server";


const FIELDS = ["parcel", "courier", "trackingNumber"] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = { parcel: "包裹号", courier: "快递公司", trackingNumber: "运单号" };
const ALIASES: Record<string, Field> = {
  包裹号: "parcel", 包裹编号: "parcel", 包裹: "parcel", parcel: "parcel",
  快递公司: "courier", 快递: "courier", 物流公司: "courier", courier: "courier",
  运单号: "trackingNumber", 快递单号: "trackingNumber", 物流单号: "trackingNumber", 单号: "trackingNumber", tracking: "trackingNumber",
};
/** Columns the template carries to help packing; their content is not read. */
const INFO_COLUMNS = new Set(["收件人", "手机号", "地址", "商品", "备注"]);

export async function checkShippingFile(coopId: string, fileName: string, bytes: Uint8Array): Promise<{ errors: RowError[]; rows: ShipInput[] }> {
  let grid;
  try {
    grid = await readGrid(fileName, bytes, { maxBytes: MAX_SHIPPING_FILE_BYTES, maxRows: MAX_SHIPPING_ROWS });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { errors: [{ row: 0, column: null, field: null, message: error.message }], rows: [] };
    throw error;
  }
  const header = (grid.rows[0] ?? []).map((h) => (INFO_COLUMNS.has((h ?? "").trim()) ? "" : h));
  const { columnOf, errors } = headerColumns(header, FIELDS, LABELS, ALIASES);
  if (errors.length) return { errors, rows: [] };

  const raw: { rowNo: number; r: number; code: string; courier: string; tracking: string }[] = [];
  for (const { r, rowNo, cells } of dataRows(grid, errors)) {
    const get = (f: Field) => (cells[columnOf.get(f)!] ?? "").trim();
    raw.push({ rowNo, r, code: get("parcel"), courier: get("courier"), tracking: get("trackingNumber") });
  }
  if (raw.length === 0 && errors.length === 0) return { errors: [{ row: 2, column: null, field: null, message: "表头下面没有包裹" }], rows: [] };
  if (raw.length > MAX_SHIPPING_ROWS) return { errors: [{ row: 0, column: null, field: null, message: `最多 ${MAX_SHIPPING_ROWS} 行，请分批上传` }], rows: [] };

  // One query for every parcel named: only this co-op's are found, so another's reads as unknown.
  const wanted = raw.map((x) => parseParcelCode(x.code)).filter((x): x is NonNullable<typeof x> => !!x);
  const found = await prisma.parcel.findMany({
    where: { coopId, OR: wanted.length ? wanted.map((w) => ({ seq: w.seq, order: { number: w.orderNumber } })) : [{ id: "" }] },
    select: { id: true, seq: true, status: true, trackingNumber: true, order: { select: { number: true, status: true } } },
  });
  const byCode = new Map(found.map((p) => [parcelCode(p.order.number, p.seq), p]));

  const rows: ShipInput[] = [];
  const seenParcels = new Map<string, number>();
  const seenNumbers = new Map<string, number>();
  for (const x of raw) {
    const err = (f: Field, message: string) => errors.push({ row: x.rowNo, column: columnLetter(columnOf.get(f)!), field: LABELS[f], message });
    const before = errors.length;
    const parsed = parseParcelCode(x.code);
    const parcel = parsed ? byCode.get(parcelCode(parsed.orderNumber, parsed.seq)) : undefined;
    if (!x.code) err("parcel", "请填写包裹号");
    else if (!parcel) err("parcel", `没有包裹号「${x.code.slice(0, 30)}」（只能填写本社的包裹）`);
    else if (parcel.status !== "PENDING") err("parcel", `包裹${parcelStatusLabel(parcel.status)}${parcel.trackingNumber ? `（运单号 ${parcel.trackingNumber}）` : ""}`);
    else if (!SHIPPABLE_STATUSES.includes(parcel.order.status as OrderStatus)) err("parcel", "订单未付款或已退款，不能发货");
    else if (seenParcels.has(parcel.id)) err("parcel", `与第 ${seenParcels.get(parcel.id)} 行是同一个包裹`);
    const courier = findCourier(x.courier);
    if (!x.courier) err("courier", "请填写快递公司");
    else if (!courier) err("courier", trackingNumberProblem(x.courier, x.tracking)!);
    const tracking = normaliseTrackingNumber(x.tracking);
    if (courier) {
      const problem = trackingNumberProblem(courier.name, tracking);
      if (problem) err("trackingNumber", problem);
      else if (seenNumbers.has(tracking)) err("trackingNumber", `运单号与第 ${seenNumbers.get(tracking)} 行重复`);
    }
    if (parcel) seenParcels.set(parcel.id, seenParcels.get(parcel.id) ?? x.rowNo);
    if (tracking) seenNumbers.set(tracking, seenNumbers.get(tracking) ?? x.rowNo);
    if (errors.length === before) rows.push({ parcelId: parcel!.id, courier: courier!.name, trackingNumber: tracking });
  }
  errors.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));
  return errors.length ? { errors, rows: [] } : { errors, rows };
}

/** Checks the file and, when it is clean, ships every parcel in it. */
export async function importShippingFile(input: { coopId: string; actorId: string; fileName: string; bytes: Uint8Array }) {
  const checked = await checkShippingFile(input.coopId, input.fileName, input.bytes);
  if (checked.errors.length) return { errors: checked.errors, shipped: 0 };
  const shipped = await shipParcels({ coopId: input.coopId, actorId: input.actorId, parcels: checked.rows });
  return { errors: [] as RowError[], shipped };
}

/** A file to fill in: every parcel waiting to ship, with its recipient to help packing. */
export async function shippingTemplateCsv(coopId: string) {
  const { parcels } = await coopParcelsToPack(coopId);
  return toCsv(["包裹号", "收件人", "快递公司", "运单号"], parcels.map((p) => [p.code, p.recipient, "", ""]));
}
