import * as z from "zod";
import { prisma } from "~/db.server";
import { DIMENSION_KEYS, type Dimension } from "~/models/impact/dimensions";
import { fillMonthGaps } from "~/lib/months";
import { businessDay } from "~/lib/china-time";
import { ALL_HALLS, freshRollups } from "~/models/impact/rollup.server";
import { DomainError } from "~/lib/errors";
import { NO_PROGRAMME_LABEL, programmeKeySql } from "~/models/programmes/programme.server";

// Staff impact reports, read from the rollups (never the raw ledger): sales are the COUNTY-level
// amounts (every paid line attributed once), "households reached" / "people reached" count the
// distinct households (and their members) whose net amount in the filtered range is above zero —
// a household whose sales were all refunded has not been reached.

/** The SQL expression of each grouping over a daily rollup row aliased "r" (the monthly ones for some). */
export const COLUMNS: Record<Dimension, string> = {
  city: `"partnerCityId"`,
  hall: `"hallId"`,
  prefecture: `"prefectureId"`,
  county: `"countyId"`,
  coop: `"coopId"`,
  category: `"categoryId"`,
  org: `"organizationId"`,
  month: `substr("day", 1, 7)`,
  // The daily rollups are read as "r"; a sale is claimed by at most one programme (see programmes/).
  programme: programmeKeySql("r"),
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "日期无效");
const id = z.string().trim().max(64).optional().transform((v) => v || undefined);

export const reportQuerySchema = z
  .object({
    // A cleared date field arrives as "": it means "not given".
    from: z.preprocess((v) => (v === "" ? undefined : v), day.optional()),
    to: z.preprocess((v) => (v === "" ? undefined : v), day.optional()),
    by: z.enum(DIMENSION_KEYS as [Dimension, ...Dimension[]], { message: "未知的分组方式" }).default("city"),
    hallId: id,
    cityId: id,
    countyId: id,
  })
  .transform((q) => {
    const to = q.to ?? businessDay(new Date());
    // Default: the last twelve months, from the 1st of the month eleven months back (month-aligned,
    // so the report reads the monthly rollups).
    const from = q.from ?? `${shiftMonths(to.slice(0, 7), -11)}-01`;
    return { ...q, from, to };
  })
  .refine((q) => q.from <= q.to, { message: "开始日期不能晚于结束日期", path: ["from"] });
export type ReportQuery = z.output<typeof reportQuerySchema>;
export type ReportFilters = Omit<ReportQuery, "by">;

function shiftMonths(month: string, months: number) {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 7);
}

function shiftDays(dayStr: string, days: number) {
  const d = new Date(`${dayStr}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Parses and checks report filters; bad dates or unknown ids throw a DomainError (400) with the reason. */
export async function parseReportQuery(params: URLSearchParams): Promise<ReportQuery> {
  const parsed = reportQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join("；"));
  const q = parsed.data;
  const [hall, city, county] = await Promise.all([
    q.hallId ? prisma.hall.findUnique({ where: { id: q.hallId }, select: { id: true } }) : true,
    q.cityId ? prisma.easternCity.findUnique({ where: { id: q.cityId }, select: { id: true } }) : true,
    q.countyId ? prisma.county.findUnique({ where: { id: q.countyId }, select: { id: true } }) : true,
  ]);
  if (!hall) throw badRequest("未知的体验馆");
  if (!city) throw badRequest("未知的东部城市");
  if (!county) throw badRequest("未知的县区");
  return q;
}

function badRequest(message: string) {
  return new DomainError(message);
}

interface Part {
  sql: string;
  params: string[];
}

/**
 * Where a query reads from, as two sub-selects: `sales` yields (k, amountFen) and `reach` yields
 * (k, householdId, people, amountFen). The whole months of the range come from the narrow monthly
 * rollups (a few thousand rows a year); days at either end that do not make a whole month come from
 * the daily rollups. Groupings the monthly rollups do not carry (category, organisation) read the
 * daily rollups for the whole range. Either way the figures are exact to the day.
 */
function sourceFor(q: ReportQuery): { sales: Part; reach: Part } {
  const { months, days } = MONTHLY_DIMENSIONS.has(q.by) ? splitRange(q) : { months: null, days: [[q.from, q.to]] as [string, string][] };
  const sales: Part[] = [];
  const reach: Part[] = [];
  if (months) {
    const clauses = [`"month" >= ?`, `"month" <= ?`];
    const params: string[] = [months.from, months.to];
    if (q.by === "hall" && !q.hallId) clauses.push(`"hallId" <> '${ALL_HALLS}'`);
    else (clauses.push(`"hallId" = ?`), params.push(q.hallId ?? ALL_HALLS));
    if (q.cityId) (clauses.push(`"partnerCityId" = ?`), params.push(q.cityId));
    if (q.countyId) (clauses.push(`"countyId" = ?`), params.push(q.countyId));
    const where = clauses.join(" AND ");
    const column = q.by === "month" ? `"month"` : COLUMNS[q.by];
    sales.push({ sql: `SELECT ${column} AS k, "amountFen" FROM "ImpactMonthly" WHERE ${where}`, params });
    reach.push({ sql: `SELECT ${column} AS k, "householdId", "people", "amountFen" FROM "ImpactReachMonthly" WHERE ${where}`, params });
  }
  if (days.length) {
    const clauses = [`(${days.map(() => `"day" BETWEEN ? AND ?`).join(" OR ")})`];
    const params: string[] = days.flat();
    if (q.hallId) (clauses.push(`"hallId" = ?`), params.push(q.hallId));
    if (q.cityId) (clauses.push(`"partnerCityId" = ?`), params.push(q.cityId));
    if (q.countyId) (clauses.push(`"countyId" = ?`), params.push(q.countyId));
    const where = clauses.join(" AND ");
    sales.push({ sql: `SELECT ${COLUMNS[q.by]} AS k, "amountFen" FROM "ImpactDaily" r WHERE "level" = 'COUNTY' AND ${where}`, params });
    reach.push({ sql: `SELECT ${COLUMNS[q.by]} AS k, "householdId", "people", "amountFen" FROM "ImpactHouseholdDaily" r WHERE ${where}`, params });
  }
  const union = (parts: Part[]) => ({ sql: parts.map((p) => p.sql).join(" UNION ALL "), params: parts.flatMap((p) => p.params) });
  return { sales: union(sales), reach: union(reach) };
}

/** A range as whole months plus the days at either end that do not make a whole month. */
export function splitRange(q: { from: string; to: string }, today = businessDay(new Date())) {
  const whole = wholeMonths(q, today);
  if (whole) return { months: whole, days: [] as [string, string][] };
  const firstMonth = q.from.endsWith("-01") ? q.from.slice(0, 7) : shiftMonths(q.from.slice(0, 7), 1);
  const endsMonth = shiftDays(q.to, 1).endsWith("-01") || q.to >= today;
  const lastMonth = endsMonth ? q.to.slice(0, 7) : shiftMonths(q.to.slice(0, 7), -1);
  if (firstMonth > lastMonth) return { months: null, days: [[q.from, q.to]] as [string, string][] };
  const days: [string, string][] = [];
  if (!q.from.endsWith("-01")) days.push([q.from, shiftDays(`${firstMonth}-01`, -1)]);
  if (!endsMonth) days.push([`${shiftMonths(lastMonth, 1)}-01`, q.to]);
  return { months: { from: firstMonth, to: lastMonth }, days };
}

const MONTHLY_DIMENSIONS = new Set<Dimension>(["city", "hall", "prefecture", "county", "coop", "month"]);

/** The months a range covers exactly, or null when it starts or ends inside a month. */
export function wholeMonths(q: { from: string; to: string }, today = businessDay(new Date())) {
  if (!q.from.endsWith("-01")) return null;
  const endsMonth = shiftDays(q.to, 1).endsWith("-01");
  if (!endsMonth && q.to < today) return null;
  return { from: q.from.slice(0, 7), to: q.to.slice(0, 7) };
}

export interface ReportRow {
  key: string;
  label: string;
  amountFen: number;
  households: number;
  people: number;
}

/** Sales and households reached per group, plus totals and the monthly series, for the filters. */
export async function impactReport(q: ReportQuery) {
  const rollups = await freshRollups();
  const src = sourceFor(q);
  const series = sourceFor({ ...q, by: "month" });
  const [sales, reach, totals, monthly] = await Promise.all([
    prisma.$queryRawUnsafe<{ k: string; amount: number | bigint }[]>(
      `SELECT k, SUM("amountFen") AS amount FROM (${src.sales.sql}) GROUP BY k`,
      ...src.sales.params,
    ),
    prisma.$queryRawUnsafe<{ k: string; households: number | bigint; people: number | bigint }[]>(
      `SELECT k, COUNT(*) AS households, SUM(people) AS people FROM (
         SELECT k, "householdId", MAX("people") AS people FROM (${src.reach.sql})
         GROUP BY k, "householdId" HAVING SUM("amountFen") > 0
       ) GROUP BY k`,
      ...src.reach.params,
    ),
    reachTotals(q),
    prisma.$queryRawUnsafe<{ k: string; amount: number | bigint }[]>(
      `SELECT k, SUM("amountFen") AS amount FROM (${series.sales.sql}) GROUP BY k ORDER BY k`,
      ...series.sales.params,
    ),
  ]);
  const reachByKey = new Map(reach.map((r) => [r.k, r]));
  const labels = await labelsFor(q.by, sales.map((s) => s.k));
  const rows: ReportRow[] = sales
    .map((s) => {
      const r = reachByKey.get(s.k);
      return {
        key: s.k,
        label: labels.get(s.k) ?? s.k,
        amountFen: Number(s.amount),
        households: Number(r?.households ?? 0),
        people: Number(r?.people ?? 0),
      };
    })
    .sort((a, b) => (q.by === "month" ? a.key.localeCompare(b.key) : b.amountFen - a.amountFen || a.label.localeCompare(b.label)));
  return {
    rollups,
    rows,
    totals: { amountFen: rows.reduce((s, r) => s + r.amountFen, 0), ...totals },
    monthly: fillMonthGaps(monthly.map((m) => ({ month: m.k, amountFen: Number(m.amount) }))),
  };
}

/** Distinct households (and their members) with a positive net amount under the filters. */
async function reachTotals(q: ReportQuery) {
  const src = sourceFor({ ...q, by: "city" });
  const [row] = await prisma.$queryRawUnsafe<{ households: number | bigint; people: number | bigint | null }[]>(
    `SELECT COUNT(*) AS households, SUM(people) AS people FROM (
       SELECT "householdId", MAX("people") AS people FROM (${src.reach.sql}) GROUP BY "householdId" HAVING SUM("amountFen") > 0
     )`,
    ...src.reach.params,
  );
  return { households: Number(row?.households ?? 0), people: Number(row?.people ?? 0) };
}

export const NO_HALL_LABEL = "线上直购（未经体验馆）";
export const CONSUMER_LABEL = "个人消费者";

type NameRows = Promise<{ id: string; name: string }[]>;
const NAMES: Record<Exclude<Dimension, "month">, (ids: string[]) => NameRows> = {
  city: (ids) => prisma.easternCity.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  hall: (ids) => prisma.hall.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  prefecture: (ids) => prisma.prefecture.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  county: (ids) => prisma.county.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  coop: (ids) => prisma.coop.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  category: (ids) => prisma.category.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  org: (ids) => prisma.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  programme: (ids) => prisma.assistanceProgramme.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
};

export async function labelsFor(by: Dimension, keys: string[]): Promise<Map<string, string>> {
  if (by === "month") return new Map(keys.map((k) => [k, k]));
  const map = new Map((await NAMES[by](keys.filter(Boolean))).map((r) => [r.id, r.name]));
  if (by === "hall") map.set("", NO_HALL_LABEL);
  if (by === "org") map.set("", CONSUMER_LABEL);
  if (by === "programme") map.set("", NO_PROGRAMME_LABEL);
  return map;
}

/** The choices for the filter form (small tables). */
export async function reportFilterOptions() {
  const [halls, cities, counties] = await Promise.all([
    prisma.hall.findMany({ select: { id: true, name: true }, orderBy: { slug: "asc" } }),
    prisma.easternCity.findMany({ select: { id: true, name: true }, orderBy: { slug: "asc" } }),
    prisma.county.findMany({ select: { id: true, name: true, prefecture: { select: { name: true } } }, orderBy: [{ prefectureId: "asc" }, { slug: "asc" }] }),
  ]);
  return {
    halls,
    cities,
    counties: counties.map((c) => ({ id: c.id, name: `${c.prefecture.name} · ${c.name}` })),
  };
}
