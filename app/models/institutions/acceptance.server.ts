// The acceptance form (验收单) of an institution order: downloadable once everything sent has
// arrived — the order marked delivered, or every parcel of it signed for (a bulk order's parcels go
// to many recipients and arrive on different days).
import { prisma } from "~/db.server";
import { ConflictError, NotFoundError } from "~/lib/errors";
import type { AcceptanceOrder } from "~/models/institutions/pdf.server";

export async function acceptanceFormData(organizationId: string, number: string): Promise<AcceptanceOrder> {
  const order = await prisma.order.findFirst({
    where: { organizationId, number },
    select: {
      number: true, status: true, poNumber: true, costCentre: true, paidAt: true, totalFen: true, refundedFen: true,
      organization: { select: { name: true, taxNumber: true } },
      lines: { select: { productName: true, variantName: true, quantity: true, unitPriceFen: true, lineTotalFen: true, product: { select: { coop: { select: { name: true } }, county: { select: { name: true } } } } } },
      parcels: { where: { status: { not: "CANCELLED" } }, select: { status: true, deliveredAt: true } },
    },
  });
  if (!order) throw new NotFoundError("订单不存在");
  const delivered = order.parcels.filter((p) => p.status === "DELIVERED");
  const allArrived = order.parcels.length > 0 && delivered.length === order.parcels.length;
  if (!(order.status === "DELIVERED" || (allArrived && order.status !== "REFUNDED"))) throw new ConflictError("全部包裹签收后才能下载验收单");
  const last = delivered.map((p) => p.deliveredAt).filter((d): d is Date => Boolean(d)).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    ...order,
    lines: order.lines.map(({ product, ...l }) => ({ ...l, coopName: product.coop.name, county: product.county.name })),
    parcels: { total: order.parcels.length, delivered: delivered.length, lastDeliveredAt: last },
  };
}

/** Whether the order page offers the 验收单: the same rule as above, in two counts. */
export async function acceptanceReady(order: { id: string; status: string }) {
  if (order.status === "DELIVERED") return true;
  if (order.status === "REFUNDED") return false;
  const [live, delivered] = await Promise.all([
    prisma.parcel.count({ where: { orderId: order.id, status: { not: "CANCELLED" } } }),
    prisma.parcel.count({ where: { orderId: order.id, status: "DELIVERED" } }),
  ]);
  return live > 0 && live === delivered;
}
