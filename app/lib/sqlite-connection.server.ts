import Database from "libsql";
import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { Sqlite3Client, Sqlite3Transaction } from "@libsql/client/sqlite3";

// One SQLite connection per process, configured once, for the Prisma libSQL adapter.
//
// Why not @libsql/client's own `createClient`: its `transaction()` hands the current connection to
// the transaction and lazily opens a *new* connection for whatever comes next, so every
// transaction costs a fresh connection (and a schema parse on its first statement), the old one is
// never closed, and a pragma sent through Prisma (busy_timeout, synchronous) lands on a connection
// that is about to be given away — which is why "busy_timeout read back 0". The adapter already runs
// every query of a process one at a time behind one mutex and holds it for a whole interactive
// transaction, so one connection is enough; this client keeps it, sets its pragmas once, and starts
// transactions with BEGIN IMMEDIATE (a deferred transaction that reads first and writes later gets
// SQLITE_BUSY at once, without waiting, when another process wrote in between).
//
// Waiting for another process's write lock: the connection's busy_timeout is a short slice
// (`sliceMs`) spent blocked in SQLite; past it we retry asynchronously with backoff, so the event
// loop keeps serving what does not need the database (the page cache), until `budgetMs` is spent
// and the SQLITE_BUSY error goes to the caller (a 503 for the visitor, see server/storage-faults.ts).
// Only work that has not started is retried: a statement outside a transaction that failed with
// SQLITE_BUSY wrote nothing, and BEGIN IMMEDIATE either takes the lock or does nothing.

export interface ConnectionOptions {
  /** Total time a write waits for another process's lock before it fails. */
  budgetMs: number;
  /** The connection's own busy_timeout: the part of each wait spent blocked inside SQLite. */
  sliceMs: number;
  /** PRAGMA synchronous: NORMAL (WAL: durable on commit against a process crash, fsync at checkpoints) or FULL. */
  synchronous: "NORMAL" | "FULL";
}

const BUSY = 5;
const LOCKED = 6;

/** SQLITE_BUSY / SQLITE_LOCKED (any extended code), as libsql or @libsql/client reports it. */
export function isBusyError(error: unknown): boolean {
  const e = error as { code?: unknown; rawCode?: unknown } | null;
  if (typeof e?.code !== "string") return false;
  const primary = (typeof e.rawCode === "number" ? e.rawCode : 0) & 0xff;
  return primary === BUSY || primary === LOCKED || e.code.startsWith("SQLITE_BUSY") || e.code.startsWith("SQLITE_LOCKED");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withBusyRetry<T>(options: ConnectionOptions, run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isBusyError(error) || Date.now() >= deadline) throw error;
      busyRetries += 1;
      await sleep(Math.min(2 ** attempt, 50, Math.max(1, deadline - Date.now())));
    }
  }
}

let busyRetries = 0;
/** How many times a statement or BEGIN was retried after SQLITE_BUSY in this process (benchmarks print it). */
export function busyRetryCount() {
  return busyRetries;
}

class OneConnectionClient implements Client {
  readonly protocol = "file" as const;
  #client: Sqlite3Client;
  #db: Database.Database;
  #options: ConnectionOptions;

  constructor(path: string, options: ConnectionOptions) {
    this.#options = options;
    this.#db = new Database(path);
    this.#client = new Sqlite3Client(path, {}, this.#db, "number");
    // Pragmas are per connection; this is the only connection, so they hold for every query.
    for (const pragma of [`busy_timeout = ${Math.max(0, Math.round(options.sliceMs))}`, `synchronous = ${options.synchronous}`, "foreign_keys = ON"]) {
      this.#db.prepare(`PRAGMA ${pragma}`).all();
    }
  }

  get closed() {
    return this.#client.closed;
  }

  /** PRAGMA values as the connection sees them (tests read busy_timeout back). */
  pragma(name: string): unknown {
    return (this.#db.prepare(`PRAGMA ${name}`).raw(true).get() as unknown[] | undefined)?.[0];
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: never): Promise<ResultSet>;
  async execute(stmt: InStatement | string): Promise<ResultSet> {
    // Inside a transaction a statement is never retried alone (the transaction owns the lock).
    if (this.#db.inTransaction) return this.#client.execute(stmt as InStatement);
    return withBusyRetry(this.#options, () => this.#client.execute(stmt as InStatement));
  }

  async batch(stmts: InStatement[], mode: TransactionMode = "write") {
    return withBusyRetry(this.#options, () => this.#client.batch(stmts, mode === "deferred" ? "write" : mode));
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    // The adapter asks for "deferred"; every Prisma transaction here may write, so take the lock first.
    const begin = mode === "read" ? "BEGIN" : "BEGIN IMMEDIATE";
    await withBusyRetry(this.#options, () => this.#client.execute(begin));
    return new Sqlite3Transaction(this.#db, "number");
  }

  async executeMultiple(sql: string) {
    return this.#client.executeMultiple(sql);
  }

  async sync() {
    return undefined;
  }

  close() {
    this.#client.close();
  }
}

/** The client for an embedded database file (`path` without the `file:` prefix). */
export function openConnection(path: string, options: ConnectionOptions): Client & { pragma(name: string): unknown } {
  return new OneConnectionClient(path, options);
}
