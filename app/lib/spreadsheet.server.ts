// Reading an uploaded CSV or XLSX into a grid of strings, for imports that check every row
// (recipients of a bulk order, the household register). Formula cells are remembered so that an
// import can refuse them.
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { columnLetter } from "~/lib/csv-safe";
import { DomainError } from "~/lib/errors";

export interface Grid {
  rows: string[][];
  formulaCells: Set<string>; // "row:col", 0-based, for XLSX cells holding a formula
}

export interface RowError {
  row: number; // the spreadsheet's own row number (the header is row 1)
  column: string | null; // A, B, … or null for the whole row / file
  field: string | null;
  message: string;
}

/** The file as a whole cannot be read (size, format, damage); the message is for the uploader. */
export class SpreadsheetError extends DomainError {}

function decodeText(bytes: Uint8Array) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves CSV as GBK.
    return new TextDecoder("gbk").decode(bytes);
  }
}

export async function readGrid(fileName: string, bytes: Uint8Array, limits: { maxBytes: number; maxRows: number }): Promise<Grid> {
  if (bytes.byteLength > limits.maxBytes) throw new SpreadsheetError(`文件超过 ${limits.maxBytes / 1024 / 1024} MB`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx")) return readXlsx(bytes, limits.maxRows);
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
    let rows: string[][];
    try {
      rows = parseCsv(decodeText(bytes), { bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }) as string[][];
    } catch (error) {
      throw new SpreadsheetError(`CSV 文件无法解析：${(error as Error).message.slice(0, 120)}`);
    }
    return { rows, formulaCells: new Set() };
  }
  throw new SpreadsheetError("只支持 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）");
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError("XLSX 文件无法打开，请确认文件未损坏");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError("XLSX 文件中没有工作表");
  if (sheet.actualRowCount > maxRows + 1) {
    throw new SpreadsheetError(`文件有 ${sheet.actualRowCount - 1} 行数据，超过上限 ${maxRows} 行，请拆分后分批导入`);
  }
  const rows: string[][] = [];
  const formulaCells = new Set<string>();
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const v = cell.value as unknown;
      let text = "";
      if (v == null) text = "";
      else if (typeof v === "string") text = v;
      else if (typeof v === "number" || typeof v === "boolean") text = String(v);
      else if (v instanceof Date) text = v.toISOString().slice(0, 10);
      else if (typeof v === "object") {
        const o = v as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: string; error?: string };
        if (o.formula !== undefined || o.sharedFormula !== undefined) {
          formulaCells.add(`${rowNumber - 1}:${colNumber - 1}`);
          text = `=${o.formula ?? o.sharedFormula}`;
        } else if (o.richText) text = o.richText.map((r) => r.text).join("");
        else if (typeof o.text === "string") text = o.text;
        else if (o.error) text = String(o.error);
      }
      cells[colNumber - 1] = text;
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? "");
  });
  return { rows: Array.from(rows, (r) => r ?? []), formulaCells };
}

export function isBlankRow(cells: string[] | undefined) {
  return !cells || cells.every((c) => (c ?? "").trim() === "");
}

/** Index of the last row with anything in it (-1 for an empty sheet). */
export function lastFilledRow(grid: Grid) {
  let last = grid.rows.length - 1;
  while (last >= 0 && isBlankRow(grid.rows[last])) last--;
  return last;
}

/**
 * The data rows (after the header, up to the last filled one) with their index in the grid and
 * their spreadsheet row number; a blank row in between is reported into `errors`, not yielded.
 */
export function* dataRows(grid: Grid, errors: RowError[]) {
  const last = lastFilledRow(grid);
  for (let r = 1; r <= last; r++) {
    const cells = grid.rows[r] ?? [];
    if (isBlankRow(cells)) errors.push({ row: r + 1, column: null, field: null, message: "空行：请删除或补全" });
    else yield { r, rowNo: r + 1, cells };
  }
}

/**
 * Maps the header row to fields through their accepted names: every field exactly once, nothing
 * unknown. Problems are reported against row 1 and the column they are in.
 */
export function headerColumns<F extends string>(header: string[], fields: readonly F[], labels: Record<F, string>, aliases: Record<string, F>) {
  const errors: RowError[] = [];
  const columnOf = new Map<F, number>();
  header.forEach((raw, i) => {
    const name = (raw ?? "").trim().replace(/^\uFEFF/, "");
    if (!name) return;
    const key = aliases[name] ?? aliases[name.toLowerCase()];
    if (!key) errors.push({ row: 1, column: columnLetter(i), field: null, message: `无法识别的列「${name.slice(0, 20)}」，应为：${fields.map((f) => labels[f]).join("、")}` });
    else if (columnOf.has(key)) errors.push({ row: 1, column: columnLetter(i), field: labels[key], message: `列「${labels[key]}」重复` });
    else columnOf.set(key, i);
  });
  for (const f of fields) {
    if (!columnOf.has(f)) errors.push({ row: 1, column: null, field: labels[f], message: `缺少列「${labels[f]}」` });
  }
  return { columnOf, errors };
}
