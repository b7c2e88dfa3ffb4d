import { requireOrgMember } from "~/session.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOrgOrder } from "~/models/institutions/bulk-order.server";
import { proformaInvoicePdf } from "~/models/institutions/pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request);
  const order = await getOrgOrder(organization.id, params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  if (order.paymentMethod !== "BANK_TRANSFER" || !["PENDING_PAYMENT", "PAID", "SHIPPED", "DELIVERED"].includes(order.status)) {
    throw new Response("订单审批通过后才能下载形式发票", { status: 409 });
  }
  const pdf = await proformaInvoicePdf({ ...order, createdAt: new Date(order.createdAt), reservedUntil: order.reservedUntil ? new Date(order.reservedUntil) : null });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="proforma-${order.number}.pdf"`, "Cache-Control": "private, no-store" },
  });
}
