import fs from "node:fs";
import path from "node:path";

// The embedded database lives in a git-ignored folder so a fresh clone needs no .env.
export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

export interface DatabaseConfig {
  url: string;
  authToken?: string;
}

/**
 * One place decides which database we talk to: `DATABASE_URL` (file:, libsql:, http(s):, ws(s):)
 * with `DATABASE_AUTH_TOKEN` for a libSQL server (sqld / Turso), else the embedded file.
 */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const authToken = env.DATABASE_AUTH_TOKEN?.trim() || undefined;
  return authToken ? { url, authToken } : { url };
}

/** The embedded database file's path (`file:` URL), or null for a libSQL server. */
export function embeddedFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const rest = url.slice("file:".length).split("?")[0];
  return rest.startsWith("//") ? rest.slice(2) : rest;
}

/**
 * The database file, its WAL, its WAL index and its folder, as far as they exist and cannot be
 * written. SQLite maps the WAL index (-shm) into memory: one it may not write kills the process
 * with SIGBUS on a later access instead of returning an error, so this is checked before use.
 */
export function unwritableFiles(file: string): string[] {
  const bad: string[] = [];
  for (const f of [file, `${file}-wal`, `${file}-shm`, path.dirname(path.resolve(file))]) {
    try {
      fs.accessSync(f, fs.constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") bad.push(f);
    }
  }
  return bad;
}
