// What a co-op manager should look at first: stock running low, products waiting on someone, and
// the co-op's own status.
import { prisma } from "~/db.server";
import { coopTrail } from "~/models/audit/trail.server";
import { lowStockVariants } from "~/models/coops/stock.server";

export async function coopDashboard(coopId: string) {
  const [coop, lowStock, byStatus, certPending, certRejected, offers, trail] = await Promise.all([
    prisma.coop.findUniqueOrThrow({ where: { id: coopId }, select: { name: true, status: true, county: { select: { name: true } } } }),
    lowStockVariants(coopId),
    prisma.product.groupBy({ by: ["status"], where: { coopId }, _count: { _all: true } }),
    prisma.product.findMany({ where: { coopId, certStatus: "PENDING", status: "DRAFT" }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    prisma.product.findMany({ where: { coopId, certStatus: "REJECTED" }, select: { slug: true, name: true, certRejectReason: true }, orderBy: { name: "asc" } }),
    prisma.hallOffer.count({ where: { product: { coopId } } }),
    coopTrail(coopId, 10),
  ]);
  return {
    coop,
    lowStock,
    counts: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Record<string, number>,
    certPending,
    certRejected,
    offers,
    trail,
  };
}
