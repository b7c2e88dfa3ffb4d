// Reading parcels: the buyer's (and staff's) view of one order, a co-op's own parcels, and the
// parcels staff must chase. Every co-op read is scoped by its coopId.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { OPEN_AFTER_SALES } from "~/models/after-sales/status";
import { SHIPPABLE_STATUSES } from "~/models/orders/status";
import { trackingUrl } from "~/models/parcels/couriers";
import { COOP_PARCEL_TABS, parcelCode, SHIP_WITHIN_HOURS, type CoopParcelTab } from "~/models/parcels/status";

const itemSelect = {
  id: true,
  quantity: true,
  orderLine: { select: { id: true, productName: true, variantName: true, unitPriceFen: true, lineTotalFen: true, quantity: true, refundedFen: true, variant: { select: { sku: true } } } },
} satisfies Prisma.ParcelItemSelect;

/** What every parcel list shows; also the institution delivery list's columns. */
export const parcelSelect = {
  id: true,
  seq: true,
  source: true,
  status: true,
  recipient: true,
  mobile: true,
  province: true,
  city: true,
  district: true,
  street: true,
  courier: true,
  trackingNumber: true,
  shippedAt: true,
  deliveredAt: true,
  receivedBy: true,
  createdAt: true,
  coop: { select: { id: true, name: true, slug: true } },
  items: { select: itemSelect, orderBy: { orderLineId: "asc" } },
} satisfies Prisma.ParcelSelect;

type ParcelRow = Prisma.ParcelGetPayload<{ select: typeof parcelSelect }>;

function present<T extends ParcelRow>(orderNumber: string, p: T) {
  return { ...p, code: parcelCode(orderNumber, p.seq), trackingUrl: trackingUrl(p.courier, p.trackingNumber) };
}

/** The parcels of one order (the first `take`), with their after-sales requests and rating. */
export async function orderParcels(order: { id: string; number: string }, take = 50) {
  const [parcels, total] = await Promise.all([
    prisma.parcel.findMany({
      where: { orderId: order.id },
      orderBy: { seq: "asc" },
      take,
      select: {
        ...parcelSelect,
        rating: { select: { score: true, comment: true } },
        afterSales: {
          orderBy: { createdAt: "asc" },
          select: { id: true, kind: true, orderLineId: true, quantity: true, amountFen: true, reason: true, status: true, refusalReason: true, decisionNote: true, returnCourier: true, returnTrackingNumber: true, createdAt: true, _count: { select: { photos: true } } },
        },
      },
    }),
    prisma.parcel.count({ where: { orderId: order.id } }),
  ]);
  return { parcels: parcels.map((p) => present(order.number, p)), total };
}

export type OrderParcel = Awaited<ReturnType<typeof orderParcels>>["parcels"][number];


function coopParcelWhere(coopId: string, tab: CoopParcelTab): Prisma.ParcelWhereInput {
  // A parcel is the co-op's to pack only once its order is paid (and not refunded in full).
  if (tab === "pending") return { coopId, status: "PENDING", order: { status: { in: [...SHIPPABLE_STATUSES] } } };
  return { coopId, status: tab === "shipped" ? "SHIPPED" : "DELIVERED" };
}

/** One co-op's parcels in a tab, oldest payment first for packing, newest first otherwise. */
export async function coopParcels(coopId: string, tab: CoopParcelTab, page = 1, now = new Date()) {
  const take = 50;
  const where = coopParcelWhere(coopId, tab);
  const [rows, total, counts] = await Promise.all([
    prisma.parcel.findMany({
      where,
      orderBy: tab === "pending" ? [{ order: { paidAt: "asc" } }, { seq: "asc" }] : [{ shippedAt: "desc" }],
      take,
      skip: (page - 1) * take,
      select: {
        ...parcelSelect,
        order: { select: { number: true, paidAt: true } },
        afterSales: { where: { status: { in: [...OPEN_AFTER_SALES] } }, select: { id: true, kind: true, quantity: true } },
      },
    }),
    prisma.parcel.count({ where }),
    Promise.all(COOP_PARCEL_TABS.map((t) => prisma.parcel.count({ where: coopParcelWhere(coopId, t) }))),
  ]);
  const late = now.getTime() - SHIP_WITHIN_HOURS * 3_600_000;
  return {
    parcels: rows.map((p) => ({ ...present(p.order.number, p), orderNumber: p.order.number, paidAt: p.order.paidAt, overdue: p.status === "PENDING" && !!p.order.paidAt && p.order.paidAt.getTime() < late })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / take)),
    counts: Object.fromEntries(COOP_PARCEL_TABS.map((t, i) => [t, counts[i]])) as Record<CoopParcelTab, number>,
  };
}

/** Every parcel a co-op still has to pack, for its pick list, packing slips and shipping template. */
export async function coopParcelsToPack(coopId: string) {
  const [coop, rows] = await Promise.all([
    prisma.coop.findUniqueOrThrow({ where: { id: coopId }, select: { name: true } }),
    prisma.parcel.findMany({
      where: coopParcelWhere(coopId, "pending"),
      orderBy: [{ order: { paidAt: "asc" } }, { seq: "asc" }],
      take: 2000,
      select: { ...parcelSelect, order: { select: { number: true, paidAt: true } } },
    }),
  ]);
  return { coopName: coop.name, parcels: rows.map((p) => ({ ...present(p.order.number, p), orderNumber: p.order.number, paidAt: p.order.paidAt })) };
}

export type ParcelToPack = Awaited<ReturnType<typeof coopParcelsToPack>>["parcels"][number];

/** Parcels of paid orders not shipped within SHIP_WITHIN_HOURS, oldest first (staff). */
export async function overdueParcels(now = new Date(), take = 200) {
  const where: Prisma.ParcelWhereInput = {
    status: "PENDING",
    order: { status: { in: [...SHIPPABLE_STATUSES] }, paidAt: { lt: new Date(now.getTime() - SHIP_WITHIN_HOURS * 3_600_000) } },
  };
  const [rows, total] = await Promise.all([
    prisma.parcel.findMany({ where, orderBy: [{ order: { paidAt: "asc" } }, { seq: "asc" }], take, select: { ...parcelSelect, order: { select: { number: true, paidAt: true } } } }),
    prisma.parcel.count({ where }),
  ]);
  return { parcels: rows.map((p) => ({ ...present(p.order.number, p), orderNumber: p.order.number, paidAt: p.order.paidAt })), total };
}
