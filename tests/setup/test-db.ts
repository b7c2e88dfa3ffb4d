import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own copy of the migrated template database, so files run in parallel
// without seeing each other's rows. This runs before the test file imports the app.
const dir = path.resolve(import.meta.dirname, "../../data/test");
const file = path.join(dir, `t-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
// Uploaded files of this test file (photos, licences, scans, after-sales photos), removed with its database.
const uploads = `${file}-uploads`;
process.env.UPLOADS_DIR = uploads;
process.env.NODE_ENV = "test";
process.env.UPLOADS_DIR = path.join(dir, "uploads");
delete (globalThis as { __prisma?: unknown }).__prisma;

afterAll(async () => {
  const client = (globalThis as { __prisma?: { $disconnect(): Promise<void> } }).__prisma;
  await client?.$disconnect();
  delete (globalThis as { __prisma?: unknown }).__prisma;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(uploads, { recursive: true, force: true });
});
