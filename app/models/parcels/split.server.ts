// How an order's goods are divided into parcels. Each unit of each line is in at most one parcel
// (or held by a live gift code until it is redeemed, or refunded before its parcel left):
// `allocation` says what is left. A paid order
// with its own address gets one parcel per co-op for whatever is left; an institution order gets
// a parcel per recipient imported and per gift code redeemed, whose co-op is its line's.
import crypto from "node:crypto";
import type { Tx } from "~/db.server";
import { insertRows, prisma, raw } from "~/db.server";
import type { AddressInput } from "~/models/addresses/address.schema";
import { isSchemeKind } from "~/models/orders/status";

type Db = Tx | typeof prisma;

export interface LineAllocation {
  id: string;
  sku: string;
  productName: string;
  variantName: string;
  coopId: string;
  quantity: number;
  /** Units in parcels (not cancelled). */
  inParcels: number;
  /** Units held by gift codes not yet redeemed nor revoked. */
  inCodes: number;
  /** Units refunded before their parcel left (taken off it): they will never ship. */
  takenOff: number;
  /** Units not yet given to any parcel or code. */
  available: number;
}

/** Per line of the order: how many units are in parcels, held by codes, and still free. */
export async function allocation(db: Db, orderId: string): Promise<LineAllocation[]> {
  const [lines, items, codes, takenOff] = await Promise.all([
    db.orderLine.findMany({
      where: { orderId },
      orderBy: { id: "asc" },
      select: { id: true, quantity: true, productName: true, variantName: true, variant: { select: { sku: true } }, product: { select: { coopId: true } } },
    }),
    db.parcelItem.groupBy({ by: ["orderLineId"], where: { orderLine: { orderId }, parcel: { status: { not: "CANCELLED" } } }, _sum: { quantity: true } }),
    db.giftCode.groupBy({ by: ["orderLineId"], where: { orderId, revokedAt: null, parcelId: null }, _count: { _all: true } }),
    db.afterSalesRequest.groupBy({ by: ["orderLineId"], where: { orderId, takenOffParcel: true }, _sum: { quantity: true } }),
  ]);
  const off = new Map(takenOff.map((t) => [t.orderLineId, t._sum.quantity ?? 0]));
  const inParcels = new Map(items.map((i) => [i.orderLineId, i._sum.quantity ?? 0]));
  const inCodes = new Map(codes.map((c) => [c.orderLineId ?? "", c._count._all]));
  return lines.map((l) => {
    const parcels = inParcels.get(l.id) ?? 0;
    const held = inCodes.get(l.id) ?? 0;
    const refunded = off.get(l.id) ?? 0;
    return {
      id: l.id,
      sku: l.variant.sku,
      productName: l.productName,
      variantName: l.variantName,
      coopId: l.product.coopId,
      quantity: l.quantity,
      inParcels: parcels,
      inCodes: held,
      takenOff: refunded,
      available: l.quantity - parcels - held - refunded,
    };
  });
}

export interface NewParcel {
  coopId: string;
  source: "ORDER" | "RECIPIENT" | "GIFT_CODE";
  address: AddressInput;
  items: { orderLineId: string; quantity: number }[];
}

/**
 * Creates parcels of one order, numbered after the ones it has. Call inside the transaction that
 * checked the allocation; the (orderId, seq) unique index refuses a racing duplicate number.
 */
export async function createParcels(tx: Tx, orderId: string, parcels: NewParcel[]) {
  if (parcels.length === 0) return [];
  const last = await tx.parcel.aggregate({ where: { orderId }, _max: { seq: true } });
  const first = (last._max.seq ?? 0) + 1;
  // Ids made here, so that both tables take one plain createMany: a 5,000-recipient import spent
  // a third of its time in createManyAndReturn.
  const created = parcels.map((_, i) => ({ id: crypto.randomUUID(), seq: first + i }));
  await tx.parcel.createMany({
    data: parcels.map((p, i) => ({ id: created[i].id, orderId, seq: created[i].seq, coopId: p.coopId, source: p.source, ...p.address })),
  });
  await tx.parcelItem.createMany({
    data: parcels.flatMap((p, i) => p.items.map((item) => ({ parcelId: created[i].id, orderLineId: item.orderLineId, quantity: item.quantity }))),
  });
  return created;
}

/**
 * At payment: an order with its own address (every retail order; an institution order with a
 * consignee) gets one parcel per co-op holding whatever no recipient or code has taken. Repeating
 * it finds nothing left and creates nothing.
 */
export async function splitPaidOrder(tx: Tx, orderId: string) {
  return createParcels(tx, orderId, await parcelsForOwnAddress(tx, orderId));
}

/** The basis of an order nothing has taken from yet: no parcel, no live gift code, nothing taken off. */
const UNTOUCHED = "0:0/0/0/0";

async function parcelsForOwnAddress(db: Db, orderId: string, basis?: string): Promise<NewParcel[]> {
  const [order] = await raw(db).query<{ kind: string; recipient: string | null; mobile: string | null; province: string | null; city: string | null; district: string | null; street: string | null }>(
    `SELECT "kind", "recipient", "mobile", "province", "city", "district", "street" FROM "Order" WHERE "id" = ?`,
    orderId,
  );
  if (!order) throw new Error(`no order ${orderId}`);
  // A scheme's goods leave when the co-op ships each part (shipSchemeParcel), never at payment.
  if (isSchemeKind(order.kind)) return [];
  if (!order.recipient || !order.street) return [];
  const address = {
    recipient: order.recipient,
    mobile: order.mobile ?? "",
    province: order.province ?? "",
    city: order.city ?? "",
    district: order.district ?? "",
    street: order.street,
  };
  const byCoop = new Map<string, { orderLineId: string; quantity: number }[]>();
  // Untouched (every order about to be paid but a bulk one with recipients or codes): each line's
  // whole quantity is free, and one raw read of the lines and their co-ops is all allocation() would
  // find — its five Prisma reads ran on every payment. A test holds the two to the same parcels.
  const lines =
    basis === UNTOUCHED
      ? (
          await raw(db).query<{ id: string; quantity: number; coopId: string }>(
            `SELECT l."id", l."quantity", p."coopId" FROM "OrderLine" l JOIN "Product" p ON p."id" = l."productId" WHERE l."orderId" = ? ORDER BY l."id"`,
            orderId,
          )
        ).map((l) => ({ ...l, available: l.quantity }))
      : await allocation(db, orderId);
  for (const line of lines) {
    if (line.available <= 0) continue;
    byCoop.set(line.coopId, [...(byCoop.get(line.coopId) ?? []), { orderLineId: line.id, quantity: line.available }]);
  }
  const coops = [...byCoop.keys()].sort();
  return coops.map((coopId) => ({ coopId, source: "ORDER" as const, address, items: byCoop.get(coopId)! }));
}

/** splitPaidOrder worked out before the payment's transaction (which holds the one writer for its writes only). */
export interface PlannedSplit {
  orderId: string;
  parcels: NewParcel[];
  /** What the allocation was worked out from: unchanged inside the transaction, the plan still holds. */
  basis: string;
}

// Everything allocation() depends on that can change while an order waits for payment: its
// parcels (count, highest number, live units), its live gift codes, units taken off parcels.
async function splitBasis(db: Db, orderId: string) {
  const rows = await raw(db).query<{ basis: string }>(
    `SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX("seq"), 0) FROM "Parcel" WHERE "orderId" = ?)
       || '/' || (SELECT COALESCE(SUM(i."quantity"), 0) FROM "ParcelItem" i JOIN "Parcel" p ON p."id" = i."parcelId" WHERE p."orderId" = ? AND p."status" <> 'CANCELLED')
       || '/' || (SELECT COUNT(*) FROM "GiftCode" WHERE "orderId" = ? AND "revokedAt" IS NULL AND "parcelId" IS NULL)
       || '/' || (SELECT COALESCE(SUM("quantity"), 0) FROM "AfterSalesRequest" WHERE "orderId" = ? AND "takenOffParcel" = 1) AS basis`,
    orderId, orderId, orderId, orderId,
  );
  return String(rows[0].basis);
}

export async function planPaidOrderSplit(db: Db, orderId: string): Promise<PlannedSplit> {
  const basis = await splitBasis(db, orderId);
  return { orderId, parcels: await parcelsForOwnAddress(db, orderId, basis), basis };
}

/**
 * Inside the payment's transaction: one query proves nothing the plan rests on changed (else the
 * split is worked out again, here), then the parcels go in with two raw INSERTs, numbered after
 * the order's highest (the (orderId, seq) unique index still refuses a racing duplicate).
 */
export async function writePlannedSplit(tx: Tx, plan: PlannedSplit) {
  const basis = await splitBasis(tx, plan.orderId);
  if (basis !== plan.basis) return splitPaidOrder(tx, plan.orderId);
  if (plan.parcels.length === 0) return [];
  const first = Number(basis.split("/")[0].split(":")[1]) + 1;
  const now = new Date();
  const created = plan.parcels.map((_, i) => ({ id: crypto.randomUUID(), seq: first + i }));
  await insertRows(
    tx,
    "Parcel",
    plan.parcels.map((p, i) => ({ id: created[i].id, orderId: plan.orderId, seq: created[i].seq, coopId: p.coopId, source: p.source, ...p.address, status: "PENDING", createdAt: now })),
  );
  await insertRows(
    tx,
    "ParcelItem",
    plan.parcels.flatMap((p, i) => p.items.map((item) => ({ id: crypto.randomUUID(), parcelId: created[i].id, orderLineId: item.orderLineId, quantity: item.quantity }))),
  );
  return created;
}

/**
 * Takes units of a line off a parcel that has not left (a refund before shipping): the item
 * shrinks or goes, and a parcel left empty is cancelled. Returns false when the parcel has shipped
 * meanwhile (then the goods are on their way and only the money comes back).
 */
export async function takeOffParcel(tx: Tx, input: { parcelId: string; orderLineId: string; quantity: number }) {
  const parcel = await tx.parcel.findUniqueOrThrow({ where: { id: input.parcelId }, select: { status: true } });
  if (parcel.status !== "PENDING") return false;
  const { count } = await tx.parcelItem.updateMany({
    where: { parcelId: input.parcelId, orderLineId: input.orderLineId, quantity: { gte: input.quantity } },
    data: { quantity: { decrement: input.quantity } },
  });
  if (count !== 1) return false;
  await tx.parcelItem.deleteMany({ where: { parcelId: input.parcelId, quantity: { lte: 0 } } });
  if ((await tx.parcelItem.count({ where: { parcelId: input.parcelId } })) === 0) {
    await tx.parcel.updateMany({ where: { id: input.parcelId, status: "PENDING" }, data: { status: "CANCELLED" } });
  }
  return true;
}
