import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Applies every migration's SQL in order to a fresh SQLite file: milliseconds, no Prisma CLI. */
export async function migrateFile(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // a -wal/-shm left from an earlier database would be replayed into the new one
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const client = createClient({ url: `file:${file}` });
  try {
    await client.execute("PRAGMA journal_mode=WAL");
    const dirs = fs.readdirSync(MIGRATIONS).filter((d) => fs.existsSync(path.join(MIGRATIONS, d, "migration.sql"))).sort();
    for (const dir of dirs) {
      await client.executeMultiple(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
    }
    // Fold the WAL into the main file so a plain file copy carries every table.
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    client.close();
  }
}
