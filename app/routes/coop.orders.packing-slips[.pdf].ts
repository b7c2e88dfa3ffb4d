import type { LoaderFunctionArgs } from "@remix-run/node";
import { packingSlipsPdf } from "~/models/parcels/pdf.server";
import { coopParcelsToPack } from "~/models/parcels/view.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const { coopName, parcels } = await coopParcelsToPack(user.coopId);
  const pdf = await packingSlipsPdf(coopName, parcels);
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="packing-slips.pdf"`, "Cache-Control": "private, no-store" } });
}
