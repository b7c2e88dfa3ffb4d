import { json } from "@remix-run/node";
import { databaseWritable } from "~/db.server";

// For load balancers, uptime checks and the supervisor's operator: 200 only when the database
// takes a committed write right now. A database that answers reads but cannot take writes
// (read-only, locked by another process, disk full) is not ok: orders could not be paid.
export async function loader() {
  const started = Date.now();
  const writable = await databaseWritable();
  const headers = { "Cache-Control": "no-store" };
  if (writable.ok) return json({ ok: true, database: "up", writable: true, latencyMs: Date.now() - started }, { headers });
  return json(
    { ok: false, database: writable.state, writable: false, error: writable.reason },
    { status: 503, headers: { ...headers, "Retry-After": "5" } },
  );
}
