import { prisma } from "~/db.server";
import { addressSelect } from "~/models/addresses/address.schema";
import { OrderStateError, transition } from "~/models/orders/order.server";
import type { OrderStatus } from "~/models/orders/status";
import { notifyParcelShipped } from "~/models/orders/shipping-notice.server";

// Shipping an order (staff): a Shipment with courier and tracking number, the SHIPPED transition
// and the shipping notice (e-mail and SMS), all in one transaction. Then delivered.

export async function shipOrder(input: { orderId: string; staffId: string; courier: string; trackingNumber: string }) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({
      where: { id: input.orderId },
      select: {
        number: true,
        status: true,
        ...addressSelect,
        _count: { select: { shipments: true } },
      },
    });
    // A partly refunded order may still be waiting to ship — but only once.
    if (order._count.shipments > 0) throw new OrderStateError("订单已发货");
    await transition(tx, {
      orderId: input.orderId,
      from: order.status as OrderStatus,
      to: "SHIPPED",
      actorId: input.staffId,
      note: `${input.courier} ${input.trackingNumber}`,
    });
    await tx.shipment.create({
      data: {
        orderId: input.orderId,
        recipient: order.recipient ?? "",
        mobile: order.mobile ?? "",
        province: order.province ?? "",
        city: order.city ?? "",
        district: order.district ?? "",
        street: order.street ?? "",
        courier: input.courier,
        trackingNumber: input.trackingNumber,
        status: "SHIPPED",
        shippedAt: new Date(),
      },
    });
    await notifyParcelShipped(tx, { orderId: input.orderId, courier: input.courier, trackingNumber: input.trackingNumber, mobile: order.mobile });
  });
}

/** Delivered: from SHIPPED, or from PARTLY_REFUNDED when the parcel is on its way. */
export async function markDelivered(input: { orderId: string; staffId: string }) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.shipment.updateMany({
      where: { orderId: input.orderId, status: "SHIPPED" },
      data: { status: "DELIVERED", deliveredAt: new Date() },
    });
    if (count === 0) throw new OrderStateError("订单尚未发货");
    await transition(tx, { orderId: input.orderId, from: ["SHIPPED", "PARTLY_REFUNDED"], to: "DELIVERED", actorId: input.staffId, note: "已签收" });
  });
}
