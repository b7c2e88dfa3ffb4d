import type { Tx } from "~/db.server";
import { transition } from "~/models/orders/order.server";
import { notifyParcelShipped } from "~/models/orders/shipping-notice.server";
import { createParcels } from "~/models/parcels/split.server";

// The seam where a scheme's goods (one part of a tree's harvest share, a filled pre-order) become a
// parcel of the co-op's (decision 0011). They are not split at payment — a tree's share leaves in
// parts on dates the adopter chose, a pre-order only once the harvest is in, a tour never — so the
// co-op ships each as it goes: the parcel is created already shipped, with its courier and number.

export interface ParcelInput {
  orderId: string;
  /** The order line the parcel carries (a tree's own line); the order's first line when omitted. */
  orderLineId?: string;
  address: { recipient: string; mobile: string; province: string; city: string; district: string; street: string };
  label: string;
  quantity: number;
  courier: string;
  trackingNumber: string;
  actorId: string;
}

/** Records a shipped parcel; the order's first parcel moves it to SHIPPED. Returns the parcel id. */
export async function shipSchemeParcel(tx: Tx, input: ParcelInput): Promise<string> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: input.orderId },
    select: { status: true, lines: { where: input.orderLineId ? { id: input.orderLineId } : {}, orderBy: { id: "asc" }, take: 1, select: { id: true, product: { select: { coopId: true } } } } },
  });
  const line = order.lines[0];
  const [parcel] = await createParcels(tx, input.orderId, [
    { coopId: line.product.coopId, source: "ORDER", address: input.address, items: [{ orderLineId: line.id, quantity: input.quantity }] },
  ]);
  await tx.parcel.update({
    where: { id: parcel.id },
    data: { status: "SHIPPED", courier: input.courier, trackingNumber: input.trackingNumber, shippedAt: new Date(), shippedById: input.actorId },
  });
  if (order.status === "PAID" || order.status === "PARTLY_REFUNDED") {
    await transition(tx, { orderId: input.orderId, from: order.status, to: "SHIPPED", actorId: input.actorId, note: `${input.label}：${input.courier} ${input.trackingNumber}` });
  }
  // the buyer's shipping notice, and an SMS to the parcel's recipient (a gift's, too)
  await notifyParcelShipped(tx, {
    orderId: input.orderId,
    courier: input.courier,
    trackingNumber: input.trackingNumber,
    mobile: input.address.mobile,
    contents: `${input.label} → ${input.address.recipient}（${input.address.city}${input.address.district}）`,
  });
  return parcel.id;
}
