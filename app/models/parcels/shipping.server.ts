// Shipping parcels and confirming receipt. A parcel moves PENDING → SHIPPED → DELIVERED by guarded
// updates (of two racing clicks one wins); the order follows through transition(): SHIPPED once
// every unit is in a shipped parcel, DELIVERED once every parcel is received.
import { prisma, type Tx } from "~/db.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors";
import { OPEN_AFTER_SALES } from "~/models/after-sales/status";
import { transition } from "~/models/orders/order.server";
import { notifyParcelShipped } from "~/models/orders/shipping-notice.server";
import { canTransition, SHIPPABLE_STATUSES, type OrderStatus } from "~/models/orders/status";
import { allocation } from "~/models/parcels/split.server";
import { AUTO_RECEIPT_DAYS, parcelCode } from "~/models/parcels/status";

export class ParcelError extends DomainError {}

/** Moves the order to SHIPPED / DELIVERED when its parcels say so; otherwise leaves it. */
export async function syncOrderStatus(tx: Tx, orderId: string, actorId: string | null) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
  if (!["PAID", "PARTLY_REFUNDED", "SHIPPED"].includes(order.status)) return;
  const parcels = await tx.parcel.findMany({ where: { orderId, status: { not: "CANCELLED" } }, select: { status: true } });
  if (parcels.length === 0) return;
  // Units still waiting for a recipient or held by an unredeemed gift code have not shipped.
  if ((await allocation(tx, orderId)).some((l) => l.available > 0 || l.inCodes > 0)) return;
  const target: OrderStatus | null = parcels.every((p) => p.status === "DELIVERED")
    ? "DELIVERED"
    : parcels.every((p) => p.status === "SHIPPED" || p.status === "DELIVERED")
      ? "SHIPPED"
      : null;
  if (!target || target === order.status) return;
  let from = order.status as OrderStatus;
  if (target === "DELIVERED" && from === "PAID") {
    await transition(tx, { orderId, from, to: "SHIPPED", actorId, note: "全部包裹已发货" });
    from = "SHIPPED";
  }
  if (!canTransition(from, target)) return;
  await transition(tx, { orderId, from, to: target, actorId, note: target === "SHIPPED" ? "全部包裹已发货" : "全部包裹已收货" });
}

export interface ShipInput {
  parcelId: string;
  courier: string;
  trackingNumber: string;
}

/** Ships parcels in one transaction (all or none). `coopId` null: staff shipping on a co-op's behalf. */
export async function shipParcels(input: { coopId: string | null; actorId: string; parcels: ShipInput[]; now?: Date }) {
  const now = input.now ?? new Date();
  return prisma.$transaction(
    async (tx) => {
      const touched = new Set<string>();
      for (const p of input.parcels) {
        const parcel = await tx.parcel.findFirst({
          where: { id: p.parcelId, ...(input.coopId ? { coopId: input.coopId } : {}) },
          select: {
            id: true,
            seq: true,
            status: true,
            mobile: true,
            items: { select: { quantity: true, orderLine: { select: { productName: true, variantName: true } } } },
            order: { select: { id: true, number: true, status: true } },
          },
        });
        if (!parcel) throw new NotFoundError("没有这个包裹");
        const code = parcelCode(parcel.order.number, parcel.seq);
        if (!SHIPPABLE_STATUSES.includes(parcel.order.status as OrderStatus)) throw new ParcelError(`包裹 ${code} 的订单未付款或已退款，不能发货`);
        const { count } = await tx.parcel.updateMany({
          where: { id: parcel.id, status: "PENDING" },
          data: { status: "SHIPPED", courier: p.courier, trackingNumber: p.trackingNumber, shippedAt: now, shippedById: input.actorId },
        });
        if (count !== 1) throw new ConflictError(`包裹 ${code} 已发货或已取消`);
        // One notice per parcel: the buyer by e-mail, the parcel's recipient by SMS (as the buyer chose).
        const contents = parcel.items.map((i) => `${i.orderLine.productName}（${i.orderLine.variantName}）×${i.quantity}`).join("、");
        await notifyParcelShipped(tx, { orderId: parcel.order.id, courier: p.courier, trackingNumber: p.trackingNumber, mobile: parcel.mobile, contents: `包裹 ${code}：${contents}` });
        touched.add(parcel.order.id);
      }
      for (const orderId of touched) await syncOrderStatus(tx, orderId, input.actorId);
      return input.parcels.length;
    },
    { timeout: 30_000 },
  );
}

export async function shipParcel(input: { coopId: string | null; actorId: string } & ShipInput) {
  return shipParcels({ coopId: input.coopId, actorId: input.actorId, parcels: [input] });
}

/** The buyer confirms receipt of a shipped parcel (确认收货). */
export async function confirmReceipt(input: { parcelId: string; buyerId: string; now?: Date }) {
  return prisma.$transaction(async (tx) => {
    const parcel = await tx.parcel.findFirst({ where: { id: input.parcelId, order: { buyerId: input.buyerId } }, select: { id: true, orderId: true, status: true } });
    if (!parcel) throw new NotFoundError("没有这个包裹");
    const { count } = await tx.parcel.updateMany({
      where: { id: parcel.id, status: "SHIPPED" },
      data: { status: "DELIVERED", deliveredAt: input.now ?? new Date(), receivedBy: "BUYER" },
    });
    if (count !== 1) throw new ConflictError(parcel.status === "DELIVERED" ? "已确认收货" : "包裹尚未发货");
    await syncOrderStatus(tx, parcel.orderId, input.buyerId);
  });
}

/**
 * Receipt confirmed for the buyer AUTO_RECEIPT_DAYS after shipping, unless an after-sales request
 * about the parcel is still open (a complaint). Run by the sweeper; each parcel in its own
 * transaction, so one failure does not hold back the rest.
 */
export async function confirmOverdueReceipts(now = new Date()) {
  const before = new Date(now.getTime() - AUTO_RECEIPT_DAYS * 86_400_000);
  const due = await prisma.parcel.findMany({
    where: { status: "SHIPPED", shippedAt: { lt: before }, afterSales: { none: { status: { in: [...OPEN_AFTER_SALES] } } } },
    select: { id: true, orderId: true },
    orderBy: { shippedAt: "asc" },
    take: 500,
  });
  let confirmed = 0;
  for (const parcel of due) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.parcel.updateMany({
        where: { id: parcel.id, status: "SHIPPED", afterSales: { none: { status: { in: [...OPEN_AFTER_SALES] } } } },
        data: { status: "DELIVERED", deliveredAt: now, receivedBy: "AUTO" },
      });
      if (count === 1) {
        confirmed += 1;
        await syncOrderStatus(tx, parcel.orderId, null);
      }
    });
  }
  return confirmed;
}
