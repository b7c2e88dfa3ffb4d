import fs from "node:fs";

// Benchmark only (bench/catalog.bench.ts): with RENDER_LIMIT_FIXTURE naming a JSON file of loader
// data captured from a real server, the hall page and the root layout return that data without
// touching the database, which measures the render limit of the very same components.
let fixture: Record<string, unknown> | null | undefined;

export function renderLimitData<T>(routeId: string): T | null {
  if (fixture === undefined) {
    const file = process.env.RENDER_LIMIT_FIXTURE;
    fixture = file && process.env.NODE_ENV !== "test" ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : null;
  }
  return fixture ? ((fixture[routeId] as T | undefined) ?? null) : null;
}
