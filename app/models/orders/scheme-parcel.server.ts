import type { Tx } from "~/db.server";
import { transition } from "~/models/orders/order.server";
import { notifyParcelShipped } from "~/models/orders/shipping-notice.server";

// The seam where a scheme's goods (a tree's harvest share, a filled pre-order) become a parcel.
// Today a parcel is a Shipment row on the order; when per-co-op parcels (/coop/orders) land, this
// is the one function to move onto them.

export interface ParcelInput {
  orderId: string;
  address: { recipient: string; mobile: string; province: string; city: string; district: string; street: string };
  label: string;
  quantity: number;
  courier: string;
  trackingNumber: string;
  actorId: string;
}

/** Records a shipped parcel; the order's first parcel moves it to SHIPPED. Returns the shipment id. */
export async function shipSchemeParcel(tx: Tx, input: ParcelInput): Promise<string> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: input.orderId },
    select: { status: true },
  });
  const shipment = await tx.shipment.create({
    data: {
      orderId: input.orderId,
      ...input.address,
      packageLabel: input.label,
      quantity: input.quantity,
      courier: input.courier,
      trackingNumber: input.trackingNumber,
      status: "SHIPPED",
      shippedAt: new Date(),
    },
    select: { id: true },
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
  return shipment.id;
}
