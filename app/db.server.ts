import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { Client, Config } from "@libsql/client";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { databaseConfig } from "~/lib/database-url";
import { isBusyError, openConnection, type ConnectionOptions } from "~/lib/sqlite-connection.server";

// One client per process, kept across dev rebuilds (remix dev re-imports modules).
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient; __sqlite?: ReturnType<typeof openConnection> };

/** How long a write waits for another process's lock (WEB_CONCURRENCY > 1) before it fails with 503. */
export function connectionOptions(env: NodeJS.ProcessEnv = process.env): ConnectionOptions {
  const budgetMs = Number(env.DATABASE_BUSY_TIMEOUT_MS ?? 5000);
  if (!Number.isFinite(budgetMs) || budgetMs < 0) throw new Error("DATABASE_BUSY_TIMEOUT_MS must be a number ≥ 0");
  const synchronous = (env.DATABASE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
  if (synchronous !== "NORMAL" && synchronous !== "FULL") throw new Error("DATABASE_SYNCHRONOUS must be NORMAL or FULL");
  return { budgetMs, sliceMs: Math.min(20, budgetMs), synchronous };
}

/** The embedded file gets one pinned, configured connection (app/lib/sqlite-connection.server.ts); a libSQL server its own client. */
class Adapter extends PrismaLibSQL {
  createClient(config: Config): Client {
    if (!config.url.startsWith("file:")) return super.createClient(config);
    const connection = openConnection(filePath(config.url), connectionOptions());
    globalForPrisma.__sqlite = connection;
    return connection;
  }
}

function filePath(url: string) {
  const rest = url.slice("file:".length).split("?")[0];
  return rest.startsWith("//") ? rest.slice(2) : rest;
}

function createClient() {
  const { budgetMs } = connectionOptions();
  // Waiting for the lock happens inside "starting" the transaction: give it the whole budget.
  return new PrismaClient({ adapter: new Adapter(databaseConfig()), transactionOptions: { maxWait: budgetMs + 2000, timeout: 10_000 } });
}

export const prisma = globalForPrisma.__prisma ?? createClient();
globalForPrisma.__prisma = prisma;

/** A PRAGMA as the process's own connection sees it (null for a libSQL server or before first use). */
export function connectionPragma(name: string): unknown {
  return globalForPrisma.__sqlite?.pragma(name) ?? null;
}

/**
 * The database could not do the work for reasons of its own, not the request's: locked by another
 * process past the busy timeout, read-only, out of disk, an I/O error, or a transaction that could
 * not start in time. The visitor gets 503 with Retry-After (server/storage-faults.ts).
 */
export function isStorageFault(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; e = e.cause as Record<string, unknown> | undefined, depth++) {
    if (isBusyError(e)) return true;
    // Prisma: P1008 timed out (the adapter's name for SQLITE_BUSY), P2028 transaction could not start/finish in time, P2034 write conflict.
    if (typeof e.code === "string" && ["P1008", "P2028", "P2034"].includes(e.code)) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (/SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN|PROTOCOL)|database is locked|readonly database|disk I\/O error|database or disk is full|unable to open database/i.test(message)) return true;
    const meta = e.meta as Record<string, unknown> | undefined;
    if (meta && typeof meta.driverAdapterError === "object") e = { cause: meta.driverAdapterError } as never;
  }
  return false;
}

/** Whether the database can take a write now: takes the write lock and lets it go (writes nothing). */
export async function databaseWritable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await prisma.$transaction(async (tx) => {
      // BEGIN IMMEDIATE already took the write lock; a read-only file only says so on a write.
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE IF NOT EXISTS "_healthz" (x)`);
    }, { maxWait: 2000, timeout: 2000 });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
}

/**
 * One multi-row INSERT for rows built by the models, through Prisma's raw query (a model's
 * `create`/`createMany` costs its compiler about a millisecond of CPU a call here, a raw statement
 * a fraction of that — this is for the transactions that hold the database: checkout, payment).
 * Table and column names come from code, never from input; undefined values are left out, so
 * the column's default applies; a value some rows have and others not is NULL in the others (so give
 * every row the same keys). Dates are stored as the adapter stores them.
 */
export async function insertRows(db: Tx | PrismaClient, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)))];
  for (const name of [table, ...columns]) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  const values = rows.flatMap((r) => columns.map((c) => (r[c] === undefined ? null : r[c])));
  const row = `(${columns.map(() => "?").join(", ")})`;
  return db.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.map(() => row).join(", ")}`, ...values);
}

export type { PrismaClient };
/** The client handed to an interactive transaction's callback. */
export type Tx = Prisma.TransactionClient;
