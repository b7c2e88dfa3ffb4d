import type { LoaderFunctionArgs } from "@remix-run/node";
import { shippingTemplateCsv } from "~/models/parcels/shipping-import.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return new Response(await shippingTemplateCsv(user.coopId), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="shipping.csv"`, "Cache-Control": "private, no-store" },
  });
}
