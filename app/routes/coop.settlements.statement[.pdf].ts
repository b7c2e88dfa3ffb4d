import type { LoaderFunctionArgs } from "@remix-run/node";
import { statementPdf } from "~/models/settlements/export.server";
import { coopStatement, isMonth } from "~/models/settlements/statement.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const month = new URL(request.url).searchParams.get("month");
  if (!isMonth(month)) throw new Response("月份格式应为 YYYY-MM", { status: 400 });
  const pdf = await statementPdf(await coopStatement(user.coopId, month));
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="statement-${month}.pdf"`, "Cache-Control": "private, no-store" } });
}
