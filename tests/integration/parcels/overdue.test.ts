// Staff see the parcels of paid orders not shipped within 48 hours of payment, oldest first.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { shipParcel } from "~/models/parcels/shipping.server";
import { overdueParcels } from "~/models/parcels/view.server";
import { makePaidOrder } from "../../factories";
import { ADDRESS, threeCoops } from "../../support/parcels";

const HOUR = 3_600_000;

describe("parcels not shipped in time", () => {
  it("lists parcels paid more than 48 hours ago and still waiting, and drops them once shipped", async () => {
    const s = await threeCoops();
    const now = new Date("2026-12-10T04:00:00Z");
    const at = (hours: number) => new Date(now.getTime() - hours * HOUR);
    const late = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt: at(72), lines: [{ variantId: s.variants[0].id, quantity: 1 }, { variantId: s.variants[1].id, quantity: 1 }] });
    const later = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt: at(49), lines: [{ variantId: s.variants[2].id, quantity: 1 }] });
    await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paidAt: at(47), lines: [{ variantId: s.variants[2].id, quantity: 1 }] });
    // this file's database holds only these orders: the one paid 47 hours ago is not late yet
    const mine = async () => (await overdueParcels(now)).parcels;
    expect((await mine()).map((p) => p.orderNumber)).toEqual([late.number, late.number, later.number]);
    const first = (await mine())[0];
    await shipParcel({ coopId: null, actorId: s.staff.id, parcelId: first.id, courier: "韵达", trackingNumber: "4312345678901" });
    expect((await mine()).map((p) => p.id)).not.toContain(first.id);
  });
});
