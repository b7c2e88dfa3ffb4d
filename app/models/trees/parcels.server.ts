import { prisma } from "~/db.server";

/** Parcels of a tree's harvest as the adopter sees them (courier and tracking). */
export async function listParcels(ids: string[]) {
  if (ids.length === 0) return [];
  return prisma.parcel.findMany({ where: { id: { in: ids } }, select: { id: true, courier: true, trackingNumber: true, status: true, shippedAt: true } });
}
