// After-sales: the request's states, the money (refundOrder: hold → Stripe → record), the ledger
// reversal and, for returned goods, the stock; bounds on quantity, window and photos.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  acceptRequest,
  amountForUnits,
  confirmReturnReceived,
  createAfterSalesRequest,
  decideEscalated,
  escalateRequest,
  markReturnShipped,
  refuseRequest,
} from "~/models/after-sales/request.server";
import { confirmReceipt, shipParcels } from "~/models/parcels/shipping.server";
import { makePaidOrder } from "../../factories";
import { ADDRESS, threeCoops } from "../../support/parcels";
import { startFakeStripe, type FakeStripe } from "../../support/fake-stripe";

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: "whsec_after_sales" });
  process.env.STRIPE_SECRET_KEY = "sk_test_after_sales";
  process.env.STRIPE_API_BASE = stripe.base;
});
afterAll(async () => {
  await stripe.close();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_BASE;
});

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const DAY = 86_400_000;

/** A shipped order: 3 × ¥33.33 from co-op A and 1 × ¥50.00 from co-op B, paid as `method`. */
async function shipped(method: "TEST" | "CARD" | "BANK_TRANSFER" = "TEST") {
  const s = await threeCoops({ stock: 10 });
  const order = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, paymentMethod: method, shippingFen: 1000, lines: [{ variantId: s.variants[0].id, quantity: 3 }, { variantId: s.variants[1].id, quantity: 1 }] });
  await prisma.variant.updateMany({ where: { id: { in: s.variants.map((v) => v.id) } }, data: { stock: 10 } });
  const parcels = await prisma.parcel.findMany({ where: { orderId: order.id }, include: { items: true } });
  await shipParcels({ coopId: null, actorId: s.staff.id, parcels: parcels.map((p, i) => ({ parcelId: p.id, courier: "顺丰", trackingNumber: `SF12345678900${i}` })) });
  const parcelA = parcels.find((p) => p.coopId === s.coops[0].id)!;
  const parcelB = parcels.find((p) => p.coopId === s.coops[1].id)!;
  const lineA = order.lines.find((l) => l.variantId === s.variants[0].id)!;
  const lineB = order.lines.find((l) => l.variantId === s.variants[1].id)!;
  return { ...s, order, parcelA, parcelB, lineA, lineB };
}

const coopLedger = async (orderLineId: string) => (await prisma.attributionEntry.aggregate({ where: { orderLineId, level: "COOP" }, _sum: { amountFen: true } }))._sum.amountFen;
const status = async (id: string) => (await prisma.afterSalesRequest.findUniqueOrThrow({ where: { id } })).status;
const stock = async (variantId: string) => (await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).stock;

describe("after-sales requests", () => {
  it("refund only: the co-op accepts, the money goes back, the ledger is reversed for that amount, stock stays; the last units close the line to the fen", async () => {
    const s = await shipped();
    const first = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 2, reason: "压坏了两个", photos: [{ name: "a.jpg", bytes: JPEG }] });
    expect(first.amountFen).toBe(6666); // 2/3 of ¥99.99
    expect(await prisma.outboxMessage.count({ where: { to: s.managers[0].email, subject: { contains: "售后申请" } } })).toBe(1);
    // another co-op cannot decide it
    await expect(acceptRequest({ requestId: first.id, coopId: s.coops[1].id, actorId: s.managers[1].id })).rejects.toThrow("没有这个售后申请");
    await acceptRequest({ requestId: first.id, coopId: s.coops[0].id, actorId: s.managers[0].id });
    await expect(acceptRequest({ requestId: first.id, coopId: s.coops[0].id, actorId: s.managers[0].id })).rejects.toThrow(/状态已变化/);

    const request = await prisma.afterSalesRequest.findUniqueOrThrow({ where: { id: first.id }, include: { refund: true } });
    expect(request).toMatchObject({ status: "REFUNDED", refund: { amountFen: 6666, orderLineId: s.lineA.id, providerRef: expect.stringMatching(/^test_refund_/) } });
    expect(await coopLedger(s.lineA.id)).toBe(9999 - 6666);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: s.order.id } });
    expect(order).toMatchObject({ status: "PARTLY_REFUNDED", refundedFen: 6666 });
    expect(await stock(s.variants[0].id)).toBe(10);

    await expect(createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 2, reason: "还有", photos: [] })).rejects.toThrow("最多可申请 1 件");
    const last = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 1, reason: "最后一个也坏了", photos: [] });
    expect(last.amountFen).toBe(3333);
    await acceptRequest({ requestId: last.id, coopId: s.coops[0].id, actorId: s.managers[0].id });
    expect(await coopLedger(s.lineA.id)).toBe(0);
    await expect(createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 1, reason: "再来", photos: [] })).rejects.toThrow("已全部申请过售后");
  });

  it("return and refund: accept → the buyer sends it back → the co-op confirms, refunds and the units go back in stock", async () => {
    const s = await shipped();
    const r = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelB.id, orderLineId: s.lineB.id, kind: "RETURN_AND_REFUND", quantity: 1, reason: "与描述不符", photos: [{ name: "b.png", bytes: PNG }] });
    await expect(confirmReturnReceived({ requestId: r.id, coopId: s.coops[1].id, actorId: s.managers[1].id })).rejects.toThrow("买家尚未寄回商品");
    await acceptRequest({ requestId: r.id, coopId: s.coops[1].id, actorId: s.managers[1].id });
    expect(await status(r.id)).toBe("AWAITING_RETURN");
    expect(await coopLedger(s.lineB.id)).toBe(5000);
    await expect(markReturnShipped({ requestId: r.id, buyerId: s.managers[0].id, courier: "顺丰", trackingNumber: "SF1234567890999" })).rejects.toThrow("没有这个售后申请");
    await markReturnShipped({ requestId: r.id, buyerId: s.buyer.id, courier: "顺丰", trackingNumber: "SF1234567890999" });
    expect(await status(r.id)).toBe("RETURN_SHIPPED");
    await confirmReturnReceived({ requestId: r.id, coopId: s.coops[1].id, actorId: s.managers[1].id });
    expect(await status(r.id)).toBe("REFUNDED");
    expect(await coopLedger(s.lineB.id)).toBe(0);
    expect(await stock(s.variants[1].id)).toBe(11);
    const events = await prisma.afterSalesEvent.findMany({ where: { requestId: r.id }, orderBy: { createdAt: "asc" }, select: { toStatus: true } });
    expect(events.map((e) => e.toStatus)).toEqual(["REQUESTED", "AWAITING_RETURN", "RETURN_SHIPPED", "REFUNDING", "REFUNDED"]);
  });

  it("refused → escalated → staff decide: supporting the buyer refunds; refusing closes it for good", async () => {
    const s = await shipped();
    const a = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 1, reason: "不新鲜", photos: [] });
    const b = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelB.id, orderLineId: s.lineB.id, kind: "REFUND_ONLY", quantity: 1, reason: "不喜欢", photos: [] });
    await expect(escalateRequest({ requestId: a.id, buyerId: s.buyer.id, note: "太慢" })).rejects.toThrow(/状态已变化/);
    await refuseRequest({ requestId: a.id, coopId: s.coops[0].id, actorId: s.managers[0].id, reason: "照片看不出问题" });
    await refuseRequest({ requestId: b.id, coopId: s.coops[1].id, actorId: s.managers[1].id, reason: "不是质量问题" });
    expect(await prisma.outboxMessage.count({ where: { to: s.buyer.email, subject: { contains: "售后申请未通过" } } })).toBe(2);
    await escalateRequest({ requestId: a.id, buyerId: s.buyer.id, note: "收到时已经发霉" });
    await escalateRequest({ requestId: b.id, buyerId: s.buyer.id, note: "我就是不喜欢" });
    await decideEscalated({ requestId: a.id, staffId: s.staff.id, accept: true, note: "照片可见霉点" });
    await decideEscalated({ requestId: b.id, staffId: s.staff.id, accept: false, note: "非质量问题，不支持" });
    expect(await status(a.id)).toBe("REFUNDED");
    expect(await status(b.id)).toBe("CLOSED");
    expect(await coopLedger(s.lineA.id)).toBe(9999 - 3333);
    expect(await coopLedger(s.lineB.id)).toBe(5000);
    await expect(decideEscalated({ requestId: b.id, staffId: s.staff.id, accept: true, note: "改判" })).rejects.toThrow(/平台介入/);
  });

  it("card orders refund through Stripe; when Stripe refuses, the request goes back and nothing is half-saved", async () => {
    const s = await shipped("CARD");
    const r = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelB.id, orderLineId: s.lineB.id, kind: "REFUND_ONLY", quantity: 1, reason: "破损", photos: [] });
    stripe.failRefunds(true);
    await expect(acceptRequest({ requestId: r.id, coopId: s.coops[1].id, actorId: s.managers[1].id })).rejects.toThrow(/退款失败/);
    stripe.failRefunds(false);
    expect(await status(r.id)).toBe("REQUESTED");
    expect(await prisma.refund.count({ where: { orderId: s.order.id } })).toBe(0);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: s.order.id } })).refundedFen).toBe(0);
    expect(await coopLedger(s.lineB.id)).toBe(5000);

    await acceptRequest({ requestId: r.id, coopId: s.coops[1].id, actorId: s.managers[1].id });
    const sent = stripe.requests.filter((q) => q.path === "/v1/refunds" && q.params.payment_intent === `pi_${s.order.id}`);
    expect(sent.map((q) => q.params.amount)).toEqual(["5000", "5000"]);
    expect((await prisma.afterSalesRequest.findUniqueOrThrow({ where: { id: r.id }, include: { refund: true } })).refund?.providerRef).toMatch(/^re_/);
  });

  it("bank-transfer orders record a bank refund for staff to send back", async () => {
    const s = await shipped("BANK_TRANSFER");
    const r = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelB.id, orderLineId: s.lineB.id, kind: "REFUND_ONLY", quantity: 1, reason: "破损", photos: [] });
    await acceptRequest({ requestId: r.id, coopId: s.coops[1].id, actorId: s.managers[1].id });
    expect((await prisma.refund.findFirstOrThrow({ where: { orderId: s.order.id } })).providerRef).toMatch(/^bank_refund_/);
  });

  it("refuses more than was bought, unshipped parcels, requests after the window, and files that are not photos — saving nothing", async () => {
    const s = await shipped();
    const files = () => {
      const dir = path.join(process.env.UPLOADS_DIR!, "after-sales");
      return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes(".")).length : 0;
    };
    const before = files();
    const ask = (o: Partial<Parameters<typeof createAfterSalesRequest>[0]>) =>
      createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 1, reason: "坏了", photos: [], ...o });
    await expect(ask({ quantity: 4 })).rejects.toMatchObject({ message: "最多可申请 3 件", field: "quantity" });
    await expect(ask({ orderLineId: s.lineB.id })).rejects.toMatchObject({ status: 404 }); // line B is not in parcel A
    await expect(ask({ buyerId: s.managers[0].id })).rejects.toMatchObject({ status: 404 });
    await expect(ask({ photos: [{ name: "x.jpg", bytes: new TextEncoder().encode("<html>not a photo</html>") }] })).rejects.toMatchObject({ field: "photos", message: expect.stringContaining("不是 JPEG、PNG 或 WebP 图片") });
    await expect(ask({ photos: [1, 2, 3, 4].map((i) => ({ name: `${i}.jpg`, bytes: JPEG })) })).rejects.toThrow("最多上传 3 张照片");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(JPEG);
    await expect(ask({ photos: [{ name: "big.jpg", bytes: big }] })).rejects.toThrow(/超过 5 MB/);
    expect(await prisma.afterSalesRequest.count({ where: { orderId: s.order.id } })).toBe(0);
    expect(files()).toBe(before);

    // received 8 days ago: past the 7-day window
    await confirmReceipt({ parcelId: s.parcelA.id, buyerId: s.buyer.id, now: new Date(Date.now() - 8 * DAY) });
    await expect(ask({})).rejects.toThrow(/已超过售后期限/);

    // a parcel not yet shipped: nothing to send back
    const pending = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[2].id, quantity: 1 }] });
    const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: pending.id } });
    await expect(ask({ parcelId: parcel.id, orderLineId: pending.lines[0].id, kind: "RETURN_AND_REFUND" })).rejects.toMatchObject({ field: "kind", message: expect.stringContaining("无需退货") });
  });

  it("refund only before shipping: the units come off the parcel and back on sale; the rest ships and the order follows", async () => {
    const s = await threeCoops({ stock: 10 });
    const order = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 3 }, { variantId: s.variants[1].id, quantity: 1 }] });
    await prisma.variant.updateMany({ where: { id: { in: s.variants.map((v) => v.id) } }, data: { stock: 10 } });
    const parcelA = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id, coopId: s.coops[0].id } });
    const parcelB = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id, coopId: s.coops[1].id } });
    const lineA = order.lines.find((l) => l.variantId === s.variants[0].id)!;
    const lineB = order.lines.find((l) => l.variantId === s.variants[1].id)!;

    const some = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: parcelA.id, orderLineId: lineA.id, kind: "REFUND_ONLY", quantity: 1, reason: "买多了", photos: [] });
    await acceptRequest({ requestId: some.id, coopId: s.coops[0].id, actorId: s.managers[0].id });
    expect(await prisma.parcelItem.findFirstOrThrow({ where: { parcelId: parcelA.id } })).toMatchObject({ quantity: 2 });
    expect(await stock(s.variants[0].id)).toBe(11);
    expect(await coopLedger(lineA.id)).toBe(9999 - 3333);
    // the two left can still be asked about, not three
    await expect(createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: parcelA.id, orderLineId: lineA.id, kind: "REFUND_ONLY", quantity: 3, reason: "都不要了", photos: [] })).rejects.toThrow("最多可申请 2 件");

    const all = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: parcelB.id, orderLineId: lineB.id, kind: "REFUND_ONLY", quantity: 1, reason: "不要了", photos: [] });
    await acceptRequest({ requestId: all.id, coopId: s.coops[1].id, actorId: s.managers[1].id });
    expect((await prisma.parcel.findUniqueOrThrow({ where: { id: parcelB.id } })).status).toBe("CANCELLED");
    expect(await stock(s.variants[1].id)).toBe(11);

    await shipParcels({ coopId: s.coops[0].id, actorId: s.managers[0].id, parcels: [{ parcelId: parcelA.id, courier: "顺丰", trackingNumber: "SF1234567890555" }] });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SHIPPED");
  });

  it("two clicks on accept refund once", async () => {
    const s = await shipped();
    const r = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: s.parcelA.id, orderLineId: s.lineA.id, kind: "REFUND_ONLY", quantity: 3, reason: "整箱坏了", photos: [] });
    const results = await Promise.allSettled([1, 2].map(() => acceptRequest({ requestId: r.id, coopId: s.coops[0].id, actorId: s.managers[0].id })));
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.refund.count({ where: { orderId: s.order.id } })).toBe(1);
    expect(await coopLedger(s.lineA.id)).toBe(0);
  });

  it("splits amounts so that requests covering a line add up to it", () => {
    const line = { quantity: 7, lineTotalFen: 10000 };
    const a = amountForUnits(line, { quantity: 0, amountFen: 0 }, 3);
    const b = amountForUnits(line, { quantity: 3, amountFen: a }, 3);
    const c = amountForUnits(line, { quantity: 6, amountFen: a + b }, 1);
    expect([a, b, c]).toEqual([4285, 4285, 1430]);
    expect(a + b + c).toBe(10000);
  });
});
