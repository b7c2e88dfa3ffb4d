import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { statementPdf } from "~/models/settlements/export.server";
import { coopStatement, isMonth } from "~/models/settlements/statement.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const url = new URL(request.url);
  const month = url.searchParams.get("month");
  if (!isMonth(month)) throw new Response("月份格式应为 YYYY-MM", { status: 400 });
  try {
    const pdf = await statementPdf(await coopStatement(url.searchParams.get("coop") ?? "", month));
    return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="statement-${month}.pdf"`, "Cache-Control": "private, no-store" } });
  } catch (error) {
    throwAsResponse(error);
  }
}
