import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/lib/csv-safe";
import { HOUSEHOLD_TEMPLATE } from "~/models/coops/household-register.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const [header, ...rows] = HOUSEHOLD_TEMPLATE;
  return new Response(toCsv(header, rows), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="households-template.csv"`, "Cache-Control": "private, no-store" },
  });
}
