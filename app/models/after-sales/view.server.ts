// Reading after-sales requests: a co-op sees its own, staff see all (escalated first), and a photo
// is served only to the buyer who sent it, the co-op it was sent to, and staff.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { readUpload } from "~/lib/uploads.server";
import { AFTER_SALES_VIEWS, OPEN_AFTER_SALES } from "~/models/after-sales/status";
import { parcelCode } from "~/models/parcels/status";

const listSelect = {
  id: true,
  kind: true,
  status: true,
  quantity: true,
  amountFen: true,
  reason: true,
  refusalReason: true,
  escalationNote: true,
  decisionNote: true,
  returnCourier: true,
  returnTrackingNumber: true,
  createdAt: true,
  updatedAt: true,
  coop: { select: { name: true } },
  buyer: { select: { name: true } },
  order: { select: { number: true, paymentMethod: true } },
  parcel: { select: { seq: true, status: true, recipient: true } },
  orderLine: { select: { productName: true, variantName: true, quantity: true } },
  photos: { select: { id: true }, orderBy: { position: "asc" } },
  events: { select: { id: true, toStatus: true, note: true, createdAt: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.AfterSalesRequestSelect;

function present<T extends { order: { number: string }; parcel: { seq: number } }>(r: T) {
  return { ...r, parcelCode: parcelCode(r.order.number, r.parcel.seq) };
}

export async function coopAfterSales(coopId: string, view: (typeof AFTER_SALES_VIEWS)[number]) {
  const where: Prisma.AfterSalesRequestWhereInput = { coopId, ...(view === "open" ? { status: { in: [...OPEN_AFTER_SALES] } } : {}) };
  const [rows, openCount] = await Promise.all([
    prisma.afterSalesRequest.findMany({ where, orderBy: { createdAt: view === "open" ? "asc" : "desc" }, take: 100, select: listSelect }),
    prisma.afterSalesRequest.count({ where: { coopId, status: { in: [...OPEN_AFTER_SALES] } } }),
  ]);
  return { requests: rows.map(present), openCount };
}

export async function staffAfterSales(view: "escalated" | "all") {
  const rows = await prisma.afterSalesRequest.findMany({
    where: view === "escalated" ? { status: "ESCALATED" } : {},
    orderBy: { updatedAt: view === "escalated" ? "asc" : "desc" },
    take: 200,
    select: listSelect,
  });
  return rows.map(present);
}

export type AfterSalesListItem = Awaited<ReturnType<typeof staffAfterSales>>[number];

/** The photo's bytes if the viewer may see it; null otherwise (the same answer as a missing photo). */
export async function photoForViewer(photoId: string, viewer: { id: string; coopId: string | null; roles: string[] }) {
  const photo = await prisma.afterSalesPhoto.findUnique({
    where: { id: photoId },
    select: { storageKey: true, contentType: true, request: { select: { buyerId: true, coopId: true } } },
  });
  if (!photo) return null;
  const allowed = viewer.roles.includes("staff") || photo.request.buyerId === viewer.id || (viewer.coopId !== null && viewer.roles.includes("coop_manager") && photo.request.coopId === viewer.coopId);
  if (!allowed) return null;
  const bytes = await readUpload(photo.storageKey);
  return bytes ? { bytes, contentType: photo.contentType } : null;
}
