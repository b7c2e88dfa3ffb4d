import { requireOrgMember } from "~/session.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOrgOrder } from "~/models/institutions/bulk-order.server";
import { deliveryListCsv } from "~/models/institutions/recipients.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request);
  const order = await getOrgOrder(organization.id, params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  return new Response(await deliveryListCsv(order.id), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="delivery-${order.number}.csv"`, "Cache-Control": "private, no-store" },
  });
}
