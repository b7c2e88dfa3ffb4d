import type { LoaderFunctionArgs } from "@remix-run/node";
import { pickListPdf } from "~/models/parcels/pdf.server";
import { coopParcelsToPack } from "~/models/parcels/view.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const { coopName, parcels } = await coopParcelsToPack(user.coopId);
  const pdf = await pickListPdf(coopName, parcels);
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="pick-list.pdf"`, "Cache-Control": "private, no-store" } });
}
