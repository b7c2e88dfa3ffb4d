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
