import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ConflictError } from "~/lib/errors";
import { unseal } from "~/lib/sealed.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { markOrderPaid } from "~/models/orders/order.server";
import { releaseExpiredReservations } from "~/models/orders/reservation-sweeper.server";
import { bookingSchema } from "~/models/tours/booking.schema";
import { bookDeparture, buyerBooking, cancelBooking, purgeTravellerIds } from "~/models/tours/booking.server";
import { manifestPdf, manifestXlsx, operatorDeparture } from "~/models/tours/operator.server";
import { readGrid } from "~/lib/spreadsheet.server";
import { makeDeparture, makeOrganization, makeTourPackage, makeUser } from "../../factories";
import { startFakeStripe, type FakeStripe } from "../../support/fake-stripe";
import { ledgerFen, pay, pdfText, schemeWorld } from "../../support/schemes";

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: "whsec_tours" });
  process.env.STRIPE_SECRET_KEY = "sk_test_tours";
  process.env.STRIPE_API_BASE = stripe.base;
});
afterAll(async () => {
  await stripe.close();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_BASE;
});

// Valid 居民身份证 numbers (check digits computed by GB 11643): two adults and a child.
const ADULT_A = "620102199003074617";
const ADULT_B = "622921198801010036";
const CHILD = "622921201506011233";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

async function tourWorld(capacity = 20) {
  const w = await schemeWorld();
  const operator = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
  const pkg = await makeTourPackage(prisma, {
    coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TOUR, name: "积石山三日游", days: 3, households: w.shares,
    cancellation: [{ daysBefore: 15, percent: 100 }, { daysBefore: 3, percent: 50 }],
  });
  const departure = await makeDeparture(prisma, { packageId: pkg.id, departOn: day(30), capacity, priceFen: 259_800, groupPriceFen: 229_800, groupMinSeats: 3 });
  return { ...w, operator, pkg, departure };
}

function travellers(...ids: string[]) {
  const names = ["王小明", "李华", "王小朵", "赵四", "钱五"];
  return ids.map((idNumber, i) => ({ name: names[i], mobile: `1391234567${i}`, idNumber, birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` }));
}

async function paidBooking(w: Awaited<ReturnType<typeof tourWorld>>, ids = [ADULT_A, ADULT_B], provider: "stripe" | "test" = "stripe") {
  const buyer = await makeUser(prisma);
  const order = await bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(...ids), clientRequestId: crypto.randomUUID() });
  if (provider === "stripe") {
    const o = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true } });
    await markOrderPaid({ orderId: order.id, method: "CARD", provider: "stripe", providerRef: `pi_${order.id}`, amountFen: o.totalFen });
  } else await pay(order.id);
  return { buyer, order };
}

describe("the booking form", () => {
  const rules = { departOn: "2027-05-20", guardianRule: true };
  const fields = (rows: [string, string, string][]) =>
    Object.fromEntries([["count", String(rows.length)], ["clientRequestId", crypto.randomUUID()], ...rows.flatMap(([n, m, id], i) => [[`name_${i}`, n], [`mobile_${i}`, m], [`idNumber_${i}`, id]])]);

  it("puts a wrong check digit beside that traveller's ID field", () => {
    const result = bookingSchema(2, rules).safeParse(fields([["王小明", "13912345678", ADULT_A], ["李华", "13912345679", "620102199003074614"]]));
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["idNumber_1"], message: "身份证号校验位不对，请核对后重新输入" })]);
  });
  it("refuses a child travelling without an adult when the package requires a guardian", () => {
    const alone = bookingSchema(1, rules).safeParse(fields([["王小朵", "13912345678", CHILD]]));
    expect(alone.error!.issues[0]).toMatchObject({ path: ["idNumber_0"], message: expect.stringContaining("成年监护人") });
    expect(bookingSchema(2, rules).safeParse(fields([["王小明", "13912345678", ADULT_A], ["王小朵", "13912345679", CHILD]])).success).toBe(true);
    expect(bookingSchema(1, { ...rules, guardianRule: false }).safeParse(fields([["王小朵", "13912345678", CHILD]])).success).toBe(true);
  });
  it("refuses the same person twice in one booking", () => {
    const twice = bookingSchema(2, rules).safeParse(fields([["王小明", "13912345678", ADULT_A], ["李华", "13912345679", ADULT_A]]));
    expect(twice.error!.issues[0]).toMatchObject({ path: ["idNumber_1"], message: "与第 1 位游客的身份证号相同" });
  });
});

describe("booking a departure", () => {
  it("holds the seats while paying; paid, it is attributed to the county's households; the ID numbers are sealed and masked", async () => {
    const w = await tourWorld();
    const { buyer, order } = await paidBooking(w);
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { kind: true, status: true, totalFen: true } });
    expect(saved).toEqual({ kind: "TOUR", status: "PAID", totalFen: 2 * 259_800 });
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: w.departure.variantId } })).stock).toBe(18);
    expect(await ledgerFen(order.id)).toBe(2 * 259_800);
    const rows = await prisma.tourTraveller.findMany({ where: { departureId: w.departure.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.idMasked)).toEqual(["6201********4617", "6229********0036"]);
    expect(rows.every((r) => r.idSealed && !r.idSealed.includes("6201021990"))).toBe(true);
    expect(unseal(rows[0].idSealed!)).toBe(ADULT_A);
    const view = await buyerBooking(buyer.id, order.number);
    expect(JSON.stringify(view)).not.toContain(ADULT_A);
    expect(view.travellers.map((t) => t.idMasked)).toEqual(["6201********4617", "6229********0036"]);
  });

  it("an organisation booking at least the group size pays the group price", async () => {
    const w = await tourWorld();
    const org = await makeOrganization(prisma, { status: "VERIFIED" });
    const member = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const order = await bookDeparture({ buyer: { id: member.id, organizationId: org.id }, departureId: w.departure.id, travellers: travellers(ADULT_A, ADULT_B, CHILD), clientRequestId: crypto.randomUUID() });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).totalFen).toBe(3 * 229_800);
  });

  it("refuses a full departure and the same traveller twice on one departure, writing nothing", async () => {
    const w = await tourWorld(2);
    await paidBooking(w, [ADULT_A]);
    const buyer = await makeUser(prisma);
    const again = await bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ADULT_A), clientRequestId: crypto.randomUUID() }).catch((e) => e);
    expect(again).toMatchObject({ field: "idNumber_0", message: "此身份证号已报名本团期" });
    const full = await bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ADULT_B, CHILD), clientRequestId: crypto.randomUUID() }).catch((e) => e);
    expect(full).toBeInstanceOf(ConflictError);
    expect(full).toMatchObject({ field: "count", message: "该团期只剩 1 个座位" });
    expect(await prisma.tourBooking.count({ where: { departureId: w.departure.id } })).toBe(1);
  });

  it("takes bookings up to the cut-off day (Beijing calendar) and refuses them after, writing nothing", async () => {
    const w = await tourWorld();
    // the departure leaves in 30 days with a 3-day cut-off: the last day to book is day 27
    const lastDay = new Date(Date.now() + 27 * DAY);
    const buyer = await makeUser(prisma);
    const late = await bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ADULT_A), clientRequestId: crypto.randomUUID(), now: new Date(lastDay.getTime() + DAY) }).catch((e) => e);
    expect(late).toMatchObject({ message: "该团期已截止报名" });
    expect(await prisma.tourBooking.count({ where: { departureId: w.departure.id } })).toBe(0);
    expect((await prisma.variant.findFirstOrThrow({ where: { departure: { id: w.departure.id } }, select: { stock: true } })).stock).toBe(20);
    await bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ADULT_A), clientRequestId: crypto.randomUUID(), now: lastDay });
    expect(await prisma.tourBooking.count({ where: { departureId: w.departure.id } })).toBe(1);
  });

  it("fifty buyers racing for the last two seats: exactly two seats sold, never more", async () => {
    const w = await tourWorld(2);
    const buyers = await Promise.all(Array.from({ length: 50 }, () => makeUser(prisma)));
    // valid numbers that differ: vary the sequence digits and recompute the check digit
    const { idCheckCharacter } = await import("~/models/tours/id-number");
    const ids = buyers.map((_, i) => {
      const first17 = `62010219900307${String(100 + i).padStart(3, "0")}`;
      return first17 + idCheckCharacter(first17);
    });
    const results = await Promise.allSettled(
      buyers.map((b, i) => bookDeparture({ buyer: { id: b.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ids[i]), clientRequestId: crypto.randomUUID() })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(results.filter((r): r is PromiseRejectedResult => r.status === "rejected").every((r) => r.reason instanceof ConflictError)).toBe(true);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: w.departure.variantId } })).stock).toBe(0);
    const seats = await prisma.tourBooking.aggregate({ where: { departureId: w.departure.id }, _sum: { seats: true } });
    expect(seats._sum.seats).toBe(2);
  });

  it("an unpaid hold expires: the sweeper gives the seats back and the same travellers may book again", async () => {
    const w = await tourWorld(2);
    const buyer = await makeUser(prisma);
    const held = await bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ADULT_A, ADULT_B), clientRequestId: crypto.randomUUID() });
    await releaseExpiredReservations(new Date(Date.now() + 2 * 3_600_000));
    expect((await prisma.order.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("CANCELLED");
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: w.departure.variantId } })).stock).toBe(2);
    await expect(bookDeparture({ buyer: { id: buyer.id, organizationId: null }, departureId: w.departure.id, travellers: travellers(ADULT_A, ADULT_B), clientRequestId: crypto.randomUUID() })).resolves.toMatchObject({ duplicate: false });
  });
});

describe("cancellation tiers", () => {
  const departIn = (w: { departure: { departOn: string } }, days: number) => new Date(Date.parse(`${w.departure.departOn}T00:00:00+08:00`) - days * DAY + 10 * 3_600_000);

  it("≥ 15 days: everything back through Stripe, the ledger reversed to zero, the seats on sale again and the ID numbers dropped", async () => {
    const w = await tourWorld();
    const { buyer, order } = await paidBooking(w);
    const before = stripe.requests.filter((r) => r.path === "/v1/refunds").length;
    expect(await cancelBooking({ buyerId: buyer.id, orderNumber: order.number, now: departIn(w, 20) })).toEqual({ refundFen: 519_600, percent: 100 });
    const refunds = stripe.requests.filter((r) => r.path === "/v1/refunds").slice(before);
    expect(refunds.map((r) => [r.params.payment_intent, r.params.amount])).toEqual([[`pi_${order.id}`, "519600"]]);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("REFUNDED");
    expect(await ledgerFen(order.id)).toBe(0);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: w.departure.variantId } })).stock).toBe(20);
    expect(await prisma.tourTraveller.count({ where: { bookingId: { not: "" }, departureId: w.departure.id, idSealed: { not: null } } })).toBe(0);
    await expect(cancelBooking({ buyerId: buyer.id, orderNumber: order.number, now: departIn(w, 20) })).rejects.toBeInstanceOf(ConflictError);
    expect((await reconcile(prisma)).ok).toBe(true);
  });

  it("≥ 3 days: half back; under 3 days: nothing back but the seats are freed", async () => {
    const w = await tourWorld();
    const half = await paidBooking(w);
    expect(await cancelBooking({ buyerId: half.buyer.id, orderNumber: half.order.number, now: departIn(w, 5) })).toEqual({ refundFen: 259_800, percent: 50 });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: half.order.id }, select: { status: true, refundedFen: true } })).toEqual({ status: "PARTLY_REFUNDED", refundedFen: 259_800 });
    expect(await ledgerFen(half.order.id)).toBe(259_800);
    const none = await paidBooking(w, [CHILD, ADULT_A]);
    expect(await cancelBooking({ buyerId: none.buyer.id, orderNumber: none.order.number, now: departIn(w, 2) })).toEqual({ refundFen: 0, percent: 0 });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: none.order.id }, select: { status: true, refundedFen: true } })).toEqual({ status: "PAID", refundedFen: 0 });
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: w.departure.variantId } })).stock).toBe(20);
    expect((await reconcile(prisma)).ok).toBe(true);
  });

  it("if Stripe refuses the refund the booking stays as it was", async () => {
    const w = await tourWorld();
    const { buyer, order } = await paidBooking(w);
    stripe.failRefunds(true);
    try {
      await expect(cancelBooking({ buyerId: buyer.id, orderNumber: order.number, now: departIn(w, 20) })).rejects.toThrow(/退款失败/);
    } finally {
      stripe.failRefunds(false);
    }
    const booking = await prisma.tourBooking.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(booking.cancelledAt).toBeNull();
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: w.departure.variantId } })).stock).toBe(18);
  });

  it("someone else's booking is not found", async () => {
    const w = await tourWorld();
    const { order } = await paidBooking(w);
    const stranger = await makeUser(prisma);
    await expect(cancelBooking({ buyerId: stranger.id, orderNumber: order.number })).rejects.toMatchObject({ status: 404 });
  });
});

describe("the operator's manifest", () => {
  it("is the one place the full numbers appear, only for the departure's own operator, and they go after the trip", async () => {
    const w = await tourWorld();
    await paidBooking(w, [ADULT_A, CHILD]);
    const page = await operatorDeparture(w.coop.id, w.departure.id);
    expect(JSON.stringify(page)).not.toContain(ADULT_A);
    const xlsx = await manifestXlsx(w.coop.id, w.departure.id);
    const grid = await readGrid("m.xlsx", new Uint8Array(xlsx.bytes), { maxBytes: 1e6, maxRows: 100 });
    expect(grid.rows.flat()).toEqual(expect.arrayContaining([ADULT_A, CHILD, "王小明"]));
    expect(await pdfText((await manifestPdf(w.coop.id, w.departure.id)).bytes)).toContain(ADULT_A);
    const other = await schemeWorld();
    await expect(manifestPdf(other.coop.id, w.departure.id)).rejects.toMatchObject({ status: 404 });
    // ten days after the return date the sealed numbers are dropped
    const afterTrip = new Date(Date.parse(`${w.departure.returnOn}T00:00:00Z`) + 11 * DAY);
    expect(await purgeTravellerIds(afterTrip)).toBeGreaterThanOrEqual(2);
    const grid2 = await readGrid("m.xlsx", new Uint8Array((await manifestXlsx(w.coop.id, w.departure.id)).bytes), { maxBytes: 1e6, maxRows: 100 });
    expect(grid2.rows.flat().join(" ")).not.toContain(ADULT_A);
  });
});
