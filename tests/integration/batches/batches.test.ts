// Batches: recorded with shares that add up, stock received into them, units sold first in first
// out, the ledger attributing each batch's units to its households, the co-op picking another batch,
// and the public trace that never shows a household.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { batchesOf, batchesOfOrder, moveAllocation } from "~/models/batches/allocation.server";
import { createBatch, receiveIntoBatch } from "~/models/batches/batch.server";
import { publicTrace } from "~/models/batches/trace.server";
import { saleRowsOf } from "~/models/impact/ledger.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { refundOrder } from "~/models/orders/refund.server";
import * as newBatch from "~/routes/coop.batches.new";
import * as batchPage from "~/routes/coop.batches.$code";
import * as tracePage from "~/routes/trace.$code";
import { makeCoop, makeHousehold, makeProduct, makeUser, makeWorld, setShare } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

const JPEG: Uint8Array<ArrayBuffer> = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const FAKE: Uint8Array<ArrayBuffer> = new TextEncoder().encode("not really an image");

function multipart(path: string, cookie: string, fields: Record<string, string>, scan: Uint8Array<ArrayBuffer> | null = JPEG) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (scan) body.set("certScan", new File([scan], "scan.jpg", { type: "image/jpeg" }));
  return { request: new Request(`http://shop.test${path}`, { method: "POST", headers: { Cookie: cookie }, body }), params: {}, context: {} };
}

async function setup() {
  const w = await makeWorld(prisma);
  const households = [];
  for (const [i, members] of [3, 5, 2, 4].entries()) households.push(await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members, village: `村${i}` }));
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1000, stock: 0 }] });
  // The product's own shares (used for units no batch holds): the fourth household only.
  await setShare(prisma, { productId: product.id, householdId: households[3].id, weight: 1 });
  const manager = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
  const buyer = await makeUser(prisma);
  const staff = await makeUser(prisma, { roles: ["staff"] });
  return { w, households, product, variant: product.variants[0], manager, buyer, staff };
}

const batchOf = (productId: string, producedOn: string, shares: { householdId: string; percent: number }[]) => ({
  productId, producedOn, quantity: 500, quantityUnit: "斤", certKind: "PROMISE" as const, certNumber: `HG-${producedOn}`, note: "", shares,
});

async function pay(buyerId: string, variantId: string, quantity: number) {
  const address = { recipient: "买家", mobile: "13800000000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五一北路 1 号" };
  const order = await placeOrder({ buyerId, status: "PENDING_PAYMENT", lines: [{ variantId, quantity }], address });
  const total = (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).totalFen;
  await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `t_${order.id}`, amountFen: total });
  return prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
}

async function householdLedger(orderLineId: string) {
  const rows = await prisma.attributionEntry.groupBy({ by: ["householdId"], where: { orderLineId, level: "HOUSEHOLD" }, _sum: { amountFen: true } });
  return Object.fromEntries(rows.filter((r) => (r._sum.amountFen ?? 0) !== 0).map((r) => [r.householdId!, r._sum.amountFen ?? 0]));
}

describe("recording a batch", () => {
  it("refuses shares that do not add up, a future date, a file that is not an image, and saves nothing", async () => {
    const { w, households, product, manager } = await setup();
    const cookie = await cookieFor(manager.id);
    const fields = { productId: product.id, producedOn: businessDay(new Date()), quantity: "800", quantityUnit: "斤", certKind: "PROMISE", certNumber: "GS-HG-0001", [`share_${households[0].id}`]: "60", [`share_${households[1].id}`]: "30" };
    const notHundred = await responseOf(() => newBatch.action(multipart("/coop/batches/new", cookie, fields)));
    expect(notHundred.status).toBe(400);
    expect(((await notHundred.json()) as { errors: Record<string, string> }).errors.shares).toContain("90%");
    const future = await responseOf(() => newBatch.action(multipart("/coop/batches/new", cookie, { ...fields, producedOn: "2099-01-01", [`share_${households[1].id}`]: "40" })));
    expect(((await future.json()) as { errors: Record<string, string> }).errors.producedOn).toContain("不能晚于今天");
    const fake = await responseOf(() => newBatch.action(multipart("/coop/batches/new", cookie, { ...fields, [`share_${households[1].id}`]: "40" }, FAKE)));
    expect(((await fake.json()) as { errors: Record<string, string> }).errors.certScan).toContain("按文件内容判断");
    expect(await prisma.batch.count({ where: { productId: product.id } })).toBe(0);

    const ok = await responseOf(() => newBatch.action(multipart("/coop/batches/new", cookie, { ...fields, [`share_${households[1].id}`]: "40" })));
    expect(ok.status).toBe(302);
    const batch = await prisma.batch.findFirstOrThrow({ where: { productId: product.id }, include: { shares: true } });
    expect(batch.shares.map((s) => s.percent).sort()).toEqual([40, 60]);
    expect(ok.headers.get("Location")).toBe(`/coop/batches/${batch.code}`);
    expect(batch.certScan).toMatch(/^batch-scans\//);

    // Another co-op's household cannot be put into a batch; another co-op cannot see or fill it.
    const other = await makeCoop(prisma, { countyId: w.county.id });
    const stranger = await makeHousehold(prisma, { countyId: w.county.id, coopId: other.id });
    await expect(createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-09-01", [{ householdId: stranger.id, percent: 100 }]), null)).rejects.toMatchObject({ status: 404, field: "shares" });
    const rival = await makeUser(prisma, { roles: ["coop_manager"], coopId: other.id });
    const seen = await responseOf(async () => batchPage.loader(routeArgs(`/coop/batches/${batch.code}`, { cookie: await cookieFor(rival.id), params: { code: batch.code } })));
    expect(seen.status).toBe(404);
    const filled = await responseOf(async () => batchPage.action(routeArgs(`/coop/batches/${batch.code}`, { cookie: await cookieFor(rival.id), params: { code: batch.code }, form: { intent: "receive", variantId: product.variants[0].id, quantity: "5" } })));
    expect(filled.status).toBe(404);
  });
});

describe("stock into batches, units out first in first out, attributed to each batch's households", () => {
  it("takes the oldest batch first, then the next, and leaves the rest unbatched", async () => {
    const { w, households, product, variant, manager, buyer } = await setup();
    const older = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-08-01", [{ householdId: households[0].id, percent: 100 }]), null);
    const newer = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-09-15", [{ householdId: households[1].id, percent: 50 }, { householdId: households[2].id, percent: 50 }]), null);
    // Received newest first: FIFO goes by harvest date, not by when it was typed in.
    const cookie = await cookieFor(manager.id);
    const received = await responseOf(() => batchPage.action(routeArgs(`/coop/batches/${newer.code}`, { cookie, params: { code: newer.code }, form: { intent: "receive", variantId: variant.id, quantity: "4" } })));
    expect(received.status).toBe(200);
    await receiveIntoBatch(w.coop.id, older.code, { variantId: variant.id, quantity: 3 });
    await prisma.variant.update({ where: { id: variant.id }, data: { stock: { increment: 5 } } }); // 5 more units no batch holds
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(12);

    const first = await pay(buyer.id, variant.id, 2);
    expect(await prisma.batchAllocation.findMany({ where: { orderLineId: first.id }, select: { batchId: true, quantity: true } })).toEqual([{ batchId: older.id, quantity: 2 }]);
    expect(await householdLedger(first.id)).toEqual({ [households[0].id]: 2000 });

    const second = await pay(buyer.id, variant.id, 8); // 1 from the older batch, 4 from the newer, 3 unbatched
    const allocs = await prisma.batchAllocation.findMany({ where: { orderLineId: second.id }, select: { batchId: true, quantity: true }, orderBy: { quantity: "asc" } });
    expect(allocs).toEqual([{ batchId: older.id, quantity: 1 }, { batchId: newer.id, quantity: 4 }]);
    // ¥80: 1 unit (¥10) to the older batch's household, 4 (¥40) halved between the newer's two,
    // 3 unbatched (¥30) by the product's own shares.
    expect(await householdLedger(second.id)).toEqual({ [households[0].id]: 1000, [households[1].id]: 2000, [households[2].id]: 2000, [households[3].id]: 3000 });
    expect((await prisma.batchStock.findMany({ where: { variantId: variant.id }, orderBy: { batchId: "asc" } })).map((s) => s.remaining)).toEqual([0, 0]);
    const books = await reconcile();
    expect(books.mismatches).toEqual([]);
    expect(books.ok).toBe(true);
  });

  it("with no product shares, unbatched units follow the batch's households, so the line is attributed in full", async () => {
    const { w, households, product, variant, manager, buyer } = await setup();
    await prisma.productShare.deleteMany({ where: { productId: product.id } });
    const batch = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-08-01", [{ householdId: households[0].id, percent: 75 }, { householdId: households[1].id, percent: 25 }]), null);
    await receiveIntoBatch(w.coop.id, batch.code, { variantId: variant.id, quantity: 2 });
    await prisma.variant.update({ where: { id: variant.id }, data: { stock: { increment: 2 } } });
    const line = await pay(buyer.id, variant.id, 4);
    expect(await householdLedger(line.id)).toEqual({ [households[0].id]: 3000, [households[1].id]: 1000 });
    expect((await reconcile()).mismatches).toEqual([]);
  });

  it("the ledger worked out before the payment's transaction is what Prisma reads of the paid order", async () => {
    // markOrderPaid plans the batch units and the SALE rows from raw reads before BEGIN (decision
    // 0016, third pass); saleRowsOf reads the same with Prisma once the allocations are written.
    const { w, households, product, variant, manager, buyer } = await setup();
    const a = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-08-01", [{ householdId: households[0].id, percent: 70 }, { householdId: households[1].id, percent: 30 }]), null);
    const b = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-09-01", [{ householdId: households[1].id, percent: 33 }, { householdId: households[2].id, percent: 67 }]), null);
    await receiveIntoBatch(w.coop.id, a.code, { variantId: variant.id, quantity: 2 });
    await receiveIntoBatch(w.coop.id, b.code, { variantId: variant.id, quantity: 3 });
    await prisma.variant.update({ where: { id: variant.id }, data: { stock: { increment: 4 } } });
    const line = await pay(buyer.id, variant.id, 7); // 2 + 3 from batches, 2 by the product's shares
    const { paidAt } = await prisma.order.findUniqueOrThrow({ where: { id: line.orderId }, select: { paidAt: true } });
    const written = await prisma.attributionEntry.findMany({ where: { orderLineId: line.id }, orderBy: [{ level: "asc" }, { householdId: "asc" }] });
    const expected = (await saleRowsOf(prisma, line.orderId, paidAt!)).sort((x, y) => `${x.level}${x.householdId ?? ""}`.localeCompare(`${y.level}${y.householdId ?? ""}`));
    expect(written.map(({ id: _id, refundId: _r, ...row }) => row)).toEqual(
      expected.map((row) => ({ householdId: null, householdPeople: 0, hallId: null, organizationId: null, buyerCity: null, ...row, occurredAt: new Date(row.occurredAt) })),
    );
    expect(written.filter((r) => r.level === "HOUSEHOLD").length).toBe(4);
    // the buyer's page reads the batches with one raw statement: the same as the Prisma read
    const shown = await batchesOfOrder(line.orderId);
    expect(shown).toEqual(await batchesOf({ orderLine: { orderId: line.orderId } }));
    expect(shown[line.id].map((b) => b.quantity).sort()).toEqual([2, 3]);
  });

  // The payments plan their batch units before their transactions, so all three plan the same
  // units: the later ones find the batch short, roll back and allocate inside (the fallback path).
  it("two buyers racing for a batch's last units never take more than it holds", async () => {
    const { w, households, product, variant, manager } = await setup();
    const batch = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-08-01", [{ householdId: households[0].id, percent: 100 }]), null);
    await receiveIntoBatch(w.coop.id, batch.code, { variantId: variant.id, quantity: 3 });
    await prisma.variant.update({ where: { id: variant.id }, data: { stock: { increment: 10 } } });
    const buyers = await Promise.all([makeUser(prisma), makeUser(prisma), makeUser(prisma)]);
    await Promise.all(buyers.map((b) => pay(b.id, variant.id, 2)));
    const taken = await prisma.batchAllocation.aggregate({ where: { batchId: batch.id }, _sum: { quantity: true } });
    expect(taken._sum.quantity).toBe(3);
    expect((await prisma.batchStock.findFirstOrThrow({ where: { batchId: batch.id } })).remaining).toBe(0);
    expect((await reconcile()).mismatches).toEqual([]);
  });
});

describe("the co-op picks another batch", () => {
  it("moves the units and the households' parts before shipping, and refunds then follow the new households", async () => {
    const { w, households, product, variant, manager, buyer, staff } = await setup();
    const a = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-08-01", [{ householdId: households[0].id, percent: 100 }]), null);
    const b = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-09-01", [{ householdId: households[1].id, percent: 100 }]), null);
    await receiveIntoBatch(w.coop.id, a.code, { variantId: variant.id, quantity: 5 });
    await receiveIntoBatch(w.coop.id, b.code, { variantId: variant.id, quantity: 5 });
    const line = await pay(buyer.id, variant.id, 3);
    expect(await householdLedger(line.id)).toEqual({ [households[0].id]: 3000 });

    const other = await makeCoop(prisma, { countyId: w.county.id });
    await expect(moveAllocation(other.id, { orderLineId: line.id, fromBatchId: a.id, toBatchId: b.id })).rejects.toMatchObject({ status: 404 });
    await moveAllocation(w.coop.id, { orderLineId: line.id, fromBatchId: a.id, toBatchId: b.id });
    expect(await householdLedger(line.id)).toEqual({ [households[1].id]: 3000 });
    expect((await prisma.batchStock.findMany({ where: { variantId: variant.id }, orderBy: { batch: { producedOn: "asc" } } })).map((s) => s.remaining)).toEqual([5, 2]);
    expect(await prisma.attributionEntry.count({ where: { orderLineId: line.id, kind: "REBATCH" } })).toBe(2);
    expect((await reconcile()).ok).toBe(true);

    await refundOrder({ orderId: line.orderId, staffId: staff.id, reason: "破损", request: { mode: "line", orderLineId: line.id, amountFen: 1000 } });
    expect(await householdLedger(line.id)).toEqual({ [households[1].id]: 2000 });

    // the line's parcel leaves the co-op: its batch is now fixed
    await prisma.parcel.updateMany({ where: { items: { some: { orderLineId: line.id } } }, data: { status: "SHIPPED", courier: "顺丰", trackingNumber: "SF1400000000001", shippedAt: new Date() } });
    expect(await prisma.parcel.count({ where: { items: { some: { orderLineId: line.id } }, status: "SHIPPED" } })).toBe(1);
    await expect(moveAllocation(w.coop.id, { orderLineId: line.id, fromBatchId: b.id, toBatchId: a.id })).rejects.toMatchObject({ status: 409 });
    expect((await reconcile()).mismatches).toEqual([]);
  });
});

describe("the public trace", () => {
  it("shows places, counts and the certificate — never a household code or id — and 404s an unknown code", async () => {
    const { w, households, product, manager } = await setup();
    const batch = await createBatch(w.coop.id, manager.id, batchOf(product.id, "2026-08-01", [{ householdId: households[0].id, percent: 60 }, { householdId: households[1].id, percent: 40 }]), "batch-scans/0123456789abcdef0123456789abcdef.jpg");
    const trace = await publicTrace(batch.code.toLowerCase());
    expect(trace).toMatchObject({ households: 2, people: 8, certificate: { kind: "承诺达标合格证", number: "HG-2026-08-01", scanned: true }, county: w.county.name, coop: w.coop.name });
    expect(trace!.villages).toEqual(["城关镇村0", "城关镇村1"]);
    const response = await responseOf(() => tracePage.loader(routeArgs(`/trace/${batch.code}`, { params: { code: batch.code } })));
    const body = await response.text();
    for (const h of households) {
      expect(body).not.toContain(h.code);
      expect(body).not.toContain(h.id);
    }
    expect(body).not.toContain("batch-scans");
    expect(body).not.toContain("percent");
    expect((await responseOf(() => tracePage.loader(routeArgs("/trace/ZZZZZZZZZZ", { params: { code: "ZZZZZZZZZZ" } })))).status).toBe(404);
    expect((await responseOf(() => tracePage.loader(routeArgs("/trace/<script>", { params: { code: "<script>" } })))).status).toBe(404);
  });
});
