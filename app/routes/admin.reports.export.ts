import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { ledgerCsvStream, ledgerXlsxStream } from "~/models/impact/export.server";
import { parseReportQuery } from "~/models/impact/report.server";
import { throwAsResponse } from "~/lib/errors";
import { requireUser } from "~/session.server";

// Streams the ledger rows for the report's filters as CSV or XLSX (never the whole range in memory).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new Response("未知的导出格式", { status: 400 });
  params.delete("format");
  const filters = await parseReportQuery(params).catch((error) => throwAsResponse(error));
  const name = `impact-${filters.from}-${filters.to}.${format}`;
  const stream = format === "csv" ? ledgerCsvStream(filters) : ledgerXlsxStream(filters);
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
