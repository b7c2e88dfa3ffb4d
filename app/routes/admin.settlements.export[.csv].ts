import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthStatementsCsv } from "~/models/settlements/export.server";
import { isMonth, monthStatements } from "~/models/settlements/statement.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const month = new URL(request.url).searchParams.get("month");
  if (!isMonth(month)) throw new Response("月份格式应为 YYYY-MM", { status: 400 });
  const csv = monthStatementsCsv(month, await monthStatements(month));
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="settlements-${month}.csv"`, "Cache-Control": "private, no-store" } });
}
