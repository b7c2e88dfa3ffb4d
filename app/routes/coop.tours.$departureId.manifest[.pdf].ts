import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { manifestPdf } from "~/models/tours/operator.server";
import { requireCoopManager } from "~/session.server";

// The operator's manifest: the one document with full ID numbers. Never cached.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const { departure, bytes } = await manifestPdf(user.coopId, params.departureId ?? "").catch(throwAsResponse);
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="manifest-${departure.departOn}.pdf"`, "Cache-Control": "private, no-store" },
  });
}
