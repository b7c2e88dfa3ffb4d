import type { Tx } from "~/db.server";
import { siteUrl } from "~/lib/public-origin.server";
import { notify } from "~/models/messages/outbox.server";

/** The page where the buyer follows an order: an organisation's, or the consumer's own. */
export function orderPageUrl(order: { number: string; organizationId: string | null }) {
  return siteUrl(order.organizationId ? `/org/orders/${order.number}` : `/orders/${order.number}`);
}

/**
 * A parcel of an order has left: the buyer gets an e-mail, and the parcel's recipient mobile an SMS
 * with the courier and tracking number, each if the buyer keeps that channel on for shipping notices
 * (both are on by default). Call it once per parcel, inside the transaction that records the parcel
 * as shipped, so the notice exists exactly when the shipment does.
 */
export async function notifyParcelShipped(tx: Tx, input: { orderId: string; courier: string; trackingNumber: string; mobile?: string | null; contents?: string | null }) {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: input.orderId },
    select: { number: true, buyerId: true, organizationId: true, mobile: true, buyer: { select: { name: true } } },
  });
  return notify(tx, {
    userId: order.buyerId,
    kind: "shipping",
    email: {
      subject: `订单 ${order.number} 已发货`,
      content: {
        greeting: `${order.buyer.name}，您好：`,
        paragraphs: [`您的订单 ${order.number} 已发货，请留意查收。`],
        facts: [["快递公司", input.courier], ["运单号", input.trackingNumber], ...(input.contents ? ([["包裹内容", input.contents]] as [string, string][]) : [])],
        action: { label: "查看物流进度", url: orderPageUrl(order) },
      },
    },
    sms: { template: "shipped", params: { order: order.number, courier: input.courier, tracking: input.trackingNumber }, to: input.mobile ?? order.mobile },
  });
}
