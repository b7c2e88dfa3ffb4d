import { prisma, raw } from "~/db.server";
import { freshRollups } from "~/models/impact/rollup.server";
import { fillMonthGaps } from "~/lib/months";
import { chinaDate } from "~/lib/china-time";
import { SCHEME_CATEGORIES, type SchemeKind } from "~/models/orders/status";

// Impact as buyers, organisations, co-ops and the public see it. Everything is read from the ledger's
// rollups or, for one order, from its own entries. Public figures are aggregates only: no household
// code, village or id ever leaves publicImpact().

const n = (v: number | bigint | null | undefined) => Number(v ?? 0);

/** Pledge completion in per mille, rounded down so that 99.96% never shows as 100%; capped for display at 999%. */
export function pledgePercent(purchasedFen: number, targetFen: number | null): number | null {
  if (!targetFen || targetFen <= 0) return null;
  return Math.min(999, Math.floor((Math.max(0, purchasedFen) * 1000) / targetFen) / 10);
}

/** The public /impact page: headline totals and breakdowns by eastern city and prefecture. */
export async function publicImpact() {
  const rollups = await freshRollups();
  const [coops, households, orders, cities, prefectures] = await Promise.all([
    prisma.$queryRawUnsafe<{ coopId: string; partnerCityId: string; prefectureId: string; countyId: string; amount: number | bigint }[]>(
      `SELECT "coopId", "partnerCityId", "prefectureId", "countyId", "amountFen" AS amount FROM "ImpactCoopTotal" WHERE "amountFen" > 0`,
    ),
    prisma.$queryRawUnsafe<{ partnerCityId: string; prefectureId: string; households: number | bigint; people: number | bigint }[]>(
      `SELECT "partnerCityId", "prefectureId", COUNT(*) AS households, SUM("people") AS people
       FROM "ImpactHouseholdTotal" WHERE "amountFen" > 0 GROUP BY "partnerCityId", "prefectureId"`,
    ),
    prisma.order.count({ where: { paidAt: { not: null }, status: { not: "REFUNDED" } } }),
    prisma.easternCity.findMany({
      select: { id: true, name: true, since: true, hall: { select: { slogan: true } } },
      orderBy: { since: "asc" },
    }),
    prisma.prefecture.findMany({ select: { id: true, name: true, partnerCityId: true }, orderBy: { slug: "asc" } }),
  ]);
  const blank = () => ({ amountFen: 0, households: 0, people: 0, counties: new Set<string>() });
  const byCity = new Map(cities.map((c) => [c.id, blank()]));
  const byPrefecture = new Map(prefectures.map((p) => [p.id, blank()]));
  for (const c of coops) {
    for (const bucket of [byCity.get(c.partnerCityId), byPrefecture.get(c.prefectureId)]) {
      if (!bucket) continue;
      bucket.amountFen += n(c.amount);
      bucket.counties.add(c.countyId);
    }
  }
  for (const h of households) {
    for (const bucket of [byCity.get(h.partnerCityId), byPrefecture.get(h.prefectureId)]) {
      if (!bucket) continue;
      bucket.households += n(h.households);
      bucket.people += n(h.people);
    }
  }
  const plain = (b: ReturnType<typeof blank>) => ({ amountFen: b.amountFen, households: b.households, people: b.people, counties: b.counties.size });
  const cityRows = cities.map((c) => ({
    id: c.id,
    name: c.name,
    since: c.since,
    slogan: c.hall?.slogan ?? "",
    ...plain(byCity.get(c.id)!),
    prefectures: prefectures
      .filter((p) => p.partnerCityId === c.id)
      .map((p) => ({ id: p.id, name: p.name, ...plain(byPrefecture.get(p.id)!) })),
  }));
  return {
    rollups,
    totals: {
      amountFen: coops.reduce((s, c) => s + n(c.amount), 0),
      orders,
      counties: new Set(coops.map((c) => c.countyId)).size,
      coops: new Set(coops.map((c) => c.coopId)).size,
      households: households.reduce((s, h) => s + n(h.households), 0),
      people: households.reduce((s, h) => s + n(h.people), 0),
    },
    cities: cityRows,
    prefectures: prefectures
      .map((p) => ({ id: p.id, name: p.name, city: cities.find((c) => c.id === p.partnerCityId)?.name ?? "", ...plain(byPrefecture.get(p.id)!) }))
      .sort((a, b) => b.amountFen - a.amountFen),
  };
}
export type PublicImpact = Awaited<ReturnType<typeof publicImpact>>;

export interface Asker {
  id: string;
  organizationId?: string | null;
}

/**
 * A buyer's impact receipt: for one order the asker owns (they bought it, or it is their
 * organisation's), per line the origin county, the co-op and how many households shared the sale.
 * Null when the order does not exist or is not theirs (the caller answers 404).
 */
export async function orderImpactReceipt(asker: Asker, order: { id: string } | { number: string }) {
  // raw statements: the page every paid order ends on (Prisma's nested select and groupBy were five
  // statements through its query compiler); held to them by tests/integration/orders/order-page-reads.test.ts
  const db = raw(prisma);
  const [head] = await db.query<{ id: string; buyerId: string; organizationId: string | null; paidAt: string | null }>(
    `SELECT "id", "buyerId", "organizationId", "paidAt" FROM "Order" WHERE ${"id" in order ? `"id"` : `"number"`} = ?`,
    "id" in order ? order.id : order.number,
  );
  if (!head) return null;
  const owns = head.buyerId === asker.id || (head.organizationId !== null && head.organizationId === asker.organizationId);
  if (!owns) return null;
  const [rows, sums] = await Promise.all([
    db.query<{ id: string; productName: string; variantName: string; county: string; prefecture: string; coop: string }>(
      `SELECT l."id", l."productName", l."variantName", k."name" AS "county", f."name" AS "prefecture", c."name" AS "coop"
       FROM "OrderLine" l JOIN "Product" p ON p."id" = l."productId" JOIN "County" k ON k."id" = p."countyId"
         JOIN "Prefecture" f ON f."id" = k."prefectureId" JOIN "Coop" c ON c."id" = p."coopId"
       WHERE l."orderId" = ? ORDER BY l."id" ASC`,
      head.id,
    ),
    db.query<{ orderLineId: string; level: string; householdId: string | null; amountFen: number | null; householdPeople: number | null }>(
      `SELECT e."orderLineId", e."level", e."householdId", SUM(e."amountFen") AS "amountFen", MAX(e."householdPeople") AS "householdPeople"
       -- CROSS JOIN fixes the order (lines first): left to itself SQLite walked the level index, every COUNTY/HOUSEHOLD entry of the shop.
       FROM "OrderLine" l CROSS JOIN "AttributionEntry" e ON l."id" = e."orderLineId"
       WHERE l."orderId" = ? AND e."level" IN ('COUNTY', 'HOUSEHOLD') GROUP BY e."orderLineId", e."level", e."householdId"`,
      head.id,
    ),
  ]);
  return impactReceipt(
    { id: head.id, paidAt: head.paidAt, lines: rows.map(({ county, prefecture, coop, ...l }) => ({ ...l, product: { county: { name: county, prefecture: { name: prefecture } }, coop: { name: coop } } })) },
    sums.map((e) => ({ orderLineId: e.orderLineId, level: e.level, householdId: e.householdId, _sum: { amountFen: e.amountFen }, _max: { householdPeople: e.householdPeople } })),
  );
}

type ReceiptLine = { id: string; productName: string; variantName: string; product: { county: { name: string; prefecture: { name: string } }; coop: { name: string } } };
type ReceiptEntry = { orderLineId: string; level: string; householdId: string | null; _sum: { amountFen: number | null }; _max: { householdPeople: number | null } };

/** The receipt of an order's lines and its attribution sums per line, level and household (exported for its test). */
export function impactReceipt(found: { id: string; paidAt: Date | string | null; lines: ReceiptLine[] }, entries: ReceiptEntry[]) {
  const lines = found.lines.map((l) => {
    const mine = entries.filter((e) => e.orderLineId === l.id);
    const households = mine.filter((e) => e.level === "HOUSEHOLD" && (e._sum.amountFen ?? 0) > 0);
    return {
      id: l.id,
      productName: l.productName,
      variantName: l.variantName,
      county: l.product.county.name,
      prefecture: l.product.county.prefecture.name,
      coop: l.product.coop.name,
      amountFen: mine.filter((e) => e.level === "COUNTY").reduce((s, e) => s + (e._sum.amountFen ?? 0), 0),
      households: households.length,
      people: households.reduce((s, e) => s + (e._max.householdPeople ?? 0), 0),
    };
  });
  // Distinct over the whole order: a household behind two of its lines is one household helped.
  const helped = new Map<string, number>();
  for (const e of entries) {
    if (e.level === "HOUSEHOLD" && e.householdId && (e._sum.amountFen ?? 0) > 0) helped.set(e.householdId, e._max.householdPeople ?? 0);
  }
  return {
    orderId: found.id,
    paid: found.paidAt !== null,
    lines,
    households: helped.size,
    people: [...helped.values()].reduce((s, p) => s + p, 0),
  };
}
export type OrderImpactReceipt = NonNullable<Awaited<ReturnType<typeof orderImpactReceipt>>>;

/** A period for the organisation and co-op views: a year ("2026") or a month ("2026-03"). */
export function parsePeriod(value: string | null, now = new Date()): { label: string; from: string; to: string } | null {
  const v = value ?? String(chinaDate(now).year);
  let m = /^(\d{4})$/.exec(v);
  if (m) return { label: `${m[1]}年`, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(v);
  if (m) return { label: `${m[1]}年${Number(m[2])}月`, from: `${v}-01`, to: `${v}-31` };
  return null;
}

/** An organisation's pledge for a year, or null when it set none. */
export async function pledgeTarget(organizationId: string, year: number): Promise<{ targetFen: number } | null> {
  const [row] = await raw(prisma).query<{ targetFen: number | bigint }>(
    `SELECT "targetFen" FROM "Pledge" WHERE "organizationId" = ? AND "year" = ?`,
    organizationId, year,
  );
  return row ? { targetFen: Number(row.targetFen) } : null;
}

/** Counties by id with their prefecture's names and partner city, shaped as Prisma's nested select. */
export async function countyNames(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await raw(prisma).query<{ id: string; name: string; prefectureName: string; prefectureShort: string; partnerCity: string }>(
    `SELECT c."id", c."name", p."name" AS "prefectureName", p."shortName" AS "prefectureShort", e."name" AS "partnerCity"
     FROM "County" c JOIN "Prefecture" p ON p."id" = c."prefectureId" JOIN "EasternCity" e ON e."id" = c."partnerCityId"
     WHERE c."id" IN (${ids.map(() => "?").join(", ")})`,
    ...ids,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, prefecture: { name: r.prefectureName, shortName: r.prefectureShort }, partnerCity: { name: r.partnerCity } }));
}

/**
 * What an organisation bought in a year, by paired county and by month, against its pledge: one
 * pass over the county-level rollup. The pledge page and certificate need only this.
 */
export async function organizationPurchases(organizationId: string, year: number) {
  const rollups = await freshRollups();
  // Raw reads: /org shows these on every view, and each Prisma query (even $queryRawUnsafe) cost its
  // compiler 0.3–0.8 ms of CPU (decision 0016, third pass); org-page-reads.test.ts holds them to Prisma's.
  const db = raw(prisma);
  const [cells, pledge] = await Promise.all([
    db.query<{ countyId: string; month: string; amount: number | bigint }>(
      `SELECT "countyId", substr("day", 1, 7) AS month, SUM("amountFen") AS amount FROM "ImpactDaily"
       WHERE "level" = 'COUNTY' AND "organizationId" = ? AND "day" BETWEEN ? AND ? GROUP BY "countyId", month`,
      organizationId, `${year}-01-01`, `${year}-12-31`,
    ),
    pledgeTarget(organizationId, year),
  ]);
  const byCounty = new Map<string, number>();
  const byMonth = new Map<string, number>();
  for (const c of cells) {
    byCounty.set(c.countyId, (byCounty.get(c.countyId) ?? 0) + n(c.amount));
    byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + n(c.amount));
  }
  const counties = await countyNames([...byCounty.keys()]);
  const rows = [...byCounty]
    .map(([countyId, amountFen]) => {
      const county = counties.find((x) => x.id === countyId);
      return {
        countyId,
        county: county?.name ?? "",
        prefecture: county?.prefecture.name ?? "",
        prefectureShort: county?.prefecture.shortName ?? "",
        partnerCity: county?.partnerCity.name ?? "",
        amountFen,
      };
    })
    .sort((a, b) => b.amountFen - a.amountFen);
  const amountFen = rows.reduce((s, r) => s + r.amountFen, 0);
  return {
    rollups,
    year,
    amountFen,
    pledgeFen: pledge?.targetFen ?? null,
    pledgePercent: pledgePercent(amountFen, pledge?.targetFen ?? null),
    counties: rows,
    months: fillMonthGaps([...byMonth].map(([month, fen]) => ({ month, amountFen: fen }))),
  };
}

/** An organisation's purchases (above) with the households and people they reached, per county and in all. */
export async function organizationImpact(organizationId: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  await freshRollups(); // before the reach queries below, which run beside organizationPurchases
  const [purchases, reach, reachTotal] = await Promise.all([
    organizationPurchases(organizationId, year),
    prisma.$queryRawUnsafe<{ countyId: string; households: number | bigint; people: number | bigint }[]>(
      `SELECT "countyId", COUNT(*) AS households, SUM(people) AS people FROM (
         SELECT "countyId", "householdId", MAX("people") AS people FROM "ImpactHouseholdDaily"
         WHERE "organizationId" = ? AND "day" BETWEEN ? AND ? GROUP BY "countyId", "householdId" HAVING SUM("amountFen") > 0
       ) GROUP BY "countyId"`,
      organizationId, from, to,
    ),
    // Distinct over the whole year: a household behind products of two counties is one household.
    prisma.$queryRawUnsafe<{ households: number | bigint; people: number | bigint | null }[]>(
      `SELECT COUNT(*) AS households, SUM(people) AS people FROM (
         SELECT "householdId", MAX("people") AS people FROM "ImpactHouseholdDaily"
         WHERE "organizationId" = ? AND "day" BETWEEN ? AND ? GROUP BY "householdId" HAVING SUM("amountFen") > 0
       )`,
      organizationId, from, to,
    ),
  ]);
  const reachBy = new Map(reach.map((r) => [r.countyId, r]));
  return {
    ...purchases,
    households: n(reachTotal[0]?.households),
    people: n(reachTotal[0]?.people),
    counties: purchases.counties.map((c) => ({ ...c, households: n(reachBy.get(c.countyId)?.households), people: n(reachBy.get(c.countyId)?.people) })),
  };
}

/** What each household earned through one co-op in a period (their own households: codes are shown). */
export async function coopImpact(coopId: string, period: { from: string; to: string }) {
  const rollups = await freshRollups();
  const [rows, months] = await Promise.all([
    prisma.$queryRawUnsafe<{ householdId: string; amount: number | bigint; people: number | bigint }[]>(
      `SELECT "householdId", SUM("amountFen") AS amount, MAX("people") AS people FROM "ImpactHouseholdDaily"
       WHERE "coopId" = ? AND "day" BETWEEN ? AND ? GROUP BY "householdId"`,
      coopId, period.from, period.to,
    ),
    prisma.$queryRawUnsafe<{ month: string; amount: number | bigint }[]>(
      `SELECT substr("day", 1, 7) AS month, SUM("amountFen") AS amount FROM "ImpactDaily"
       WHERE "level" = 'COOP' AND "coopId" = ? AND "day" BETWEEN ? AND ? GROUP BY month ORDER BY month`,
      coopId, period.from, period.to,
    ),
  ]);
  const households = await prisma.household.findMany({
    where: { id: { in: rows.map((r) => r.householdId) } },
    select: { id: true, code: true, township: true, village: true, members: true },
  });
  const list = rows
    .map((r) => {
      const h = households.find((x) => x.id === r.householdId);
      return { householdId: r.householdId, code: h?.code ?? "", place: h ? `${h.township}${h.village}` : "", members: h?.members ?? n(r.people), amountFen: n(r.amount) };
    })
    .sort((a, b) => b.amountFen - a.amountFen || a.code.localeCompare(b.code));
  return {
    rollups,
    households: list,
    amountFen: months.reduce((s, m) => s + n(m.amount), 0),
    months: fillMonthGaps(months.map((m) => ({ month: m.month, amountFen: n(m.amount) }))),
  };
}

/**
 * Sales by how they were made: each of the article's schemes (its own category) and, for the rest,
 * goods (the all-time total less the schemes). Read from the rollups, restricted to the three scheme
 * categories so the scan stays small whatever the volume of goods.
 */
export async function impactBySchemes(totalFen: number) {
  const kinds = Object.keys(SCHEME_CATEGORIES) as SchemeKind[];
  const categories = await prisma.category.findMany({ where: { slug: { in: kinds.map((k) => SCHEME_CATEGORIES[k].slug) } }, select: { id: true, slug: true } });
  const ids = categories.map((c) => c.id);
  const marks = ids.map(() => "?").join(", ") || "''";
  const [amounts, households] = await Promise.all([
    prisma.$queryRawUnsafe<{ categoryId: string; amount: number | bigint }[]>(
      `SELECT "categoryId", SUM("amountFen") AS amount FROM "ImpactDaily" WHERE "level" = 'COUNTY' AND "categoryId" IN (${marks}) GROUP BY "categoryId"`,
      ...ids,
    ),
    prisma.$queryRawUnsafe<{ categoryId: string; households: number | bigint; people: number | bigint }[]>(
      `SELECT "categoryId", COUNT(*) AS households, SUM(people) AS people FROM (
         SELECT "categoryId", "householdId", MAX("people") AS people, SUM("amountFen") AS net
         FROM "ImpactHouseholdDaily" WHERE "categoryId" IN (${marks}) GROUP BY "categoryId", "householdId"
       ) WHERE net > 0 GROUP BY "categoryId"`,
      ...ids,
    ),
  ]);
  const rows = kinds.map((kind) => {
    const id = categories.find((c) => c.slug === SCHEME_CATEGORIES[kind].slug)?.id;
    const h = households.find((x) => x.categoryId === id);
    return { key: kind as string, label: SCHEME_CATEGORIES[kind].name, amountFen: n(amounts.find((a) => a.categoryId === id)?.amount), households: n(h?.households), people: n(h?.people) };
  });
  const schemesFen = rows.reduce((s, r) => s + r.amountFen, 0);
  return [{ key: "GOODS", label: "特产销售", amountFen: totalFen - schemesFen, households: null as number | null, people: null as number | null }, ...rows];
}
