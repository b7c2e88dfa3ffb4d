import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { DIMENSION_KEYS, type Dimension } from "~/models/impact/dimensions";
import { recordRefund } from "~/models/impact/ledger.server";
import { neutraliseFormula as formulaSafe } from "~/lib/csv-safe";
import { ledgerCsvStream, ledgerExportRows, ledgerXlsxStream } from "~/models/impact/export.server";
import { DomainError } from "~/lib/errors";
import { impactReport, parseReportQuery, splitRange, wholeMonths, type ReportQuery } from "~/models/impact/report.server";
import { businessDay } from "~/lib/china-time";
import { applyPendingRollups, rebuildRollups, rollupsAsOf } from "~/models/impact/rollup.server";
import { coopImpact, orderImpactReceipt, organizationImpact, parsePeriod, publicImpact } from "~/models/impact/views.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { addMember, createProgramme } from "~/models/programmes/programme.server";
import { loader as impactLoader } from "~/routes/impact";
import {
  makeCoop,
  makeCounty,
  makeHousehold,
  makeOrganization,
  makePaidOrder,
  makeProduct,
  makeUser,
  makeWorld,
  seededRandom,
  setShare,
} from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import * as reportsPage from "~/routes/admin.reports";
import * as reportsExport from "~/routes/admin.reports.export";

const DAY = 86_400_000;

async function refundLine(orderId: string, orderLineId: string, amountFen: number, createdById: string) {
  return prisma.$transaction(async (tx) => {
    const refund = await tx.refund.create({ data: { orderId, orderLineId, amountFen, reason: "质量问题", createdById } });
    await tx.orderLine.update({ where: { id: orderLineId }, data: { refundedFen: { increment: amountFen } } });
    await tx.order.update({ where: { id: orderId }, data: { refundedFen: { increment: amountFen } } });
    await recordRefund(tx, { refundId: refund.id, lines: [{ orderLineId, amountFen }] });
    return refund;
  });
}

/**
 * A small generated market: two worlds (cities), three counties, co-ops with households sharing
 * products by random weights, 60 orders over a year by consumers and two organisations, and some
 * partial refunds — one of which takes a whole line back.
 */
async function generateMarket(seed: number) {
  const rand = seededRandom(seed);
  const a = await makeWorld(prisma);
  const b = await makeWorld(prisma);
  const extraCounty = await makeCounty(prisma, { prefectureId: a.prefecture.id, partnerCityId: a.city.id, name: "陇西县" });
  const extraCoop = await makeCoop(prisma, { countyId: extraCounty.id });
  const places = [
    { county: a.county.id, coop: a.coop.id, category: a.category.id },
    { county: extraCounty.id, coop: extraCoop.id, category: a.category.id },
    { county: b.county.id, coop: b.coop.id, category: b.category.id },
  ];
  const variants: string[] = [];
  for (const [i, p] of places.entries()) {
    const households = [];
    for (let h = 0; h < 4; h++) households.push(await makeHousehold(prisma, { countyId: p.county, coopId: p.coop, members: 1 + Math.floor(rand() * 6) }));
    for (let k = 0; k < 2; k++) {
      const product = await makeProduct(prisma, { countyId: p.county, coopId: p.coop, categoryId: p.category, variants: [{ priceFen: 999 + Math.floor(rand() * 20000) }] });
      // One product (the last of the first place) has no household shares at all.
      if (!(i === 0 && k === 1)) {
        for (const h of households) if (rand() < 0.8) await setShare(prisma, { productId: product.id, householdId: h.id, weight: 1 + Math.floor(rand() * 9) });
      }
      variants.push(product.variants[0].id);
    }
  }
  // A co-op of the first county also supplies a product of the second (prefecture-level co-ops do).
  const crossCounty = await makeProduct(prisma, { countyId: extraCounty.id, coopId: a.coop.id, categoryId: a.category.id, variants: [{ priceFen: 4321 }] });
  const aHouseholds = await prisma.coopHousehold.findMany({ where: { coopId: a.coop.id }, select: { householdId: true } });
  for (const h of aHouseholds.slice(0, 2)) await setShare(prisma, { productId: crossCounty.id, householdId: h.householdId, weight: 1 });
  variants.push(crossCounty.variants[0].id);
  const orgA = await makeOrganization(prisma, { type: "AGENCY", city: "福州" });
  const orgB = await makeOrganization(prisma, { type: "UNION", city: "青岛" });
  const consumer = await makeUser(prisma);
  const buyerA = await makeUser(prisma, { roles: ["org_buyer"], organizationId: orgA.id });
  const buyerB = await makeUser(prisma, { roles: ["org_buyer"], organizationId: orgB.id });
  const now = Date.now();
  // orgA's purchases from the first county count for a 定点帮扶 programme — from 200 days ago only.
  const programme = await createProgramme({ name: "测试部委定点帮扶", unitName: "测试部委", countyId: a.county.id, startsOn: businessDay(new Date(now - 200 * DAY)) });
  await addMember(programme.id, orgA.id);
  const orders = [];
  for (let k = 0; k < 60; k++) {
    const who = rand();
    const org = who < 0.3 ? orgA : who < 0.5 ? orgB : null;
    const buyer = org === orgA ? buyerA : org === orgB ? buyerB : consumer;
    const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ variantId: variants[Math.floor(rand() * variants.length)], quantity: 1 + Math.floor(rand() * 5) }));
    const unique = [...new Map(lines.map((l) => [l.variantId, l])).values()];
    orders.push(
      await makePaidOrder(prisma, {
        buyerId: buyer.id,
        organizationId: org?.id ?? null,
        hallId: rand() < 0.5 ? a.hall.id : rand() < 0.8 ? b.hall.id : null,
        paidAt: new Date(now - Math.floor(rand() * 360) * DAY),
        lines: unique,
      }),
    );
  }
  for (const order of orders.slice(0, 12)) {
    const line = order.lines[0];
    const amount = order === orders[0] ? line.lineTotalFen : 1 + Math.floor(rand() * (line.lineTotalFen - 1));
    await refundLine(order.id, line.id, amount, order.buyerId);
  }
  return { a, b, extraCounty, orgA, orgB, consumer, buyerA, orders };
}

/** The brute force the rollups must agree with: every raw entry, filtered and grouped in JS. */
async function bruteForce(q: ReportQuery) {
  const entries = await prisma.attributionEntry.findMany();
  const programmes = await prisma.assistanceProgramme.findMany({ include: { members: true }, orderBy: [{ startsOn: "asc" }, { id: "asc" }] });
  const programmeOf = (e: (typeof entries)[number]) => {
    const day = businessDay(e.occurredAt);
    const p = programmes.find(
      (p) => p.countyId === e.countyId && p.startsOn <= day && (!p.endsOn || p.endsOn >= day) && p.members.some((m) => m.organizationId === e.organizationId),
    );
    return p?.id ?? "";
  };
  const keep = entries.filter((e) => {
    const day = businessDay(e.occurredAt);
    return (
      day >= q.from &&
      day <= q.to &&
      (!q.hallId || e.hallId === q.hallId) &&
      (!q.cityId || e.partnerCityId === q.cityId) &&
      (!q.countyId || e.countyId === q.countyId)
    );
  });
  const keyOf = (e: (typeof entries)[number]): string =>
    ({
      city: e.partnerCityId,
      hall: e.hallId ?? "",
      prefecture: e.prefectureId,
      county: e.countyId,
      coop: e.coopId,
      category: e.categoryId,
      org: e.organizationId ?? "",
      month: businessDay(e.occurredAt).slice(0, 7),
      programme: programmeOf(e),
    })[q.by];
  const sales = new Map<string, number>();
  for (const e of keep.filter((e) => e.level === "COUNTY")) sales.set(keyOf(e), (sales.get(keyOf(e)) ?? 0) + e.amountFen);
  const net = new Map<string, { key: string; household: string; amount: number; people: number }>();
  for (const e of keep.filter((e) => e.level === "HOUSEHOLD")) {
    const id = `${keyOf(e)}|${e.householdId}`;
    const cur = net.get(id) ?? { key: keyOf(e), household: e.householdId!, amount: 0, people: e.householdPeople };
    cur.amount += e.amountFen;
    net.set(id, cur);
  }
  const reached = [...net.values()].filter((x) => x.amount > 0);
  const perHousehold = new Map<string, { amount: number; people: number }>();
  for (const e of keep.filter((e) => e.level === "HOUSEHOLD")) {
    const cur = perHousehold.get(e.householdId!) ?? { amount: 0, people: e.householdPeople };
    cur.amount += e.amountFen;
    perHousehold.set(e.householdId!, cur);
  }
  const totalReached = [...perHousehold.values()].filter((x) => x.amount > 0);
  return {
    rows: [...sales].map(([key, amountFen]) => ({
      key,
      amountFen,
      households: reached.filter((r) => r.key === key).length,
      people: reached.filter((r) => r.key === key).reduce((s, r) => s + r.people, 0),
    })),
    totals: {
      amountFen: [...sales.values()].reduce((s, v) => s + v, 0),
      households: totalReached.length,
      people: totalReached.reduce((s, r) => s + r.people, 0),
    },
  };
}

const query = (params: Record<string, string>) => parseReportQuery(new URLSearchParams(params));

describe("impact reports on generated data", () => {
  let market: Awaited<ReturnType<typeof generateMarket>>;
  // A few seconds normally; generous for a busy machine.
  beforeAll(async () => {
    market = await generateMarket(7);
  }, 60_000);

  it("equal a brute-force sum over the raw entries, for every grouping and filter", async () => {
    const today = businessDay(new Date());
    // The last day of the previous month.
    const lastMonth = businessDay(new Date(new Date(`${today.slice(0, 7)}-01T12:00:00+08:00`).getTime() - DAY));
    const filterSets: Record<string, string>[] = [
      {},
      { from: businessDay(new Date(Date.now() - 120 * DAY)), to: today },
      { cityId: market.a.city.id },
      { hallId: market.b.hall.id },
      { countyId: market.extraCounty.id },
      // Day-precise ranges read the daily rollups; month-aligned ones the monthly rollups.
      { from: businessDay(new Date(Date.now() - 200 * DAY)), to: businessDay(new Date(Date.now() - 20 * DAY)), hallId: market.a.hall.id },
      { from: `${lastMonth.slice(0, 7)}-01`, to: lastMonth, cityId: market.a.city.id },
      { from: `${lastMonth.slice(0, 4)}-01-01`, to: today, hallId: market.b.hall.id, cityId: market.b.city.id },
      { from: businessDay(new Date(Date.now() - 300 * DAY)), to: businessDay(new Date(Date.now() - 45 * DAY)) },
      { from: businessDay(new Date(Date.now() - 300 * DAY)), to: today, cityId: market.a.city.id },
    ];
    for (const filters of filterSets) {
      for (const by of DIMENSION_KEYS) {
        const q = await query({ ...filters, by });
        const report = await impactReport(q);
        const brute = await bruteForce(q);
        const strip = (rows: { key: string; amountFen: number; households: number; people: number }[]) =>
          rows.map(({ key, amountFen, households, people }) => ({ key, amountFen, households, people })).sort((x, y) => x.key.localeCompare(y.key));
        expect(strip(report.rows), `${by} ${JSON.stringify(filters)}`).toEqual(strip(brute.rows));
        expect(report.totals).toEqual(brute.totals);
      }
    }
  });

  it("sales total equals paid goods minus refunds, and reconciliation passes", async () => {
    const result = await reconcile();
    expect(result.mismatches).toEqual([]);
    expect(result.ok).toBe(true);
    const q = await query({ from: "2000-01-01", to: businessDay(new Date()) });
    const report = await impactReport(q);
    expect(report.totals.amountFen).toBe(result.expectedFen);
    expect(result.ledgerFen).toBe(result.expectedFen);
  });

  it("a household whose sales were all refunded is not counted as reached", async () => {
    // The first order's first line was refunded in full.
    const line = market.orders[0].lines[0];
    const entries = await prisma.attributionEntry.findMany({ where: { orderLineId: line.id, level: "HOUSEHOLD" } });
    const net = new Map<string, number>();
    for (const e of entries) net.set(e.householdId!, (net.get(e.householdId!) ?? 0) + e.amountFen);
    expect([...net.values()].every((v) => v === 0)).toBe(true);
    const receipt = await orderImpactReceipt({ id: market.orders[0].buyerId }, { id: market.orders[0].id });
    expect(receipt!.lines[0].amountFen).toBe(0);
    expect(receipt!.lines[0].households).toBe(0);
  });

  it("rollups maintained in batches from the queue equal a rebuild from the raw ledger", async () => {
    await applyPendingRollups(prisma);
    expect((await rollupsAsOf(prisma)).pending).toBe(0);
    const snapshot = async () => ({
      daily: await prisma.impactDaily.findMany({ orderBy: [{ day: "asc" }, { level: "asc" }, { countyId: "asc" }, { coopId: "asc" }, { hallId: "asc" }, { organizationId: "asc" }, { categoryId: "asc" }] }),
      households: (await prisma.impactHouseholdDaily.findMany()).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
      coops: await prisma.impactCoopTotal.findMany({ orderBy: { coopId: "asc" } }),
      monthly: await prisma.impactMonthly.findMany({ orderBy: [{ hallId: "asc" }, { month: "asc" }, { coopId: "asc" }] }),
      reach: await prisma.impactReachMonthly.findMany({ orderBy: [{ hallId: "asc" }, { month: "asc" }, { householdId: "asc" }, { coopId: "asc" }] }),
      totals: await prisma.impactHouseholdTotal.findMany({ orderBy: { householdId: "asc" } }),
    });
    const before = await snapshot();
    await rebuildRollups(prisma);
    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it("the organisation dashboard shows its purchases by county and month against its pledge", async () => {
    const year = new Date().getUTCFullYear();
    await prisma.pledge.create({ data: { organizationId: market.orgA.id, year, targetFen: 100_000 } });
    const impact = await organizationImpact(market.orgA.id, year);
    const q = await query({ from: `${year}-01-01`, to: `${year}-12-31`, by: "org" });
    const row = (await impactReport(q)).rows.find((r) => r.key === market.orgA.id);
    expect(impact.amountFen).toBe(row?.amountFen ?? 0);
    expect(impact.households).toBe(row?.households ?? 0);
    expect(impact.counties.reduce((s, c) => s + c.amountFen, 0)).toBe(impact.amountFen);
    expect(impact.months.reduce((s, m) => s + m.amountFen, 0)).toBe(impact.amountFen);
    expect(impact.pledgeFen).toBe(100_000);
    expect(impact.pledgePercent).toBe(Math.min(999, Math.floor((impact.amountFen * 1000) / 100_000) / 10));
    // Nothing of the other organisation's purchases shows.
    const other = await organizationImpact(market.orgB.id, year);
    expect(other.amountFen + impact.amountFen).toBeLessThanOrEqual((await impactReport(await query({ from: `${year}-01-01`, to: `${year}-12-31` }))).totals.amountFen);
  });

  it("the co-op view gives each household's earnings through that co-op", async () => {
    const period = { from: "2000-01-01", to: "2999-12-31" };
    const view = await coopImpact(market.a.coop.id, period);
    const entries = await prisma.attributionEntry.findMany({ where: { coopId: market.a.coop.id, level: "HOUSEHOLD" } });
    for (const h of view.households) {
      expect(h.amountFen).toBe(entries.filter((e) => e.householdId === h.householdId).reduce((s, e) => s + e.amountFen, 0));
    }
    const coopEntries = await prisma.attributionEntry.findMany({ where: { coopId: market.a.coop.id, level: "COOP" } });
    expect(view.amountFen).toBe(coopEntries.reduce((s, e) => s + e.amountFen, 0));
  });

  it("exports stream every ledger row as CSV and XLSX", async () => {
    const q = await query({ from: "2000-01-01", to: businessDay(new Date()) });
    const csv = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      ledgerCsvStream(q).on("data", (c: Buffer) => chunks.push(Buffer.from(c))).on("end", () => resolve(Buffer.concat(chunks).toString("utf8"))).on("error", reject);
    });
    const rows = csv.replace(/^\uFEFF/, "").trim().split("\n");
    const countyEntries = await prisma.attributionEntry.count({ where: { level: "COUNTY" } });
    expect(rows.length).toBe(countyEntries + 1);
    expect(rows[0]).toContain("金额（元）");

    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => ledgerXlsxStream(q).on("data", (c: Buffer) => chunks.push(c)).on("end", resolve).on("error", reject));
    // Small pages: every row exactly once across page boundaries, in time order.
    const paged: string[][] = [];
    for await (const row of ledgerExportRows(q, { pageSize: 7 })) paged.push(row);
    expect(paged.length).toBe(countyEntries);
    expect(paged.map((r) => r.join("|")).sort()).toEqual(rows.slice(1).map((r) => r.split(",").join("|")).sort());
    expect(paged.map((r) => r[0])).toEqual(paged.map((r) => r[0]).sort());
    expect(paged.filter((r) => r[2] === "退款冲销").length).toBe(12);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(countyEntries + 1);
  });
});

describe("report filters", () => {
  it("reject bad dates and unknown ids with a 400 and a message", async () => {
    const cases: Record<string, string>[] = [{ from: "2026-13-01" }, { to: "2026-02-30" }, { from: "yesterday" }, { from: "2026-05-01", to: "2026-04-01" }, { by: "galaxy" }, { hallId: "nope" }, { cityId: "nope" }, { countyId: "nope" }];
    for (const params of cases) {
      const error = await query(params).catch((e: unknown) => e);
      expect(error, JSON.stringify(params)).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).message.length).toBeGreaterThan(0);
    }
  });

  it("default to the last twelve months, month-aligned, grouped by eastern city", async () => {
    const q = await query({});
    expect(q.by).toBe("city");
    expect(q.to).toBe(businessDay(new Date()));
    expect(q.from.endsWith("-01")).toBe(true);
    expect(wholeMonths(q)).not.toBeNull();
    // Cleared fields and "全部" (empty ids) mean "not given".
    expect(await query({ from: "", to: "", hallId: "", cityId: "", countyId: "" })).toEqual(q);
  });

  it("read the monthly rollups only for ranges made of whole months", () => {
    expect(wholeMonths({ from: "2026-01-01", to: "2026-03-31" }, "2026-11-24")).toEqual({ from: "2026-01", to: "2026-03" });
    expect(wholeMonths({ from: "2026-02-01", to: "2026-02-28" }, "2026-11-24")).toEqual({ from: "2026-02", to: "2026-02" });
    expect(wholeMonths({ from: "2026-11-01", to: "2026-11-24" }, "2026-11-24")).toEqual({ from: "2026-11", to: "2026-11" });
    expect(wholeMonths({ from: "2026-01-02", to: "2026-03-31" }, "2026-11-24")).toBeNull();
    expect(wholeMonths({ from: "2026-01-01", to: "2026-03-30" }, "2026-11-24")).toBeNull();
  });

  it("split other ranges into whole months and the days at either end", () => {
    expect(splitRange({ from: "2025-11-26", to: "2026-11-10" }, "2026-11-24")).toEqual({
      months: { from: "2025-12", to: "2026-10" },
      days: [["2025-11-26", "2025-11-30"], ["2026-11-01", "2026-11-10"]],
    });
    expect(splitRange({ from: "2026-02-10", to: "2026-11-24" }, "2026-11-24")).toEqual({
      months: { from: "2026-03", to: "2026-11" },
      days: [["2026-02-10", "2026-02-28"]],
    });
    expect(splitRange({ from: "2026-03-05", to: "2026-03-20" }, "2026-11-24")).toEqual({ months: null, days: [["2026-03-05", "2026-03-20"]] });
    expect(splitRange({ from: "2026-03-05", to: "2026-04-20" }, "2026-11-24")).toEqual({ months: null, days: [["2026-03-05", "2026-04-20"]] });
  });
});

describe("the ledger and its rollups", () => {
  it("share changes after a sale do not change past reports", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1000 }] });
    const h1 = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members: 3 });
    const h2 = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members: 5 });
    await setShare(prisma, { productId: product.id, householdId: h1.id, weight: 1 });
    const buyer = await makeUser(prisma);
    await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: product.variants[0].id, quantity: 3 }] });
    const q = await query({ countyId: w.county.id, by: "coop" });
    const before = await impactReport(q);
    expect(before.totals).toEqual({ amountFen: 3000, households: 1, people: 3 });

    await setShare(prisma, { productId: product.id, householdId: h1.id, weight: 0 });
    await setShare(prisma, { productId: product.id, householdId: h2.id, weight: 5 });
    // the same figures (only the moment they are "as of" moves)
    expect({ ...(await impactReport(q)), rollups: before.rollups }).toEqual(before);
    const coop = await coopImpact(w.coop.id, { from: "2000-01-01", to: "2999-12-31" });
    expect(coop.households.map((h) => [h.householdId, h.amountFen])).toEqual([[h1.id, 3000]]);
  });

  it("property: random amounts and shares — parts add up at every level, none negative, deterministic", async () => {
    const rand = seededRandom(99);
    const w = await makeWorld(prisma);
    for (let run = 0; run < 15; run++) {
      const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1 + Math.floor(rand() * 50_000) }] });
      const weights: number[] = [];
      for (let h = 0; h < 1 + Math.floor(rand() * 7); h++) {
        const household = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id });
        const weight = Math.floor(rand() * 10) + (h === 0 ? 1 : 0);
        weights.push(weight);
        await setShare(prisma, { productId: product.id, householdId: household.id, weight });
      }
      const buyer = await makeUser(prisma);
      const order = await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: product.variants[0].id, quantity: 1 + Math.floor(rand() * 9) }] });
      const line = order.lines[0];
      const entries = await prisma.attributionEntry.findMany({ where: { orderLineId: line.id }, orderBy: { householdId: "asc" } });
      for (const level of ["COUNTY", "COOP", "HOUSEHOLD"]) {
        expect(entries.filter((e) => e.level === level).reduce((s, e) => s + e.amountFen, 0)).toBe(line.lineTotalFen);
      }
      expect(entries.every((e) => e.amountFen >= 0)).toBe(true);
      // The same sale attributed again (a fresh order) splits exactly the same way.
      const again = await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: product.variants[0].id, quantity: line.quantity }] });
      const second = await prisma.attributionEntry.findMany({ where: { orderLineId: again.lines[0].id }, orderBy: { householdId: "asc" } });
      expect(second.map((e) => [e.level, e.householdId, e.amountFen])).toEqual(entries.map((e) => [e.level, e.householdId, e.amountFen]));
    }
  });
});

describe("the organisation dashboard", () => {
  it("counts a household behind products of two counties once in its total (and /impact both counties)", async () => {
    const w = await makeWorld(prisma);
    const county2 = await makeCounty(prisma, { prefectureId: w.prefecture.id, partnerCityId: w.city.id, name: "临洮县" });
    const household = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members: 4 });
    // A prefecture-level co-op supplying products of two counties.
    const p1 = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id });
    const p2 = await makeProduct(prisma, { countyId: county2.id, coopId: w.coop.id, categoryId: w.category.id });
    const before = (await publicImpact()).totals;
    for (const p of [p1, p2]) await setShare(prisma, { productId: p.id, householdId: household.id, weight: 1 });
    const org = await makeOrganization(prisma);
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    await makePaidOrder(prisma, { buyerId: buyer.id, organizationId: org.id, lines: [{ variantId: p1.variants[0].id, quantity: 1 }, { variantId: p2.variants[0].id, quantity: 1 }] });
    const impact = await organizationImpact(org.id, new Date().getUTCFullYear());
    expect(impact.counties.map((c) => c.households)).toEqual([1, 1]);
    expect(impact.households).toBe(1);
    expect(impact.people).toBe(4);
    expect(impact.pledgeFen).toBeNull();
    const after = (await publicImpact()).totals;
    expect(after.counties - before.counties).toBe(2);
    expect(after.coops - before.coops).toBe(1);
    expect(after.households - before.households).toBe(1);
    expect(after.amountFen - before.amountFen).toBe(impact.amountFen);
  });
});

describe("reconciliation", () => {
  it("catches an injected mismatch and names the order", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 2500 }] });
    const buyer = await makeUser(prisma);
    const order = await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: product.variants[0].id, quantity: 2 }] });
    expect((await reconcile()).mismatches.filter((m) => m.orderId === order.id)).toEqual([]);

    // A refund recorded on the order but never reversed in the ledger.
    await prisma.refund.create({ data: { orderId: order.id, orderLineId: order.lines[0].id, amountFen: 700, reason: "少发", createdById: buyer.id } });
    const result = await reconcile();
    expect(result.ok).toBe(false);
    expect(result.mismatches).toContainEqual({
      orderId: order.id,
      orderNumber: order.number,
      expectedFen: 5000 - 700,
      ledgerFen: 5000,
      reason: "账本金额与订单实付（扣除退款）不符",
    });

    // A ledger row written behind the rollups' back shows up in the rollup check too.
    const sale = await prisma.attributionEntry.findFirstOrThrow({ where: { orderLineId: order.lines[0].id, level: "COUNTY" } });
    const { id: _id, ...copy } = sale;
    await prisma.attributionEntry.create({ data: { ...copy, amountFen: 1 } });
    const again = await reconcile();
    expect(again.rollups.find((r) => r.name === "日汇总·县层级")!.rollupFen).not.toBe(again.rollups.find((r) => r.name === "日汇总·县层级")!.ledgerFen);
  });
});

describe("privacy and the buyer's receipt", () => {
  it("the public impact page carries no household code, id or village", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id });
    const household = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, code: "GS-SECRET-0042", village: "保密村" });
    await setShare(prisma, { productId: product.id, householdId: household.id, weight: 1 });
    const buyer = await makeUser(prisma);
    await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: product.variants[0].id, quantity: 1 }] });

    const impact = await publicImpact();
    expect(impact.totals.households).toBeGreaterThan(0);
    const response = await impactLoader({ request: new Request("http://localhost/impact"), params: {}, context: {} });
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = await response.text();
    for (const secret of [household.code, household.id, household.village]) {
      expect(body).not.toContain(secret);
      expect(JSON.stringify(impact)).not.toContain(secret);
    }
  });

  it("shows the buyer (and their organisation) where each line went; nobody else", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1000 }] });
    const other = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 500 }] });
    const hs = [];
    for (const members of [2, 4, 6]) hs.push(await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id, members }));
    for (const h of hs) await setShare(prisma, { productId: product.id, householdId: h.id, weight: 1 });
    await setShare(prisma, { productId: other.id, householdId: hs[0].id, weight: 1 });
    const org = await makeOrganization(prisma);
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const colleague = await makeUser(prisma, { roles: ["org_admin"], organizationId: org.id });
    const stranger = await makeUser(prisma);
    const order = await makePaidOrder(prisma, {
      buyerId: buyer.id,
      organizationId: org.id,
      lines: [{ variantId: product.variants[0].id, quantity: 1 }, { variantId: other.variants[0].id, quantity: 2 }],
    });

    const receipt = await orderImpactReceipt(buyer, { number: order.number });
    expect(receipt?.paid).toBe(true);
    const byName = Object.fromEntries(receipt!.lines.map((l) => [l.productName, l]));
    expect(byName[product.name]).toMatchObject({ county: w.county.name, coop: w.coop.name, households: 3, people: 12, amountFen: 1000 });
    expect(byName[other.name]).toMatchObject({ households: 1, people: 2, amountFen: 1000 });
    // Household 0 is behind both lines: counted once for the order.
    expect(receipt!.households).toBe(3);
    expect(receipt!.people).toBe(12);
    expect(await orderImpactReceipt(colleague, { id: order.id })).not.toBeNull();
    expect(await orderImpactReceipt(stranger, { id: order.id })).toBeNull();
    expect(await orderImpactReceipt(buyer, { id: "no-such-order" })).toBeNull();
  });
});

describe("formula-safe exports", () => {
  it("prefixes cells a spreadsheet would run as a formula", () => {
    for (const bad of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) expect(formulaSafe(bad)).toBe(`'${bad}`);
    for (const ok of ["渭源县", "福州 = 榕城", "DEMO-H0001", ""]) expect(formulaSafe(ok)).toBe(ok);
  });

  it("escapes a hostile organisation name in the CSV", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id });
    const org = await makeOrganization(prisma, { name: "=cmd|' /C calc'!A0" });
    const buyer = await makeUser(prisma, { organizationId: org.id });
    await makePaidOrder(prisma, { buyerId: buyer.id, organizationId: org.id, lines: [{ variantId: product.variants[0].id, quantity: 1 }] });
    const q = await query({ countyId: w.county.id, by: "county" as Dimension });
    let csv = "";
    for await (const chunk of ledgerCsvStream(q)) csv += chunk.toString();
    expect(csv).toContain(`'=cmd|`);
    expect(csv).not.toMatch(/(^|,)"?=cmd/m);
  });
});

describe("the period an impact page shows by default", () => {
  it("is the current year in Beijing, also in the first hours of 1 January", () => {
    expect(parsePeriod(null, new Date("2026-12-31T17:00:00Z"))?.from).toBe("2027-01-01");
    expect(parsePeriod(null, new Date("2026-12-31T15:00:00Z"))?.from).toBe("2026-01-01");
  });
});

describe("the report pages", () => {
  it("answer bad filters with a 400 and the reason, not a 500", async () => {
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const cookie = await cookieFor(staff.id);
    for (const load of [reportsPage.loader, reportsExport.loader]) {
      const response = await responseOf(() => load(routeArgs("/admin/reports?from=2026-02-30", { cookie })));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("日期");
    }
  });
});
