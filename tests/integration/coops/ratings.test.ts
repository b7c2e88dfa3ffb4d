// Buyers rate the co-op of a parcel only once they have received it, once per parcel; the average
// shows on the product page.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { rateParcel, ratingSummaries } from "~/models/coops/rating.server";
import { confirmReceipt, shipParcel } from "~/models/parcels/shipping.server";
import * as productPage from "~/routes/products.$slug";
import { makePaidOrder, makeUser } from "../../factories";
import { routeArgs } from "../../requests";
import { ADDRESS, threeCoops } from "../../support/parcels";

describe("co-op ratings", () => {
  it("only after receipt, only by the buyer, once per parcel", async () => {
    const s = await threeCoops();
    const order = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 1 }] });
    const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id } });
    await expect(rateParcel({ parcelId: parcel.id, buyerId: s.buyer.id, score: 5, comment: "好" })).rejects.toThrow("确认收货后才能评价");
    await shipParcel({ coopId: s.coops[0].id, actorId: s.managers[0].id, parcelId: parcel.id, courier: "顺丰", trackingNumber: "SF1234567890123" });
    await expect(rateParcel({ parcelId: parcel.id, buyerId: s.buyer.id, score: 5, comment: "好" })).rejects.toThrow("确认收货后才能评价");
    await confirmReceipt({ parcelId: parcel.id, buyerId: s.buyer.id });
    const stranger = await makeUser(prisma);
    await expect(rateParcel({ parcelId: parcel.id, buyerId: stranger.id, score: 1, comment: "差" })).rejects.toMatchObject({ status: 404 });
    await expect(rateParcel({ parcelId: parcel.id, buyerId: s.buyer.id, score: 6, comment: "" })).rejects.toThrow("请选择 1–5 星");
    await rateParcel({ parcelId: parcel.id, buyerId: s.buyer.id, score: 4, comment: "苹果很甜，包装稍有压痕" });
    await expect(rateParcel({ parcelId: parcel.id, buyerId: s.buyer.id, score: 5, comment: "" })).rejects.toThrow("已经评价过了");
    expect(await ratingSummaries([s.coops[0].id])).toEqual({ [s.coops[0].id]: { average: 4, count: 1 } });

    const response = await productPage.loader(routeArgs(`/products/${s.products[0].slug}`, { params: { slug: s.products[0].slug } }));
    const data = (await response.json()) as { rating: { average: number; count: number }; reviews: { comment: string; buyer: string }[] };
    expect(data.rating).toEqual({ average: 4, count: 1 });
    expect(data.reviews[0]).toMatchObject({ comment: "苹果很甜，包装稍有压痕", buyer: "测**" });
  });
});
