// Reading an uploaded CSV or XLSX into a grid of strings, for imports that check every row
// (recipients of a bulk order, the household register). Formula cells are remembered so that an
// import can refuse them. The file is parsed in a worker thread (spreadsheet.worker.ts), one at a
// time, with a memory cap and a deadline, so one upload cannot stall the pages everyone else is
// loading; an XLSX archive is judged by its declared sizes before the worker is even started.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { columnLetter } from "~/lib/csv-safe";
import { DomainError } from "~/lib/errors";
import type { WorkerInput, WorkerOutput } from "~/lib/spreadsheet.worker";
import { ArchiveError, archiveProblem, XLSX_LIMITS, zipEntries } from "~/lib/zip-check";

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

const PARSE_DEADLINE_MS = 30_000;
const WORKER_HEAP_MB = 384;
/** Files waiting for the parser beyond the one being parsed; more than that is "busy, try again". */
const MAX_WAITING = 4;

export async function readGrid(fileName: string, bytes: Uint8Array, limits: { maxBytes: number; maxRows: number }): Promise<Grid> {
  if (bytes.byteLength > limits.maxBytes) throw new SpreadsheetError(`文件超过 ${limits.maxBytes / 1024 / 1024} MB`);
  const lower = fileName.toLowerCase();
  let kind: WorkerInput["kind"];
  if (lower.endsWith(".xlsx")) {
    kind = "xlsx";
    checkXlsxArchive(bytes);
  } else if (lower.endsWith(".csv") || lower.endsWith(".txt")) kind = "csv";
  else throw new SpreadsheetError("只支持 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）");
  const output = await parseInWorker({ kind, bytes, maxRows: limits.maxRows });
  if (!output.ok) throw new SpreadsheetError(output.message);
  if (output.tooManyRows) throw new SpreadsheetError(`文件超过上限 ${limits.maxRows} 行，请拆分后分批导入`);
  return { rows: output.rows, formulaCells: new Set(output.formulaCells) };
}

function checkXlsxArchive(bytes: Uint8Array) {
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new SpreadsheetError("XLSX 文件无法打开，请确认文件未损坏");
  let problem: string | null;
  try {
    problem = archiveProblem(zipEntries(bytes), XLSX_LIMITS);
  } catch (error) {
    if (error instanceof ArchiveError) throw new SpreadsheetError(`XLSX 文件无法打开：${error.message}`);
    throw error;
  }
  if (problem) throw new SpreadsheetError(problem, { status: 413 });
}

/**
 * The built worker next to the server build (`npm run build`), or else the TypeScript source run
 * through tsx's loader (`remix dev`, tests).
 */
function workerScript(): { script: string | URL; eval: boolean } {
  const built = new URL("./spreadsheet.worker.js", import.meta.url);
  const hasBuilt = built.protocol === "file:" && fs.existsSync(fileURLToPath(built));
  if (hasBuilt && process.env.NODE_ENV === "production") return { script: built, eval: false };
  const sources = [new URL("./spreadsheet.worker.ts", import.meta.url), pathToFileURL(path.resolve("app/lib/spreadsheet.worker.ts"))];
  const source = sources.find((url) => url.protocol === "file:" && fs.existsSync(fileURLToPath(url)));
  if (source) {
    const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
    return { script: bootstrap, eval: true };
  }
  if (hasBuilt) return { script: built, eval: false };
  throw new Error("spreadsheet worker not found (run npm run build)");
}

let running: Promise<unknown> = Promise.resolve();
let waiting = 0;

/** One parse at a time (two cores: one stays with the pages). */
async function parseInWorker(input: WorkerInput): Promise<WorkerOutput> {
  if (waiting >= MAX_WAITING) throw new SpreadsheetError("正在处理其他文件，请稍后再试", { status: 503 });
  waiting++;
  const turn = running.then(() => {
    waiting--;
    return runInWorker(input);
  });
  running = turn.catch(() => undefined);
  return turn;
}

/** The worker is kept between files (starting one costs more than most parses) and replaced after trouble. */
let pooled: { worker: Worker; uses: number; idle?: NodeJS.Timeout } | null = null;
const MAX_USES = 50;
const IDLE_MS = 60_000;

function retire(entry: NonNullable<typeof pooled>) {
  if (pooled === entry) pooled = null;
  clearTimeout(entry.idle);
  void entry.worker.terminate();
}

function takeWorker() {
  if (pooled) {
    clearTimeout(pooled.idle);
    return pooled;
  }
  const { script, eval: isEval } = workerScript();
  const worker = new Worker(script, { eval: isEval, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  worker.unref(); // an idle parser never keeps the process alive
  pooled = { worker, uses: 0 };
  return pooled;
}

function runInWorker(input: WorkerInput): Promise<WorkerOutput> {
  const entry = takeWorker();
  const { worker } = entry;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (output: WorkerOutput) => {
      done();
      entry.uses++;
      if (entry.uses >= MAX_USES) retire(entry);
      else entry.idle = setTimeout(() => retire(entry), IDLE_MS).unref();
      resolve(output);
    };
    const onError = (error: Error & { code?: string }) => {
      done();
      retire(entry);
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") resolve({ ok: false, message: "文件过大，无法读取，请拆分后分批导入" });
      else reject(error);
    };
    const onExit = () => {
      done();
      retire(entry);
      resolve({ ok: false, message: "文件无法读取，请确认文件未损坏" });
    };
    const timer = setTimeout(() => {
      done();
      retire(entry);
      resolve({ ok: false, message: "文件过于复杂，未能在限定时间内读完，请拆分后分批导入" });
    }, PARSE_DEADLINE_MS);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(input);
  });
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
