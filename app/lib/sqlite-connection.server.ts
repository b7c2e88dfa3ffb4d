import Database from "libsql";
import { LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Transaction, type TransactionMode } from "@libsql/client";

// One SQLite connection per process, configured once, for the Prisma libSQL adapter
// (docs/decisions/0016-the-rush-on-one-machine.md).
//
// Why not @libsql/client's own `createClient`: its `transaction()` hands the current connection to
// the transaction and lazily opens a *new* connection for whatever comes next, so every
// transaction cost a fresh connection (and a schema parse on its first statement), the old one was
// never closed, and a pragma sent through Prisma (busy_timeout, synchronous) landed on a connection
// about to be given away — which is why "busy_timeout read back 0". It also prepares every
// statement anew and probes each one with an exception to learn whether it returns rows. The
// adapter already runs a process's queries one at a time behind one mutex and holds it for a whole
// interactive transaction, so one connection is enough: this client keeps it, sets its pragmas
// once, keeps prepared statements (Prisma's SQL is parameterised, so the same few hundred texts
// recur), and starts transactions with BEGIN IMMEDIATE (a deferred transaction that reads first
// and writes later gets SQLITE_BUSY at once, without waiting, when another process wrote between).
//
// Waiting for another process's write lock: the connection's busy_timeout is a short slice
// (`sliceMs`) spent blocked inside SQLite; past it we retry asynchronously with backoff, so the
// event loop keeps serving what needs no database (the page cache), until `budgetMs` is spent and
// the SQLITE_BUSY error goes to the caller (a 503 for the visitor, server/storage-faults.ts). Only
// work that has not started is retried: a statement outside a transaction that failed with
// SQLITE_BUSY wrote nothing, and BEGIN IMMEDIATE either takes the lock or does nothing.

export interface ConnectionOptions {
  /** Total time a write waits for another process's lock before it fails. */
  budgetMs: number;
  /** The connection's own busy_timeout: the part of each wait spent blocked inside SQLite. */
  sliceMs: number;
  /** PRAGMA synchronous: NORMAL (WAL: a commit survives a process crash; fsync at checkpoints) or FULL (fsync every commit). */
  synchronous: "NORMAL" | "FULL";
}

const BUSY = 5;
const LOCKED = 6;
const STATEMENT_CACHE = 500;
/** Statements that write (Prisma's SQL starts with its verb). */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i;

/** SQLITE_BUSY / SQLITE_LOCKED (any extended code), as libsql or @libsql/client reports it. */
export function isBusyError(error: unknown): boolean {
  const e = error as { code?: unknown; rawCode?: unknown } | null;
  if (typeof e?.code !== "string") return false;
  const primary = (typeof e.rawCode === "number" ? e.rawCode : 0) & 0xff;
  return primary === BUSY || primary === LOCKED || e.code.startsWith("SQLITE_BUSY") || e.code.startsWith("SQLITE_LOCKED");
}

let busyRetries = 0;
/** How many times a statement or BEGIN waited and retried after SQLITE_BUSY in this process (the rush bench prints it). */
export function busyRetryCount() {
  return busyRetries;
}

let commits = 0;
/**
 * How many transactions this process's connection has committed: each COMMIT writes the changed
 * pages to the WAL, so a paid order's commits are part of its cost (a test holds the order path to
 * its count).
 */
export function commitCount() {
  return commits;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withBusyRetry<T>(options: ConnectionOptions, run: () => T): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return run();
    } catch (error) {
      if (!isBusyError(error) || Date.now() >= deadline) throw error;
      busyRetries += 1;
      await sleep(Math.min(2 ** attempt, 50, Math.max(1, deadline - Date.now())));
    }
  }
}

interface Prepared {
  stmt: Database.Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
}

class Connection {
  readonly db: Database.Database;
  #cache = new Map<string, Prepared>();

  constructor(path: string, options: ConnectionOptions) {
    this.db = new Database(path);
    // Pragmas are per connection; this is the process's only connection, so they hold for every query.
    for (const pragma of [`busy_timeout = ${Math.max(0, Math.round(options.sliceMs))}`, `synchronous = ${options.synchronous}`, "foreign_keys = ON"]) {
      this.db.prepare(`PRAGMA ${pragma}`).all();
    }
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    if (hit) {
      // most recently used last, so the first key is the one to drop
      this.#cache.delete(sql);
      this.#cache.set(sql, hit);
      return hit;
    }
    const stmt = this.db.prepare(sql);
    const reader = (stmt as unknown as { reader: boolean }).reader;
    // No BigInt columns in the schema and no sums near 2^53 fen: plain numbers, no conversion per cell.
    stmt.safeIntegers(false);
    if (reader) stmt.raw(true);
    const described = reader ? stmt.columns() : [];
    const prepared = { stmt, reader, columns: described.map((c) => c.name), columnTypes: described.map((c) => c.type ?? "") };
    this.#cache.set(sql, prepared);
    if (this.#cache.size > STATEMENT_CACHE) this.#cache.delete(this.#cache.keys().next().value as string);
    return prepared;
  }

  commit() {
    this.run("COMMIT");
    commits += 1;
  }

  run(stmt: InStatement | string, more?: InArgs): ResultSet {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const raw = typeof stmt === "string" ? more : stmt.args;
    const args = Array.isArray(raw) ? raw.map(toSql) : raw ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/^[@$:]/, ""), toSql(v)])) : [];
    try {
      const p = this.#prepare(sql);
      if (p.reader) {
        const rows = p.stmt.all(args) as unknown[][];
        return result(p.columns, p.columnTypes, rows, 0, undefined);
      }
      const info = p.stmt.run(args);
      return result([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      // A statement that failed while stepping stays active until it is run again (which resets
      // it), so it stays cached: dropped, it would linger active until garbage-collected and make
      // every COMMIT meanwhile fail with "SQL statements in progress".
      throw toLibsqlError(error);
    }
  }
}

function toSql(value: unknown) {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00"); // as the adapter writes DateTime
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

function result(columns: string[], columnTypes: string[], rows: unknown[][], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  // The adapter reads rows by index; the array rows stand in for @libsql/client's Row objects.
  return { columns, columnTypes, rows: rows as unknown as ResultSet["rows"], rowsAffected, lastInsertRowid, toJSON: () => ({ columns, columnTypes, rows, rowsAffected }) };
}

/** What the adapter recognises (code + rawCode), in @libsql/client's own error type. */
function toLibsqlError(error: unknown) {
  if (error instanceof LibsqlError) return error;
  const e = error as { code?: unknown; rawCode?: unknown; message?: unknown };
  if (typeof e?.code === "string") {
    return new LibsqlError(String(e.message ?? e.code), e.code, typeof e.rawCode === "number" ? e.rawCode : undefined, error as Error);
  }
  return error;
}

class ConnectionTransaction implements Transaction {
  #connection: Connection;
  constructor(connection: Connection) {
    this.#connection = connection;
  }
  get closed() {
    return !this.#connection.db.inTransaction;
  }
  async execute(stmt: InStatement | string, args?: InArgs) {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    return this.#connection.run(stmt, args);
  }
  async batch(stmts: InStatement[]) {
    return stmts.map((s) => this.#connection.run(s));
  }
  async executeMultiple(sql: string) {
    this.#connection.db.exec(sql);
  }
  async commit() {
    this.#connection.commit();
  }
  async rollback() {
    if (!this.closed) this.#connection.run("ROLLBACK");
  }
  close() {
    if (!this.closed) this.#connection.run("ROLLBACK");
  }
}

class OneConnectionClient implements Client {
  readonly protocol = "file" as const;
  closed = false;
  #connection: Connection;
  #options: ConnectionOptions;

  constructor(path: string, options: ConnectionOptions) {
    this.#options = options;
    this.#connection = new Connection(path, options);
  }

  /**
   * One statement inside the transaction open on this connection, at once (db.server.ts
   * `raw`): the adapter holds its mutex for a whole interactive transaction, so the open
   * transaction is the caller's. Outside one it refuses, rather than run unguarded.
   */
  runInTransaction(sql: string, args: unknown[]): ResultSet {
    if (!this.#connection.db.inTransaction) throw new Error("no transaction is open on the connection");
    return this.#connection.run(sql, args as InArgs);
  }

  /**
   * A read outside any transaction, at once, or null when it cannot be (a transaction is open — an
   * interactive one waiting between its statements, whose uncommitted rows this must not see — or
   * the database is busy): the caller then queues through the adapter. Run synchronously, the
   * statement cannot interleave with anything else on the connection.
   */
  readNow(sql: string, args: unknown[]): ResultSet | null {
    if (this.#connection.db.inTransaction || WRITE.test(sql)) return null;
    try {
      return this.#connection.run(sql, args as InArgs);
    } catch (error) {
      if (isBusyError(error)) return null;
      throw error;
    }
  }

  /**
   * Writes outside any transaction, at once and together in one BEGIN IMMEDIATE … COMMIT (as
   * `execute` does a single one), or null when they cannot be (a transaction is open on the
   * connection, or another process holds the write lock past the connection's short busy slice):
   * the caller then queues through the adapter, which waits for the lock without blocking the
   * event loop. All or nothing: a statement that fails rolls back the ones before it.
   */
  writeNow(statements: [sql: string, args: unknown[]][]): ResultSet[] | null {
    const connection = this.#connection;
    if (connection.db.inTransaction) return null;
    try {
      connection.run("BEGIN IMMEDIATE");
    } catch (error) {
      if (isBusyError(error)) return null;
      throw error;
    }
    try {
      const results = statements.map(([sql, args]) => connection.run(sql, args as InArgs));
      connection.commit();
      return results;
    } catch (error) {
      if (connection.db.inTransaction) connection.run("ROLLBACK");
      throw error;
    }
  }

  /** A PRAGMA as this connection sees it (tests read busy_timeout back). */
  pragma(name: string): unknown {
    return (this.#connection.run(`PRAGMA ${name}`).rows[0] as unknown as unknown[] | undefined)?.[0];
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    // Inside a transaction a statement is never retried alone (the transaction owns the lock).
    const connection = this.#connection;
    if (connection.db.inTransaction) return connection.run(stmt, args);
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    if (!WRITE.test(sql)) return withBusyRetry(this.#options, () => connection.run(stmt, args));
    // A single write gets its own BEGIN IMMEDIATE … COMMIT. Left to autocommit, a write that meets
    // SQLITE_BUSY while stepping (INSERT … RETURNING) stays an active statement until it is
    // garbage-collected, and every COMMIT meanwhile fails with "SQL statements in progress" —
    // leaving that transaction, and the write lock, open. Taking the lock first means the
    // statement itself never waits.
    await withBusyRetry(this.#options, () => connection.run("BEGIN IMMEDIATE"));
    try {
      const result = connection.run(stmt, args);
      connection.commit();
      return result;
    } catch (error) {
      if (connection.db.inTransaction) connection.run("ROLLBACK");
      throw error;
    }
  }

  async batch(stmts: InStatement[], mode: TransactionMode = "write") {
    const tx = await this.transaction(mode);
    try {
      const results = await tx.batch(stmts);
      await tx.commit();
      return results;
    } finally {
      tx.close();
    }
  }

  async migrate(stmts: InStatement[]) {
    return this.batch(stmts);
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    // The adapter asks for "deferred"; any Prisma transaction here may write, so take the lock first.
    await withBusyRetry(this.#options, () => this.#connection.run(mode === "read" ? "BEGIN" : "BEGIN IMMEDIATE"));
    return new ConnectionTransaction(this.#connection);
  }

  async executeMultiple(sql: string) {
    this.#connection.db.exec(sql);
  }

  async sync() {
    return undefined;
  }

  close() {
    this.closed = true;
    this.#connection.db.close();
  }
}

/** The client for an embedded database file (`path` without the `file:` prefix). */
export function openConnection(
  path: string,
  options: ConnectionOptions,
): Client & {
  pragma(name: string): unknown;
  runInTransaction(sql: string, args: unknown[]): ResultSet;
  readNow(sql: string, args: unknown[]): ResultSet | null;
  writeNow(statements: [sql: string, args: unknown[]][]): ResultSet[] | null;
} {
  return new OneConnectionClient(path, options);
}
