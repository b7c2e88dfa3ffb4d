import { json } from "@remix-run/node";
import { prisma } from "~/db.server";

// For load balancers and uptime checks: 200 only when the database answers.
export async function loader() {
  const started = Date.now();
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return json(
      { ok: true, database: "up", latencyMs: Date.now() - started },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return json(
      { ok: false, database: "down", error: error instanceof Error ? error.message.slice(0, 200) : "unknown" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
