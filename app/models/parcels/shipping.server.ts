// Shipping parcels and confirming receipt. A parcel moves PENDING → SHIPPED → DELIVERED by guarded
// updates (of two racing clicks one wins); the order follows through transition(): SHIPPED once
// every unit is in a shipped parcel, DELIVERED once every parcel is received.
import { prisma, type Tx } from "~/db.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors";
import { queueEmail } from "~/lib/outbox.server";
import { OPEN_AFTER_SALES } from "~/models/after-sales/status";
import { transition } from "~/models/orders/order.server";
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

/**
 * The buyer hears that a parcel left. One function so that other channels (SMS) can be added
 * beside the e-mail; it runs in the shipping transaction, like every outbox message.
 */
export async function notifyParcelShipped(
  tx: Tx,
  parcel: { code: string; courier: string; trackingNumber: string; coopName: string; buyer: { email: string; name: string }; recipient: string; mobile: string },
) {
  await queueEmail(tx, {
    to: parcel.buyer.email,
    subject: `包裹 ${parcel.code} 已发货`,
    body: `${parcel.buyer.name}，您好：\n${parcel.coopName}已将包裹 ${parcel.code}（收件人 ${parcel.recipient}）交由${parcel.courier}发出，运单号 ${parcel.trackingNumber}。\n收到货后请在订单页确认收货；如有问题可申请售后。`,
  });
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
            recipient: true,
            mobile: true,
            coop: { select: { name: true } },
            order: { select: { id: true, number: true, status: true, buyer: { select: { email: true, name: true } } } },
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
        await notifyParcelShipped(tx, { code, courier: p.courier, trackingNumber: p.trackingNumber, coopName: parcel.coop.name, buyer: parcel.order.buyer, recipient: parcel.recipient, mobile: parcel.mobile });
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
