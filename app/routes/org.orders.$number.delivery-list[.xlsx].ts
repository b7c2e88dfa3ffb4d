import { requireOrgMember } from "~/session.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOrgOrder } from "~/models/institutions/bulk-order.server";
import { deliveryListXlsx } from "~/models/institutions/recipients.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request);
  const order = await getOrgOrder(organization.id, params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  return new Response(new Uint8Array(await deliveryListXlsx(order.id)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="delivery-${order.number}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
