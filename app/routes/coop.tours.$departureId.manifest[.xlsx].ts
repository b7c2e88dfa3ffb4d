import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { manifestXlsx } from "~/models/tours/operator.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const { departure, bytes } = await manifestXlsx(user.coopId, params.departureId ?? "").catch(throwAsResponse);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="manifest-${departure.departOn}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
