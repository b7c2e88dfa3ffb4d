import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { Client, Config } from "@libsql/client";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { databaseConfig, embeddedFile, unwritableFiles } from "~/lib/database-url";
import { openConnection, type ConnectionOptions } from "~/lib/sqlite-connection.server";
import { keepQueryPlans } from "~/lib/prisma-plans.server";
export { isStorageFault } from "~/lib/storage-fault";
export { embeddedFile } from "~/lib/database-url";

// One client per process, kept across dev rebuilds (remix dev re-imports modules).
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient; __sqlite?: ReturnType<typeof openConnection> };

/** How long a write waits for another process's lock (WEB_CONCURRENCY > 1) before it fails with 503. */
export function connectionOptions(env: NodeJS.ProcessEnv = process.env): ConnectionOptions {
  const budgetMs = Number(env.DATABASE_BUSY_TIMEOUT_MS ?? 2000);
  if (!Number.isFinite(budgetMs) || budgetMs < 0) throw new Error("DATABASE_BUSY_TIMEOUT_MS must be a number ≥ 0");
  const synchronous = (env.DATABASE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
  if (synchronous !== "NORMAL" && synchronous !== "FULL") throw new Error("DATABASE_SYNCHRONOUS must be NORMAL or FULL");
  return { budgetMs, sliceMs: Math.min(20, budgetMs), synchronous };
}

/** The embedded file gets one pinned, configured connection (app/lib/sqlite-connection.server.ts); a libSQL server its own client. */
class Adapter extends PrismaLibSQL {
  createClient(config: Config): Client {
    if (!config.url.startsWith("file:")) return super.createClient(config);
    const connection = openConnection(embeddedFile(config.url)!, connectionOptions());
    globalForPrisma.__sqlite = connection;
    return connection;
  }
}


function createClient() {
  keepQueryPlans();
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

export type Writability = { ok: true } | { ok: false; state: "read-only" | "locked" | "down"; reason: string };

/**
 * Whether the database takes a committed write now (/healthz). First the files: SQLite maps the
 * WAL index (-shm) into memory, and a -shm it may not write kills the process with SIGBUS on the
 * next access instead of returning an error — so an unwritable file is reported without touching
 * the database. Then a real write (one row of HealthProbe), answered within `waitMs`.
 */
export async function databaseWritable(waitMs = 1500): Promise<Writability> {
  const file = embeddedFile(databaseConfig().url);
  if (file) {
    const unwritable = unwritableFiles(file);
    if (unwritable.length) return { ok: false, state: "read-only", reason: `not writable: ${unwritable.join(", ")}` };
  }
  const probe = prisma.$executeRaw`INSERT INTO "HealthProbe" ("id", "checkedAt") VALUES (1, ${new Date()})
    ON CONFLICT ("id") DO UPDATE SET "checkedAt" = excluded."checkedAt"`;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), waitMs);
  });
  try {
    // A write still waiting for another process's lock keeps going; health answers now.
    if ((await Promise.race([probe, late])) === "late") return { ok: false, state: "locked", reason: `no write lock within ${waitMs} ms` };
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n").filter(Boolean).pop()!.slice(0, 200) : String(error);
    return { ok: false, state: /readonly|read-only|READONLY/.test(reason) ? "read-only" : /BUSY|locked|timed out/i.test(reason) ? "locked" : "down", reason };
  } finally {
    clearTimeout(timer);
    probe.catch(() => undefined);
  }
}

/**
 * Raw statements. Inside an interactive transaction (`tx` from `prisma.$transaction`: checkout,
 * payment, the transactions that hold the database), on the embedded file, they run
 * straight on the process's one connection, which is in that very transaction (the adapter runs
 * nothing else until it ends): no request through Prisma's client, whose raw path still hands every
 * statement and its arguments to the query compiler — 0.2 to 0.8 ms of CPU per statement against a
 * few hundredths of a millisecond (decision 0016, third pass). Values come back as SQLite holds them
 * (DateTime as its ISO text), and errors as libSQL raises them (`isUniqueViolation` knows both).
 * Outside a transaction (the full client) a statement runs at once as well when no transaction is
 * open on the connection (a write in its own BEGIN IMMEDIATE … COMMIT, unless another process holds
 * the lock); otherwise it goes through Prisma (its queue), as does everything on a libSQL server URL.
 */
export function raw(db: Tx | PrismaClient) {
  const connection = globalForPrisma.__sqlite;
  const inTx = !("$transaction" in db);
  return {
    /** Rows changed. */
    async execute(sql: string, ...args: unknown[]): Promise<number> {
      if (!connection) return db.$executeRawUnsafe(sql, ...args);
      if (inTx) return connection.runInTransaction(sql, args).rowsAffected;
      // Outside a transaction at once too, unless one is open or the lock is taken (then it queues).
      return connection.writeNow([[sql, args]])?.[0].rowsAffected ?? db.$executeRawUnsafe(sql, ...args);
    },
    /**
     * Writes that belong together, in one transaction (one commit instead of one each); rows
     * changed by each. Inside a transaction they are simply part of it.
     */
    async executeAll(statements: [sql: string, ...args: unknown[]][]): Promise<number[]> {
      const split = statements.map(([sql, ...args]) => [sql, args] as [string, unknown[]]);
      if (connection && inTx) return split.map(([sql, args]) => connection.runInTransaction(sql, args).rowsAffected);
      const now = connection?.writeNow(split);
      if (now) return now.map((r) => r.rowsAffected);
      const client = db as PrismaClient;
      return client.$transaction(split.map(([sql, args]) => client.$executeRawUnsafe(sql, ...args)));
    },
    /** Rows as plain objects, column name → value. */
    async query<T extends object = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T[]> {
      // A read outside a transaction runs at once too, unless a transaction is open (then it waits its turn).
      const result = connection ? (inTx ? connection.runInTransaction(sql, args) : connection.readNow(sql, args)) : null;
      if (!result) return db.$queryRawUnsafe<T[]>(sql, ...args);
      const { columns, rows } = result;
      return (rows as unknown as unknown[][]).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])) as T);
    },
  };
}

/**
 * One multi-row INSERT for rows built by the models, as a raw statement (a model's
 * `create`/`createMany` costs its compiler about a millisecond of CPU a call here; inside a
 * transaction the statement goes straight to the connection (`raw`) — this is for the transactions that hold
 * the database: checkout, payment).
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
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.map(() => row).join(", ")}`;
  return raw(db).execute(sql, ...values);
}

export type { PrismaClient };
/** The client handed to an interactive transaction's callback. */
export type Tx = Prisma.TransactionClient;
