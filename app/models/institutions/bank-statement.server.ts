// Importing the platform account's statement (CSV or XLSX as the bank exports it: 日期, 金额, 付款方,
// 附言). Every row is checked first — a date, an incoming amount in yuan, a reference naming an order
// paid by transfer — and every problem is reported by row and column; only a clean file books
// anything, all together (bookTransfers). Rows booked before (the same statement again, or one that
// overlaps) are skipped, not counted twice.
import crypto from "node:crypto";
import { columnLetter } from "~/lib/csv-safe";
import { NotFoundError } from "~/lib/errors";
import { readStoredFile, storeFile } from "~/lib/uploads.server";
import { dataRows, headerColumns, readGrid, SpreadsheetError, type RowError } from "~/lib/spreadsheet.server";
import { noonOfBusinessDay } from "~/lib/china-time";
import { bookTransfers, orderNumberInReference, previewTransfers, rowFingerprint, settlementMessage, transferOrdersByNumber, transferProblem, type TransferInput } from "~/models/institutions/bank-transfer.server";

export const MAX_STATEMENT_ROWS = 5000;
export const MAX_STATEMENT_FILE_BYTES = 2 * 1024 * 1024;

const FIELDS = ["date", "amount", "payer", "reference"] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = { date: "日期", amount: "金额", payer: "付款方", reference: "附言" };
const ALIASES: Record<string, Field> = {
  日期: "date", 交易日期: "date", 到账日期: "date", 记账日期: "date", date: "date",
  金额: "amount", 收入金额: "amount", 贷方金额: "amount", 到账金额: "amount", amount: "amount",
  付款方: "payer", 付款人: "payer", 对方户名: "payer", 付款单位: "payer", 对方账户名称: "payer", payer: "payer",
  附言: "reference", 摘要: "reference", 用途: "reference", 备注: "reference", 付款用途: "reference", reference: "reference",
};

/** "30,000.00", "¥30000", "30000元" → fen; anything else (negative, three decimals, words) is null. */
export function statementAmountFen(cell: string): number | null {
  const m = /^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{1,2}))?\s*元?$/.exec(cell.trim());
  if (!m) return null;
  return Number(m[1].replace(/,/g, "")) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** "2026-12-01", "2026/12/1", "20261201", "2026年12月1日" → "2026-12-01" when it is a real day. */
export function statementDay(cell: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(?:[ T].*)?$/.exec(cell.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : null;
}

type Transfer = TransferInput & { orderId: string };
type Checked = { ok: false; errors: RowError[] } | { ok: true; transfers: Transfer[] };

/**
 * Staff look before money moves: the statement is checked and kept (under UPLOADS_DIR, by its hash:
 * also the record of what was imported), and the answer says what booking it would do to each order.
 * The confirm step names the kept file; nothing is booked here.
 */
export async function previewStatementUpload(fileName: string, bytes: Uint8Array, today: string) {
  const checked = await checkBankStatement(fileName, bytes, today);
  if (!checked.ok) return checked;
  const key = `statements/${sha256Bytes(bytes)}.${fileName.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv"}`;
  await storeFile(key, bytes);
  return { ok: true as const, preview: { key, rows: checked.transfers.length, orders: await previewTransfers(checked.transfers) } };
}

export type StatementPreview = Extract<Awaited<ReturnType<typeof previewStatementUpload>>, { ok: true }>["preview"];

/** The confirm step: the kept statement, checked again (orders may have moved since) and booked. */
export async function importStoredStatement(key: string, staffId: string, today: string) {
  const bytes = await readStoredFile(key);
  if (!bytes) throw new NotFoundError("对账单已失效，请重新上传");
  return importBankStatement(key, new Uint8Array(bytes), staffId, today);
}

/** Books a clean statement (checked again: orders may have moved since the preview). */
export async function importBankStatement(fileName: string, bytes: Uint8Array, staffId: string, today: string) {
  const checked = await checkBankStatement(fileName, bytes, today);
  if (!checked.ok) return checked;
  const { booked, skipped, results } = await bookTransfers(checked.transfers, staffId);
  return { ok: true as const, booked, skipped, messages: [...results.values()].map((s) => settlementMessage(s)) };
}

async function checkBankStatement(fileName: string, bytes: Uint8Array, today: string): Promise<Checked> {
  let grid;
  try {
    grid = await readGrid(fileName, bytes, { maxBytes: MAX_STATEMENT_FILE_BYTES, maxRows: MAX_STATEMENT_ROWS });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { ok: false, errors: [{ row: 0, column: null, field: null, message: error.message }] };
    throw error;
  }
  const { columnOf, errors } = headerColumns(grid.rows[0] ?? [], FIELDS, LABELS, ALIASES);
  if (errors.length) return { ok: false, errors };

  const raw: { rowNo: number; day: string | null; amountFen: number | null; payer: string; reference: string; number: string | null; cells: Record<Field, string> }[] = [];
  for (const { rowNo, cells } of dataRows(grid, errors)) {
    const get = (f: Field) => (cells[columnOf.get(f)!] ?? "").trim();
    const c = { date: get("date"), amount: get("amount"), payer: get("payer"), reference: get("reference") };
    raw.push({ rowNo, day: statementDay(c.date), amountFen: statementAmountFen(c.amount), payer: c.payer, reference: c.reference, number: orderNumberInReference(c.reference), cells: c });
  }
  if (raw.length === 0 && errors.length === 0) return { ok: false, errors: [{ row: 2, column: null, field: null, message: "表头下面没有到账记录" }] };

  const orders = await transferOrdersByNumber(raw.flatMap((x) => (x.number ? [x.number] : [])));
  const transfers: Transfer[] = [];
  const repeats = new Map<string, number>();
  for (const x of raw) {
    const err = (f: Field, message: string) => errors.push({ row: x.rowNo, column: columnLetter(columnOf.get(f)!), field: LABELS[f], message });
    const before = errors.length;
    if (!x.cells.date) err("date", "请填写到账日期");
    else if (!x.day) err("date", `日期「${x.cells.date.slice(0, 20)}」无法识别，应如 2026-12-01`);
    else if (x.day > today) err("date", "到账日期晚于今天");
    if (!x.cells.amount) err("amount", "请填写金额");
    else if (x.amountFen === null) err("amount", `金额「${x.cells.amount.slice(0, 20)}」格式不对，应为元，如 30000.00（只导入收入）`);
    else if (x.amountFen === 0) err("amount", "金额应大于 0");
    const order = x.number ? orders.get(x.number) : undefined;
    if (!x.reference) err("reference", "附言为空，无法对应订单");
    else if (!order) err("reference", `附言「${x.reference.slice(0, 30)}」中没有本平台对公转账订单的编号`);
    else {
      const problem = transferProblem(order);
      if (problem) err("reference", `订单 ${order.number}：${problem}`);
    }
    if (errors.length > before) continue;
    const key = [x.day, x.amountFen, x.payer, x.reference].join("|");
    const repeat = repeats.get(key) ?? 0;
    repeats.set(key, repeat + 1);
    const row = { day: x.day!, amountFen: x.amountFen!, payer: x.payer, reference: x.reference };
    transfers.push({ orderId: order!.id, fingerprint: rowFingerprint(row, repeat), receivedOn: noonOfBusinessDay(row.day), amountFen: row.amountFen, payer: row.payer.slice(0, 100), reference: row.reference.slice(0, 200) });
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));
    return { ok: false, errors };
  }
  return { ok: true, transfers };
}

const sha256Bytes = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
