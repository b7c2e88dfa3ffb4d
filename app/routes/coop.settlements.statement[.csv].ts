import type { LoaderFunctionArgs } from "@remix-run/node";
import { statementCsv } from "~/models/settlements/export.server";
import { coopStatement, isMonth } from "~/models/settlements/statement.server";
import { requireCoopManager } from "~/session.server";

// The co-op's own statement only: the co-op comes from the session, never from the URL.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const month = new URL(request.url).searchParams.get("month");
  if (!isMonth(month)) throw new Response("月份格式应为 YYYY-MM", { status: 400 });
  const csv = await statementCsv(await coopStatement(user.coopId, month));
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="statement-${month}.csv"`, "Cache-Control": "private, no-store" } });
}
