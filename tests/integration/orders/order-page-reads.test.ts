// The buyer's order page reads its parcels, invoices and impact receipt with raw statements
// (decision 0016, fourth pass: every paid order ends on that page, and its Prisma selects were about
// twenty statements through the query compiler). Each is held here to the Prisma read it replaced,
// on an order with two parcels, an after-sales request with photos, a rating, a blue invoice and
// its red reversal, an invoice request and household shares; another buyer's order must not leak.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { impactReceipt, orderImpactReceipt } from "~/models/impact/views.server";
import { orderInvoices, orderStateNow, stateSelect } from "~/models/invoices/invoice.server";
import { markOrderPaid, paymentView, placeOrder } from "~/models/orders/order.server";
import { orderParcels, parcelSelect } from "~/models/parcels/view.server";
import { makeCoop, makeHousehold, makeProduct, makeUser, makeWorld, setShare } from "../../factories";

async function paidOrderWithEverything() {
  const w = await makeWorld(prisma);
  const other = await makeCoop(prisma, { countyId: w.county.id });
  const a = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 10 }, { priceFen: 500, stock: 10 }] });
  const b = await makeProduct(prisma, { countyId: w.county.id, coopId: other.id, categoryId: w.category.id, variants: [{ priceFen: 800, stock: 10 }] });
  for (const [product, coopId, members] of [[a, w.coop.id, 3], [a, w.coop.id, 5], [b, other.id, 2]] as const) {
    const household = await makeHousehold(prisma, { countyId: w.county.id, coopId, members });
    await setShare(prisma, { productId: product.id, householdId: household.id, weight: 1 });
  }
  const buyer = await makeUser(prisma);
  const address = { recipient: "买家", mobile: "13800000000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五一北路 1 号" };
  const order = await placeOrder({
    buyerId: buyer.id,
    status: "PENDING_PAYMENT",
    lines: [{ variantId: a.variants[0].id, quantity: 2 }, { variantId: a.variants[1].id, quantity: 1 }, { variantId: b.variants[0].id, quantity: 3 }],
    shippingFen: 600,
    reservedUntil: new Date(Date.now() + 30 * 60_000),
    address,
  });
  await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `t_${order.id}`, amountFen: (await paymentView(order.id)).totalFen });
  const parcels = await prisma.parcel.findMany({ where: { orderId: order.id }, orderBy: { seq: "asc" }, include: { items: true } });
  expect(parcels).toHaveLength(2);
  const [first, second] = parcels;
  await prisma.parcel.update({ where: { id: second.id }, data: { status: "DELIVERED", courier: "SF", trackingNumber: "SF1234567890", shippedAt: new Date("2026-12-01T02:00:00Z"), deliveredAt: new Date("2026-12-02T03:00:00Z"), receivedBy: "BUYER" } });
  await prisma.coopRating.create({ data: { parcelId: second.id, coopId: second.coopId, buyerId: buyer.id, score: 4, comment: "包装好" } });
  const item = first.items[0];
  for (const [i, createdAt] of ["2026-12-02T05:00:00Z", "2026-12-02T04:00:00Z"].entries()) {
    const request = await prisma.afterSalesRequest.create({
      data: { orderId: order.id, parcelId: first.id, orderLineId: item.orderLineId, coopId: first.coopId, buyerId: buyer.id, kind: "REFUND_ONLY", quantity: 1, amountFen: 1200, reason: `破损${i}`, status: i ? "REFUSED" : "REQUESTED", refusalReason: i ? "已超时" : null, createdAt: new Date(createdAt) },
    });
    for (let n = 0; n < 2 - i; n++) await prisma.afterSalesPhoto.create({ data: { requestId: request.id, storageKey: `k/${request.id}/${n}`, contentType: "image/jpeg", bytes: 10, position: n } });
  }
  await prisma.invoiceRequest.create({ data: { orderId: order.id, requestedById: buyer.id, type: "PLAIN", titleKind: "ORGANIZATION", title: "某某单位工会", taxNumber: "91350100MA2XXXXXX1" } });
  const lines = await prisma.orderLine.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
  const blue = await prisma.invoice.create({
    data: { orderId: order.id, issuerCoopId: null, kind: "BLUE", status: "ISSUED", type: "PLAIN", title: "某某单位工会", amountFen: 2400, number: `BLUE-${order.id}`, issuedOn: "2026-12-02", pdfFile: "blue.pdf", createdById: buyer.id, createdAt: new Date("2026-12-02T06:00:00Z"), lines: { create: [{ orderLineId: lines[0].id, amountFen: 1800 }, { orderLineId: null, amountFen: 600 }] } },
  });
  await prisma.invoice.create({
    data: { orderId: order.id, issuerCoopId: other.id, kind: "RED", status: "PENDING", originalId: blue.id, type: "PLAIN", title: "某某单位工会", amountFen: 600, reason: "退款", createdById: buyer.id, createdAt: new Date("2026-12-02T07:00:00Z"), lines: { create: [{ orderLineId: lines[0].id, amountFen: 600 }] } },
  });
  const stranger = await makeUser(prisma);
  const foreign = await placeOrder({ buyerId: stranger.id, status: "PENDING_PAYMENT", lines: [{ variantId: b.variants[0].id, quantity: 1 }], shippingFen: 0, reservedUntil: new Date(Date.now() + 30 * 60_000), address });
  await markOrderPaid({ orderId: foreign.id, method: "TEST", provider: "test", providerRef: `t_${foreign.id}`, amountFen: (await paymentView(foreign.id)).totalFen });
  return { order, buyer, stranger, foreign, other };
}

const sortLines = <T extends { lines: { orderLineId: string | null; amountFen: number }[] }>(i: T) => ({ ...i, lines: [...i.lines].sort((x, y) => `${x.orderLineId}${x.amountFen}`.localeCompare(`${y.orderLineId}${y.amountFen}`)) });

describe("the order page's raw reads", () => {
  it("parcels, their items, after-sales requests with photo counts and ratings are what Prisma's select returned", async () => {
    const { order, foreign } = await paidOrderWithEverything();
    const viaPrisma = await prisma.parcel.findMany({
      where: { orderId: order.id },
      orderBy: { seq: "asc" },
      take: 50,
      select: {
        ...parcelSelect,
        rating: { select: { score: true, comment: true } },
        afterSales: {
          orderBy: { createdAt: "asc" },
          select: { id: true, kind: true, orderLineId: true, quantity: true, amountFen: true, reason: true, status: true, refusalReason: true, decisionNote: true, returnCourier: true, returnTrackingNumber: true, createdAt: true, _count: { select: { photos: true } } },
        },
      },
    });
    const { parcels, total } = await orderParcels(order);
    expect(total).toBe(2);
    expect(parcels.map(({ code: _, trackingUrl: __, ...p }) => p)).toEqual(viaPrisma);
    expect(parcels.map((p) => p.code)).toEqual([`${order.number}-1`, `${order.number}-2`]);
    expect(parcels[0].afterSales.map((a) => [a.reason, a._count.photos])).toEqual([["破损1", 1], ["破损0", 2]]);
    expect(parcels[1]).toMatchObject({ rating: { score: 4, comment: "包装好" }, shippedAt: new Date("2026-12-01T02:00:00Z") });
    expect(parcels[1].trackingUrl).toBeTruthy();
    expect(parcels[0].rating).toBeNull();
    // the first `take` only, and nothing of another order
    expect((await orderParcels(order, 1)).parcels.map((p) => p.seq)).toEqual([1]);
    expect((await orderParcels(order, 1)).total).toBe(2);
    expect((await orderParcels(foreign)).parcels.flatMap((p) => p.afterSales)).toEqual([]);
  });

  it("the invoices and the request are read as invoicing's Prisma select reads the order", async () => {
    const { order, foreign, other } = await paidOrderWithEverything();
    const viaPrisma = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: stateSelect });
    const state = await orderStateNow(order.id);
    expect({ ...state!, invoices: state!.invoices.map(({ issuerName: _, ...i }) => sortLines(i)) }).toEqual({ ...viaPrisma, invoices: viaPrisma.invoices.map(sortLines) });
    expect(state!.invoices.map((i) => [i.kind, i.issuerName])).toEqual([["BLUE", ""], ["RED", other.name]]);
    const page = await orderInvoices(order.id);
    expect(page!.invoices.map((i) => [i.kind, i.issuerName, i.originalNumber, i.hasPdf, i.fullyReversed])).toEqual([
      ["BLUE", "陇货通平台", null, true, false],
      ["RED", other.name, `BLUE-${order.id}`, false, false],
    ]);
    expect(page!.request).toMatchObject({ title: "某某单位工会", titleKind: "ORGANIZATION" });
    expect(page!.locked).toBe(true);
    const theirs = await orderInvoices(foreign.id);
    expect([theirs!.request, theirs!.invoices, theirs!.locked]).toEqual([null, [], false]);
    expect(await orderStateNow("no-such-order")).toBeNull();
  });

  it("the impact receipt is the one Prisma's reads gave, and only for its owner", async () => {
    const { order, buyer, stranger, foreign } = await paidOrderWithEverything();
    const receipt = await orderImpactReceipt(buyer, { id: order.id });
    expect(receipt).toEqual(await receiptViaPrisma(buyer, { id: order.id }));
    expect(receipt).toMatchObject({ paid: true, households: 3, people: 10 });
    expect(receipt!.lines.map((l) => l.households)).toEqual(expect.arrayContaining([2, 2, 1]));
    expect(await orderImpactReceipt(buyer, { number: order.number })).toEqual(receipt);
    expect(await orderImpactReceipt(stranger, { id: order.id })).toBeNull();
    expect(await orderImpactReceipt(buyer, { id: foreign.id })).toBeNull();
  });
});

// what orderImpactReceipt read with Prisma's nested select and groupBy
async function receiptViaPrisma(asker: { id: string; organizationId?: string | null }, order: { id: string } | { number: string }) {
  const found = await prisma.order.findUnique({
    where: "id" in order ? { id: order.id } : { number: order.number },
    select: {
      id: true,
      buyerId: true,
      organizationId: true,
      paidAt: true,
      lines: {
        select: {
          id: true,
          productName: true,
          variantName: true,
          product: { select: { county: { select: { name: true, prefecture: { select: { name: true } } } }, coop: { select: { name: true } } } },
        },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!found) return null;
  const owns = found.buyerId === asker.id || (found.organizationId !== null && found.organizationId === asker.organizationId);
  if (!owns) return null;
  const entries = await prisma.attributionEntry.groupBy({
    by: ["orderLineId", "level", "householdId"],
    where: { orderLineId: { in: found.lines.map((l) => l.id) }, level: { in: ["COUNTY", "HOUSEHOLD"] } },
    _sum: { amountFen: true },
    _max: { householdPeople: true },
  });
  return impactReceipt(found, entries);
}
