// Parses one uploaded CSV or XLSX in a worker thread, so the server's event loop keeps answering
// everyone else while a file is read (app/lib/spreadsheet.server.ts starts it). Both readers
// stream and stop at the first filled row past the row limit. Imports only packages and relative
// files: it runs as its own bundle (build/spreadsheet.worker.js) or under tsx in dev and tests.
import { Readable } from "node:stream";
import { parentPort } from "node:worker_threads";
import { parse as parseCsv } from "csv-parse";
import ExcelJS from "exceljs";
import { ArchiveError, verifyEntries, zipEntries } from "./zip-check";

export interface WorkerInput {
  kind: "csv" | "xlsx";
  bytes: Uint8Array;
  maxRows: number;
}

export type WorkerOutput =
  | { ok: true; rows: string[][]; formulaCells: string[]; tooManyRows: boolean }
  | { ok: false; message: string };

const isBlank = (cells: string[]) => cells.every((c) => (c ?? "").trim() === "");

/** Keeps the header and up to maxRows rows; says whether a filled row came after them. */
class Collector {
  readonly rows: string[][] = [];
  tooManyRows = false;
  constructor(private readonly maxRows: number) {}
  /** False once reading can stop. */
  add(index: number, cells: string[]): boolean {
    if (index <= this.maxRows) {
      this.rows[index] = cells;
      return true;
    }
    if (isBlank(cells)) return true; // trailing blank rows are common and harmless
    this.tooManyRows = true;
    return false;
  }
}

function decodeText(bytes: Uint8Array) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves CSV as GBK.
    return new TextDecoder("gbk").decode(bytes);
  }
}

async function readCsv(bytes: Uint8Array, maxRows: number): Promise<WorkerOutput> {
  const collector = new Collector(maxRows);
  // Fed in slices, so that stopping at the row limit stops the parsing too (one big chunk would be
  // parsed whole first: ~25 s for 200,000 short rows, as csv-parse builds an error object for each).
  const text = Buffer.from(decodeText(bytes), "utf8");
  const slices = function* () {
    for (let at = 0; at < text.length; at += 64 * 1024) yield text.subarray(at, at + 64 * 1024);
  };
  const parser = Readable.from(slices()).pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }),
  );
  try {
    let index = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!collector.add(index++, record)) break;
    }
  } catch (error) {
    return { ok: false, message: `CSV 文件无法解析：${(error as Error).message.slice(0, 120)}` };
  } finally {
    parser.destroy();
  }
  return { ok: true, rows: Array.from(collector.rows, (r) => r ?? []), formulaCells: [], tooManyRows: collector.tooManyRows };
}

function cellText(value: unknown, onFormula: () => void): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const o = value as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: string; error?: string };
    if (o.formula !== undefined || o.sharedFormula !== undefined) {
      onFormula();
      return `=${o.formula ?? o.sharedFormula}`;
    }
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (typeof o.text === "string") return o.text;
    if (o.error) return String(o.error);
  }
  return "";
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<WorkerOutput> {
  // The main thread judged the declared sizes; here they are held to (a lying archive stops here).
  verifyEntries(bytes, zipEntries(bytes));
  const collector = new Collector(maxRows);
  const formulaCells: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const index = row.number - 1;
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        for (let col = 1; col < values.length; col++) {
          cells[col - 1] = cellText(values[col], () => formulaCells.push(`${index}:${col - 1}`));
        }
        if (!collector.add(index, Array.from(cells, (c) => c ?? ""))) break;
      }
      break; // the first sheet only
    }
  } catch {
    return { ok: false, message: "XLSX 文件无法打开，请确认文件未损坏" };
  }
  if (sheets === 0) return { ok: false, message: "XLSX 文件中没有工作表" };
  return { ok: true, rows: Array.from(collector.rows, (r) => r ?? []), formulaCells, tooManyRows: collector.tooManyRows };
}

async function run(input: WorkerInput): Promise<WorkerOutput> {
  try {
    return input.kind === "csv" ? await readCsv(input.bytes, input.maxRows) : await readXlsx(input.bytes, input.maxRows);
  } catch (error) {
    return { ok: false, message: error instanceof ArchiveError ? error.message : "文件无法读取，请确认文件未损坏" };
  }
}

// One file per message; the parent runs one at a time and replaces the worker after a failure.
if (parentPort) {
  const port = parentPort;
  port.on("message", (input: WorkerInput) => {
    void run(input).then((output) => port.postMessage(output));
  });
}
