import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";

// Backups of the embedded SQLite database while the store runs, and putting one back.
// `VACUUM INTO` copies the database inside one read transaction: the copy is consistent (every
// transaction committed before it began, none after) and compact, and in WAL mode writers carry on
// meanwhile. A libSQL server (sqld / Turso) is backed up by its own tools instead.

export class BackupError extends Error {}

function fileOf(databaseUrl: string) {
  if (!databaseUrl.startsWith("file:")) {
    throw new BackupError("npm run backup/restore work on the embedded database file (DATABASE_URL=file:…); back up a libSQL server with its own tools");
  }
  return path.resolve(databaseUrl.slice("file:".length));
}

/** 20261201T234500Z: sorts by time and says it is UTC. */
function stamp(now: Date) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

async function check(file: string) {
  const client = createClient({ url: `file:${file}` });
  try {
    const integrity = await client.execute("PRAGMA integrity_check");
    if (String(integrity.rows[0]?.[0]) !== "ok") throw new BackupError(`${file} is damaged: ${String(integrity.rows[0]?.[0])}`);
    const orders = await client.execute("SELECT count(*) AS n FROM \"Order\"");
    const users = await client.execute("SELECT count(*) AS n FROM \"User\"");
    return { orders: Number(orders.rows[0].n), users: Number(users.rows[0].n) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a 陇货通 database: ${(error as Error).message}`);
  } finally {
    client.close();
  }
}

/** Writes a consistent copy of the live database into `dir`; returns where and what it holds. */
export async function backupDatabase(options: { databaseUrl: string; dir: string; now?: Date }) {
  const source = fileOf(options.databaseUrl);
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  fs.mkdirSync(options.dir, { recursive: true });
  const file = path.join(path.resolve(options.dir), `longhuotong-${stamp(options.now ?? new Date())}.db`);
  // written under another name first, so a copy cut short never looks like a backup
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const client = createClient({ url: `file:${source}` });
  try {
    // wait for a writer's commit rather than fail at once (rollback-journal mode)
    await client.execute("PRAGMA busy_timeout = 10000");
    await client.execute({ sql: "VACUUM INTO ?", args: [partial] });
  } finally {
    client.close();
  }
  const contents = await check(partial);
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, ...contents };
}

/**
 * Puts a backup back as the database. Stop the server first: a running process would keep writing
 * to the file it has open. The database it replaces is kept beside it (…before-restore-<time>).
 */
export async function restoreDatabase(options: { backupFile: string; databaseUrl: string; now?: Date }) {
  const backup = path.resolve(options.backupFile);
  if (!fs.existsSync(backup)) throw new BackupError(`no backup at ${backup}`);
  const contents = await check(backup);
  const target = fileOf(options.databaseUrl);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(backup, incoming);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${stamp(options.now ?? new Date())}`;
    // the database with its WAL and shared-memory files, moved together so they stay one database
    for (const suffix of ["", "-wal", "-shm", "-journal"]) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAs + suffix);
    }
  }
  fs.renameSync(incoming, target);
  return { file: target, keptAs, ...contents };
}
