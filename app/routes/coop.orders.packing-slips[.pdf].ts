import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/public-origin.server";
import { batchesOfLines } from "~/models/batches/allocation.server";
import { packingSlipsPdf } from "~/models/parcels/pdf.server";
import { coopParcelsToPack } from "~/models/parcels/view.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const { coopName, parcels } = await coopParcelsToPack(user.coopId);
  // the lines are the co-op's own: they come from its parcels
  const batches = await batchesOfLines(parcels.flatMap((p) => p.items.map((i) => i.orderLine.id)));
  const pdf = await packingSlipsPdf(coopName, parcels, { batches, origin: publicOrigin(request) });
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="packing-slips.pdf"`, "Cache-Control": "private, no-store" } });
}
