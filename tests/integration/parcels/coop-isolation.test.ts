// A manager of co-op A can neither read nor change co-op B's parcels, after-sales requests or
// statements, through any page, file or action; staff pages refuse co-op managers and buyers.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createAfterSalesRequest } from "~/models/after-sales/request.server";
import { shipParcels } from "~/models/parcels/shipping.server";
import * as adminAfterSales from "~/routes/admin.after-sales";
import * as adminParcels from "~/routes/admin.parcels";
import * as adminSettlementsExport from "~/routes/admin.settlements.export[.csv]";
import * as adminStatementPdf from "~/routes/admin.settlements.statement[.pdf]";
import * as adminSettlements from "~/routes/admin.settlements";
import * as photo from "~/routes/after-sales.photos.$id";
import * as coopAfterSales from "~/routes/coop.after-sales";
import * as coopOrders from "~/routes/coop.orders";
import * as packingSlips from "~/routes/coop.orders.packing-slips[.pdf]";
import * as pickList from "~/routes/coop.orders.pick-list[.pdf]";
import * as shippingTemplate from "~/routes/coop.orders.shipping-template[.csv]";
import * as coopSettlements from "~/routes/coop.settlements";
import * as statementCsv from "~/routes/coop.settlements.statement[.csv]";
import * as buyerOrder from "~/routes/orders.$number";
import { makePaidOrder, makeUser } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { ADDRESS, threeCoops } from "../../support/parcels";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);

async function setup() {
  const s = await threeCoops();
  const [a, b] = s.coops;
  // one order from both co-ops: a parcel each; B's is shipped and has a request with a photo
  const order = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 1 }, { variantId: s.variants[1].id, quantity: 2 }] });
  const second = await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[1].id, quantity: 1 }] });
  const parcelA = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id, coopId: a.id } });
  const parcelB = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id, coopId: b.id } });
  const pendingB = await prisma.parcel.findFirstOrThrow({ where: { orderId: second.id, coopId: b.id } });
  await shipParcels({ coopId: b.id, actorId: s.managers[1].id, parcels: [{ parcelId: parcelB.id, courier: "顺丰", trackingNumber: "SF1234567890123" }] });
  const lineB = order.lines.find((l) => l.variantId === s.variants[1].id)!;
  const request = await createAfterSalesRequest({ buyerId: s.buyer.id, parcelId: parcelB.id, orderLineId: lineB.id, kind: "REFUND_ONLY", quantity: 1, reason: "压坏", photos: [{ name: "p.jpg", bytes: JPEG }] });
  const photoRow = await prisma.afterSalesPhoto.findFirstOrThrow({ where: { requestId: request.id } });
  const cookies = {
    managerA: await cookieFor(s.managers[0].id),
    managerB: await cookieFor(s.managers[1].id),
    buyer: await cookieFor(s.buyer.id),
    otherBuyer: await cookieFor((await makeUser(prisma)).id),
    staff: await cookieFor(s.staff.id),
  };
  return { ...s, order, second, parcelA, parcelB, pendingB, request, photoId: photoRow.id, cookies };
}

describe("co-op isolation", () => {
  it("A's manager gets nothing of B: lists, files, parcels, requests, photos, statements", async () => {
    const s = await setup();
    const codeBPending = `${s.second.number}-${s.pendingB.seq}`;
    const cookie = s.cookies.managerA;

    // reads: A's lists and files never carry B's parcels or requests
    for (const tab of ["pending", "shipped", "delivered"]) {
      const page = await (await coopOrders.loader(routeArgs(`/coop/orders?tab=${tab}`, { cookie }))).json();
      const ids = (page as { list: { parcels: { id: string }[] } }).list.parcels.map((p) => p.id);
      expect(ids).not.toContain(s.parcelB.id);
      expect(ids).not.toContain(s.pendingB.id);
    }
    const template = await (await shippingTemplate.loader(routeArgs("/coop/orders/shipping-template.csv", { cookie }))).text();
    expect(template).toContain(`${s.order.number}-${s.parcelA.seq}`);
    expect(template).not.toContain(codeBPending);
    for (const pdf of [pickList, packingSlips]) expect((await pdf.loader(routeArgs("/", { cookie }))).status).toBe(200);
    const requests = (await (await coopAfterSales.loader(routeArgs("/coop/after-sales?view=all", { cookie }))).json()) as { requests: { id: string }[] };
    expect(requests.requests.map((r) => r.id)).not.toContain(s.request.id);
    const statements = (await (await coopSettlements.loader(routeArgs("/coop/settlements", { cookie }))).json()) as { statements: { coopId: string }[] };
    expect(statements.statements.every((x) => x.coopId === s.coops[0].id)).toBe(true);
    const month = new Date().toISOString().slice(0, 7);
    const csv = await (await statementCsv.loader(routeArgs(`/coop/settlements/statement.csv?month=${month}`, { cookie }))).text();
    expect(csv).toContain(s.order.number); // A's own sale on that order
    expect(csv).not.toContain(s.second.number); // B-only order
    expect(csv).not.toContain(s.products[1].name);
    expect((await responseOf(() => photo.loader(routeArgs(`/after-sales/photos/${s.photoId}`, { cookie, params: { id: s.photoId } })))).status).toBe(404);

    // changes: every action on B's things is the same 404 as a missing one, and nothing moves
    const ship = await coopOrders.action(routeArgs("/coop/orders", { cookie, form: { parcelId: s.pendingB.id, courier: "顺丰", trackingNumber: "SF1234567890124" } }));
    expect(ship.status).toBe(404);
    const decisions: Record<string, string>[] = [{ intent: "accept" }, { intent: "refuse", refusalReason: "不同意退款" }, { intent: "return-received" }];
    for (const form of decisions) {
      const r = await coopAfterSales.action(routeArgs("/coop/after-sales", { cookie, form: { ...form, requestId: s.request.id } }));
      expect(r.status).toBe(404);
    }
    const upload = new FormData();
    upload.set("file", new File([`包裹号,快递公司,运单号\n${codeBPending},顺丰,SF1234567890125`], "ship.csv", { type: "text/csv" }));
    const uploaded = await coopOrders.action({ request: new Request("http://shop.test/coop/orders", { method: "POST", headers: { Cookie: cookie }, body: upload }), params: {}, context: {} });
    expect(uploaded.status).toBe(400);
    expect(JSON.stringify(await uploaded.json())).toContain("没有包裹号");
    expect(await prisma.parcel.findUniqueOrThrow({ where: { id: s.pendingB.id } })).toMatchObject({ status: "PENDING", trackingNumber: null });
    expect(await prisma.afterSalesRequest.findUniqueOrThrow({ where: { id: s.request.id } })).toMatchObject({ status: "REQUESTED", refusalReason: null });

    // B's manager, the buyer and staff do see the photo; another buyer does not
    for (const [who, status] of [["managerB", 200], ["buyer", 200], ["staff", 200], ["otherBuyer", 404]] as const) {
      const r = await responseOf(() => photo.loader(routeArgs(`/after-sales/photos/${s.photoId}`, { cookie: s.cookies[who], params: { id: s.photoId } })));
      expect([who, r.status]).toEqual([who, status]);
      if (status === 200) expect(r.headers.get("Content-Type")).toBe("image/jpeg");
    }
  });

  it("staff pages refuse co-op managers and buyers; another buyer cannot act on the buyer's parcels", async () => {
    const s = await setup();
    const month = "2026-10";
    for (const cookie of [s.cookies.managerA, s.cookies.buyer]) {
      for (const run of [
        () => adminParcels.loader(routeArgs("/admin/parcels", { cookie })),
        () => adminParcels.action(routeArgs("/admin/parcels", { cookie, form: { parcelId: s.pendingB.id, courier: "顺丰", trackingNumber: "SF1234567890126" } })),
        () => adminAfterSales.loader(routeArgs("/admin/after-sales", { cookie })),
        () => adminAfterSales.action(routeArgs("/admin/after-sales", { cookie, form: { intent: "staff-accept", requestId: s.request.id, decisionNote: "同意退款" } })),
        () => adminSettlements.loader(routeArgs(`/admin/settlements?month=${month}`, { cookie })),
        () => adminSettlements.action(routeArgs("/admin/settlements", { cookie, form: { coopId: s.coops[0].id, month, bankReference: "B0001" } })),
        () => adminSettlementsExport.loader(routeArgs(`/admin/settlements/export.csv?month=${month}`, { cookie })),
        () => adminStatementPdf.loader(routeArgs(`/admin/settlements/statement.pdf?month=${month}&coop=${s.coops[1].id}`, { cookie })),
      ]) {
        expect((await responseOf(run)).status).toBe(403);
      }
    }
    // consumers are not co-op managers
    expect((await responseOf(() => coopOrders.loader(routeArgs("/coop/orders", { cookie: s.cookies.buyer })))).status).toBe(403);
    expect((await responseOf(() => statementCsv.loader(routeArgs(`/coop/settlements/statement.csv?month=${month}`, { cookie: s.cookies.buyer })))).status).toBe(403);

    const params = { number: s.order.number };
    const forms: Record<string, string>[] = [{ intent: "confirm-receipt", parcelId: s.parcelB.id }, { intent: "rate", parcelId: s.parcelB.id, score: "1", comment: "" }, { intent: "escalate", requestId: s.request.id, escalationNote: "我要退款" }];
    for (const form of forms) {
      expect((await responseOf(() => buyerOrder.action(routeArgs("/", { cookie: s.cookies.otherBuyer, params, form })))).status).toBe(404);
    }
    expect((await prisma.parcel.findUniqueOrThrow({ where: { id: s.parcelB.id } })).status).toBe("SHIPPED");
    expect(await prisma.coopSettlement.count()).toBe(0);
    expect(await prisma.afterSalesRequest.findUniqueOrThrow({ where: { id: s.request.id } })).toMatchObject({ status: "REQUESTED" });
  });
});
