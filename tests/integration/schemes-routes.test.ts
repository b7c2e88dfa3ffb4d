// The schemes' routes: who may use them, what a bad form gets back, and that a traveller's full ID
// number appears nowhere but the operator's manifest — not in any page's data, nor in the logs.
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import * as adminOrder from "~/routes/admin.orders.$number";
import * as coopDeparture from "~/routes/coop.tours.$departureId._index";
import * as coopTours from "~/routes/coop.tours._index";
import * as coopTrees from "~/routes/coop.trees._index";
import * as coopPresale from "~/routes/coop.presales.$slug";
import * as manifestPdfRoute from "~/routes/coop.tours.$departureId.manifest[.pdf]";
import * as manifestXlsxRoute from "~/routes/coop.tours.$departureId.manifest[.xlsx]";
import * as order from "~/routes/orders.$number";
import * as orders from "~/routes/orders._index";
import * as presaleRoute from "~/routes/presales.$slug";
import * as bookingRoute from "~/routes/tours.bookings.$number";
import * as bookRoute from "~/routes/tours.$slug.$departureId";
import * as orchardRoute from "~/routes/trees.orchards.$slug";
import * as planRoute from "~/routes/trees.mine.$code";
import { makeDeparture, makeOrchard, makeOrchardSeason, makePresale, makeTourPackage, makeUser } from "../factories";
import { cookieFor, responseOf, routeArgs } from "../requests";
import { pay, pdfText, schemeWorld } from "../support/schemes";

const ID_A = "620102199003074617";
const ID_B = "622921198801010036";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

async function tourWorld() {
  const w = await schemeWorld();
  const pkg = await makeTourPackage(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TOUR, households: w.shares });
  const departure = await makeDeparture(prisma, { packageId: pkg.id, departOn: day(30), capacity: 10 });
  return { ...w, pkg, departure };
}

const bookingForm = (rows: [string, string, string][]) => ({
  count: String(rows.length),
  clientRequestId: crypto.randomUUID(),
  ...Object.fromEntries(rows.flatMap(([n, m, id], i) => [[`name_${i}`, n], [`mobile_${i}`, m], [`idNumber_${i}`, id]])),
});

describe("booking through the route", () => {
  it("a wrong check digit comes back 400 beside its field with what was typed, and nothing is booked", async () => {
    const w = await tourWorld();
    const cookie = await cookieFor((await makeUser(prisma)).id);
    const path = `/tours/${w.pkg.slug}/${w.departure.id}`;
    const params = { slug: w.pkg.slug, departureId: w.departure.id };
    const res = await responseOf(() => bookRoute.action(routeArgs(path, { cookie, params, form: bookingForm([["王小明", "13912345678", ID_A], ["李华", "13912345679", "620102199003074614"]]) })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors).toEqual({ idNumber_1: "身份证号校验位不对，请核对后重新输入" });
    expect(body.values.name_1).toBe("李华");
    expect(await prisma.tourBooking.count({ where: { departureId: w.departure.id } })).toBe(0);
  });

  it("shows the full ID number nowhere but the operator's manifest, and never logs it", async () => {
    const w = await tourWorld();
    const buyer = await makeUser(prisma);
    const cookie = await cookieFor(buyer.id);
    const path = `/tours/${w.pkg.slug}/${w.departure.id}`;
    const res = await responseOf(() => bookRoute.action(routeArgs(path, { cookie, params: { slug: w.pkg.slug, departureId: w.departure.id }, form: bookingForm([["王小明", "13912345678", ID_A], ["李华", "13912345679", ID_B]]) })));
    expect(res.status).toBe(302);
    const booking = await prisma.tourBooking.findFirstOrThrow({ where: { departureId: w.departure.id }, select: { order: { select: { id: true, number: true } } } });
    await pay(booking.order.id);
    const number = booking.order.number;
    const operator = await cookieFor(w.manager.id);
    const staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
    const pages = [
      await responseOf(() => bookingRoute.loader(routeArgs(`/tours/bookings/${number}`, { cookie, params: { number } }))),
      await responseOf(() => order.loader(routeArgs(`/orders/${number}`, { cookie, params: { number } }))),
      await responseOf(() => orders.loader(routeArgs("/orders", { cookie }))),
      await responseOf(() => coopDeparture.loader(routeArgs(`/coop/tours/${w.departure.id}`, { cookie: operator, params: { departureId: w.departure.id } }))),
      await responseOf(() => coopTours.loader(routeArgs("/coop/tours", { cookie: operator }))),
      await responseOf(() => adminOrder.loader(routeArgs(`/admin/orders/${number}`, { cookie: staff, params: { number } }))),
    ];
    for (const page of pages) {
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).not.toContain(ID_A);
      expect(text).not.toContain(ID_B);
    }
    const bookingPage = await responseOf(() => bookingRoute.loader(routeArgs(`/tours/bookings/${number}`, { cookie, params: { number } })));
    expect(await bookingPage.text()).toContain("6201********4617");
    // the manifest, for the departure's operator, has them
    const pdf = await responseOf(() => manifestPdfRoute.loader(routeArgs(`/coop/tours/${w.departure.id}/manifest.pdf`, { cookie: operator, params: { departureId: w.departure.id } })));
    expect(pdf.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain(ID_A);
    const xlsx = await responseOf(() => manifestXlsxRoute.loader(routeArgs(`/coop/tours/${w.departure.id}/manifest.xlsx`, { cookie: operator, params: { departureId: w.departure.id } })));
    expect(xlsx.status).toBe(200);
    expect(logged.join("\n")).not.toContain(ID_A);
    expect(logged.join("\n")).not.toContain(ID_B);
  });

  it("another co-op's manager gets 404 for the departure and its manifest; a consumer gets 403", async () => {
    const w = await tourWorld();
    const other = await schemeWorld();
    const stranger = await cookieFor(other.manager.id);
    for (const run of [
      () => coopDeparture.loader(routeArgs(`/coop/tours/${w.departure.id}`, { cookie: stranger, params: { departureId: w.departure.id } })),
      () => manifestPdfRoute.loader(routeArgs(`/coop/tours/${w.departure.id}/manifest.pdf`, { cookie: stranger, params: { departureId: w.departure.id } })),
      () => manifestXlsxRoute.loader(routeArgs(`/coop/tours/${w.departure.id}/manifest.xlsx`, { cookie: stranger, params: { departureId: w.departure.id } })),
    ]) {
      expect((await responseOf(run)).status).toBe(404);
    }
    const consumer = await cookieFor((await makeUser(prisma)).id);
    for (const run of [
      () => coopTours.loader(routeArgs("/coop/tours", { cookie: consumer })),
      () => coopTrees.loader(routeArgs("/coop/trees", { cookie: consumer })),
      () => manifestPdfRoute.loader(routeArgs(`/coop/tours/${w.departure.id}/manifest.pdf`, { cookie: consumer, params: { departureId: w.departure.id } })),
    ]) {
      expect((await responseOf(run)).status).toBe(403);
    }
  });
});

describe("tree and pre-sale forms through their routes", () => {
  it("adopting a taken tree answers 409 beside the grid with the form's values kept", async () => {
    const w = await schemeWorld();
    const orchard = await makeOrchard(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TREE, rows: 1, cols: 2 });
    await makeOrchardSeason(prisma, { orchardId: orchard.id, year: 2027 });
    const form = (extra: Record<string, string>) => ({ year: "2027", mode: "pick", count: "", displayName: "王家", payment: "CARD", clientRequestId: crypto.randomUUID(), ...extra });
    const a = await cookieFor((await makeUser(prisma)).id);
    const first = await responseOf(() => orchardRoute.action(routeArgs(`/trees/orchards/${orchard.slug}`, { cookie: a, params: { slug: orchard.slug }, form: form({ trees: "A-01" }) })));
    expect(first.status).toBe(302);
    const b = await cookieFor((await makeUser(prisma)).id);
    const taken = await responseOf(() => orchardRoute.action(routeArgs(`/trees/orchards/${orchard.slug}`, { cookie: b, params: { slug: orchard.slug }, form: form({ trees: "A-01", displayName: "李家" }) })));
    expect(taken.status).toBe(409);
    const body = (await taken.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors).toEqual({ trees: "A-01 号树已被认养，请另选" });
    expect(body.values.displayName).toBe("李家");
  });

  it("a harvest split that does not add up answers 400 beside the first weight; someone else's tree is 404", async () => {
    const w = await schemeWorld();
    const orchard = await makeOrchard(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TREE, rows: 1, cols: 2, shareGrams: 25_000 });
    await makeOrchardSeason(prisma, { orchardId: orchard.id, year: 2027 });
    const buyer = await makeUser(prisma);
    const cookie = await cookieFor(buyer.id);
    await responseOf(() => orchardRoute.action(routeArgs(`/trees/orchards/${orchard.slug}`, { cookie, params: { slug: orchard.slug }, form: { year: "2027", mode: "pick", trees: "A-02", count: "", displayName: "王家", payment: "CARD", clientRequestId: crypto.randomUUID() } })));
    const adoption = await prisma.treeAdoption.findFirstOrThrow({ where: { adopterId: buyer.id } });
    await pay(adoption.orderId);
    const form = { kg_0: "20", date_0: "2027-07-25", to_0: "GIFT" };
    const res = await responseOf(() => planRoute.action(routeArgs(`/trees/mine/${adoption.code}`, { cookie, params: { code: adoption.code }, form })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.kg_0).toBe("各份合计 20 公斤，应正好是 25 公斤");
    expect(body.values.kg_0).toBe("20");
    const stranger = await cookieFor((await makeUser(prisma)).id);
    expect((await responseOf(() => planRoute.action(routeArgs(`/trees/mine/${adoption.code}`, { cookie: stranger, params: { code: adoption.code }, form: { ...form, kg_0: "25" } })))).status).toBe(404);
  });

  it("pre-ordering more than remains answers 409 beside the quantity; only the pre-sale's own co-op may enter its harvest", async () => {
    const w = await schemeWorld();
    const presale = await makePresale(prisma, { coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.PRESALE, committedQty: 5 });
    const cookie = await cookieFor((await makeUser(prisma)).id);
    const form = { quantity: "6", mode: "FULL", recipient: "王小明", mobile: "13912345678", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 100 号", clientRequestId: crypto.randomUUID() };
    const res = await responseOf(() => presaleRoute.action(routeArgs(`/presales/${presale.slug}`, { cookie, params: { slug: presale.slug }, form })));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({ quantity: "只剩 5 份可预订" });
    const other = await schemeWorld();
    const stranger = await cookieFor(other.manager.id);
    const harvest = await responseOf(() => coopPresale.action(routeArgs(`/coop/presales/${presale.slug}`, { cookie: stranger, params: { slug: presale.slug }, form: { intent: "decide" } })));
    expect(harvest.status).toBe(404);
    expect((await prisma.presale.findUniqueOrThrow({ where: { id: presale.id } })).status).toBe("OPEN");
  });
});
