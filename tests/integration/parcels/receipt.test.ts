// Receipt: the buyer confirms, or the sweeper does AUTO_RECEIPT_DAYS after shipping — unless the
// buyer has complained (an open after-sales request).
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createAfterSalesRequest } from "~/models/after-sales/request.server";
import { confirmOverdueReceipts, shipParcels } from "~/models/parcels/shipping.server";
import { AUTO_RECEIPT_DAYS } from "~/models/parcels/status";
import { makePaidOrder } from "../../factories";
import { ADDRESS, threeCoops } from "../../support/parcels";

const DAY = 86_400_000;

describe("automatic receipt", () => {
  it("confirms parcels shipped more than 10 days ago without a complaint, and moves the order on", async () => {
    const s = await threeCoops();
    const order = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 2 }, { variantId: s.variants[1].id, quantity: 1 }] });
    const [a, b] = await prisma.parcel.findMany({ where: { orderId: order.id }, orderBy: { seq: "asc" } });
    const shippedAt = new Date(Date.now() - 20 * DAY);
    await shipParcels({ coopId: null, actorId: s.staff.id, now: shippedAt, parcels: [{ parcelId: a.id, courier: "顺丰", trackingNumber: "SF1234567890001" }, { parcelId: b.id, courier: "顺丰", trackingNumber: "SF1234567890002" }] });
    // a complaint about b holds it back
    await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: b.id, orderLineId: order.lines.find((l) => l.variantId === s.variants[1].id)!.id, kind: "REFUND_ONLY", quantity: 1, reason: "少了一盒", photos: [] });

    const now = new Date();
    expect(await confirmOverdueReceipts(new Date(shippedAt.getTime() + (AUTO_RECEIPT_DAYS - 1) * DAY))).toBe(0);
    expect(await confirmOverdueReceipts(now)).toBe(1);
    expect(await confirmOverdueReceipts(now)).toBe(0);
    const after = await prisma.parcel.findMany({ where: { orderId: order.id }, orderBy: { seq: "asc" }, select: { status: true, receivedBy: true } });
    expect(after).toEqual([{ status: "DELIVERED", receivedBy: "AUTO" }, { status: "SHIPPED", receivedBy: null }]);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SHIPPED");

    // the complaint is closed (refused, not escalated): b is confirmed on the next sweep and the order is delivered
    await prisma.afterSalesRequest.updateMany({ where: { parcelId: b.id }, data: { status: "REFUSED" } });
    expect(await confirmOverdueReceipts(now)).toBe(1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("DELIVERED");
    const events = await prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" }, select: { toStatus: true, actorId: true } });
    expect(events.at(-1)).toEqual({ toStatus: "DELIVERED", actorId: null });
  });
});
