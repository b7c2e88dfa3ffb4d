import fs from "node:fs";
import path from "node:path";
import { migrateFile } from "./migrate";

export const TEST_DB_DIR = path.resolve(import.meta.dirname, "../../data/test");
export const TEMPLATE_DB = path.join(TEST_DB_DIR, "template.db");

// One migrated template per run; each test file copies it (see test-db.ts).
export default async function setup() {
  fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
  await migrateFile(TEMPLATE_DB);
  return () => fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
}
