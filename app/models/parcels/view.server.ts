// Reading parcels: the buyer's (and staff's) view of one order, a co-op's own parcels, and the
// parcels staff must chase. Every co-op read is scoped by its coopId.
import { prisma, raw } from "~/db.server";
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

/**
 * The parcels of one order (the first `take`), with their after-sales requests and rating. Raw
 * statements (the page every paid order ends on; Prisma's nested select was seven statements
 * through its query compiler): `parcelSelect`'s shape with the rating and requests, dates as
 * Dates. tests/integration/orders/order-page-reads.test.ts holds it to that select.
 */
export async function orderParcels(order: { id: string; number: string }, take = 50) {
  const db = raw(prisma);
  const [rows, [{ total }]] = await Promise.all([
    db.query<ParcelFields & { coopName: string; coopSlug: string; ratingScore: number | null; ratingComment: string | null }>(
      `SELECT p."id", p."seq", p."source", p."status", p."recipient", p."mobile", p."province", p."city", p."district", p."street",
         p."courier", p."trackingNumber", p."shippedAt", p."deliveredAt", p."receivedBy", p."createdAt", p."coopId",
         c."name" AS "coopName", c."slug" AS "coopSlug", r."score" AS "ratingScore", r."comment" AS "ratingComment"
       FROM "Parcel" p JOIN "Coop" c ON c."id" = p."coopId" LEFT JOIN "CoopRating" r ON r."parcelId" = p."id"
       WHERE p."orderId" = ? ORDER BY p."seq" ASC LIMIT ?`,
      order.id,
      take,
    ),
    db.query<{ total: number }>(`SELECT COUNT(*) AS "total" FROM "Parcel" WHERE "orderId" = ?`, order.id),
  ]);
  const ids = rows.map((p) => p.id);
  const marks = ids.map(() => "?").join(", ");
  const [items, requests] = ids.length
    ? await Promise.all([
        db.query<{ parcelId: string; id: string; quantity: number; lineId: string; productName: string; variantName: string; unitPriceFen: number; lineTotalFen: number; lineQuantity: number; refundedFen: number; sku: string }>(
          `SELECT i."parcelId", i."id", i."quantity", l."id" AS "lineId", l."productName", l."variantName", l."unitPriceFen", l."lineTotalFen",
             l."quantity" AS "lineQuantity", l."refundedFen", v."sku"
           FROM "ParcelItem" i JOIN "OrderLine" l ON l."id" = i."orderLineId" JOIN "Variant" v ON v."id" = l."variantId"
           WHERE i."parcelId" IN (${marks}) ORDER BY i."orderLineId" ASC`,
          ...ids,
        ),
        db.query<AfterSalesFields & { parcelId: string; photos: number }>(
          `SELECT a."parcelId", a."id", a."kind", a."orderLineId", a."quantity", a."amountFen", a."reason", a."status", a."refusalReason", a."decisionNote",
             a."returnCourier", a."returnTrackingNumber", a."createdAt", (SELECT COUNT(*) FROM "AfterSalesPhoto" f WHERE f."requestId" = a."id") AS "photos"
           FROM "AfterSalesRequest" a WHERE a."parcelId" IN (${marks}) ORDER BY a."createdAt" ASC, a."rowid" ASC`,
          ...ids,
        ),
      ])
    : [[], []];
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  const parcels = rows.map(({ coopId, coopName, coopSlug, ratingScore, ratingComment, ...p }) => ({
    ...p,
    shippedAt: date(p.shippedAt),
    deliveredAt: date(p.deliveredAt),
    createdAt: new Date(p.createdAt),
    coop: { id: coopId, name: coopName, slug: coopSlug },
    items: items
      .filter((i) => i.parcelId === p.id)
      .map((i) => ({
        id: i.id,
        quantity: i.quantity,
        orderLine: { id: i.lineId, productName: i.productName, variantName: i.variantName, unitPriceFen: i.unitPriceFen, lineTotalFen: i.lineTotalFen, quantity: i.lineQuantity, refundedFen: i.refundedFen, variant: { sku: i.sku } },
      })),
    rating: ratingScore === null ? null : { score: ratingScore, comment: ratingComment ?? "" },
    afterSales: requests.filter((a) => a.parcelId === p.id).map(({ parcelId: _, photos, ...a }) => ({ ...a, createdAt: new Date(a.createdAt), _count: { photos } })),
  }));
  return { parcels: parcels.map((p) => present(order.number, p)), total };
}

type ParcelFields = Omit<ParcelRow, "coop" | "items" | "shippedAt" | "deliveredAt" | "createdAt"> & { coopId: string; shippedAt: string | null; deliveredAt: string | null; createdAt: string };
type AfterSalesFields = {
  id: string; kind: string; orderLineId: string; quantity: number; amountFen: number; reason: string; status: string;
  refusalReason: string | null; decisionNote: string | null; returnCourier: string | null; returnTrackingNumber: string | null; createdAt: string;
};

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
