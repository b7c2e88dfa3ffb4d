import crypto from "node:crypto";
import { businessDay } from "~/lib/china-time";
import type { PrismaClient } from "~/generated/prisma/client";
import { insertRows, isStorageFault, prisma, raw, type Tx } from "~/db.server";

// The ledger's rollups (see docs/decisions/0006-impact-rollups.md):
//   ImpactDaily          amount per business day × level × every report dimension;
//   ImpactHouseholdDaily net amount per business day × household × hall/org/category/co-op;
//   ImpactMonthly        COUNTY-level sales per month × hall (and "*" = all halls) × co-op;
//   ImpactReachMonthly   net per month × hall (and "*") × household × co-op, for "people reached";
//   ImpactCoopTotal / ImpactHouseholdTotal all-time net per co-op / household (the public page).
// The transaction that inserts entries only queues them (queueForRollups); applyPendingRollups adds
// queued entries in batches (a timer in every server process, and first thing whenever a report,
// /impact or the reconciliation reads the rollups), so what a report shows is exact and says as of
// when (rollupsAsOf). rebuildRollups recomputes everything from the raw ledger (used after bulk
// loads and to repair, and checked by the reconciliation). See docs/decisions/0016.

type Db = Tx | PrismaClient;


interface EntryLike {
  level: string;
  amountFen: number;
  partnerCityId: string;
  prefectureId: string;
  countyId: string;
  coopId: string;
  hallId?: string | null;
  buyerType: string;
  organizationId?: string | null;
  categoryId: string;
  householdId?: string | null;
  householdPeople?: number;
  occurredAt: Date | string;
}

const DAILY_COLUMNS = [
  "day", "level", "partnerCityId", "prefectureId", "countyId", "coopId", "hallId", "buyerType", "organizationId", "categoryId",
] as const;
const HOUSEHOLD_KEY = ["day", "householdId", "coopId", "countyId", "hallId", "organizationId", "categoryId"] as const;
const HOUSEHOLD_COLUMNS = [...HOUSEHOLD_KEY, "people", "partnerCityId", "prefectureId"] as const;

const CHUNK = 400;

/** Queues ledger entries just written for the rollups (in the transaction that wrote them). */
export async function queueForRollups(tx: Tx, entryIds: string[]) {
  if (entryIds.length) {
    await insertRows(tx, "ImpactRollupQueue", [{ id: crypto.randomUUID(), entryIds: JSON.stringify(entryIds), queuedAt: new Date() }]);
  }
}

const ENTRY_FIELDS = {
  level: true, amountFen: true, partnerCityId: true, prefectureId: true, countyId: true, coopId: true, hallId: true, buyerType: true,
  organizationId: true, categoryId: true, householdId: true, householdPeople: true, occurredAt: true,
} as const;

/**
 * Adds every queued ledger entry to the rollups, `batch` queue rows per transaction (one ledger
 * write each, ~12 entries for a paid order: a batch holds the database for a few milliseconds).
 * The queue is read inside the write transaction, so two processes doing this at once never add
 * an entry twice. Returns how many ledger writes were applied.
 */
export async function applyPendingRollups(db: PrismaClient = prisma, batch = 100): Promise<number> {
  let applied = 0;
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      const queued = await tx.impactRollupQueue.findMany({ orderBy: { queuedAt: "asc" }, take: batch, select: { id: true, entryIds: true } });
      if (queued.length === 0) return 0;
      const ids = queued.flatMap((q) => JSON.parse(q.entryIds) as string[]);
      const entries = [];
      for (let i = 0; i < ids.length; i += 900) {
        entries.push(...(await tx.attributionEntry.findMany({ where: { id: { in: ids.slice(i, i + 900) } }, select: ENTRY_FIELDS })));
      }
      await applyToRollups(tx, entries);
      await tx.impactRollupQueue.deleteMany({ where: { id: { in: queued.map((q) => q.id) } } });
      return queued.length;
    });
    applied += done;
    if (done < batch) return applied;
  }
}

export interface RollupFreshness {
  /** Everything in the ledger up to this moment is in the rollups (ISO time). */
  asOf: string;
  /** Ledger writes still waiting (0 when the figures are complete). */
  pending: number;
}

/** How complete the rollups are: now when nothing waits, else when the oldest waiting write was queued. */
export async function rollupsAsOf(db: PrismaClient = prisma): Promise<RollupFreshness> {
  // One raw statement for both (every impact page reads it; two Prisma queries cost ≈1.4 ms of CPU).
  const [row] = await raw(db).query<{ oldest: string | Date | null; pending: number | bigint }>(
    `SELECT MIN("queuedAt") AS "oldest", COUNT(*) AS "pending" FROM "ImpactRollupQueue"`,
  );
  return { asOf: (row?.oldest == null ? new Date() : new Date(row.oldest)).toISOString(), pending: Number(row?.pending ?? 0) };
}

/**
 * For anything about to read the rollups: adds what is queued, then says how fresh they are. If the
 * database cannot take the write just now (locked, read-only), the figures are read as they are and
 * the freshness says so. Where this process's rollup worker runs (a production server), a page
 * does not add them itself unless asked (`now`, the reconciliation): the worker adds them within a
 * second, and a report read during a rush would otherwise take the write lock from payments on
 * every view (decision 0016, third pass); the as-of line says what is still being added.
 */
export async function freshRollups(db: PrismaClient = prisma, options: { now?: boolean } = {}): Promise<RollupFreshness> {
  if (globalForRollups.__rollupWorker && !options.now) return rollupsAsOf(db);
  try {
    if ((await raw(db).query(`SELECT 1 FROM "ImpactRollupQueue" LIMIT 1`)).length) await applyPendingRollups(db);
  } catch (error) {
    if (!isStorageFault(error)) throw error;
  }
  return rollupsAsOf(db);
}

const globalForRollups = globalThis as unknown as { __rollupWorker?: NodeJS.Timeout };

/** Adds queued entries every `intervalMs` in this process (unref'd; not in tests, which read through freshRollups). */
export function startRollupWorker(intervalMs = Number(process.env.ROLLUP_INTERVAL_MS ?? 1000)) {
  if (globalForRollups.__rollupWorker || intervalMs <= 0 || process.env.NODE_ENV === "test") return;
  let running = false;
  globalForRollups.__rollupWorker = setInterval(() => {
    if (running) return;
    running = true;
    applyPendingRollups()
      .catch((error) => {
        if (!isStorageFault(error)) console.error("[rollups] failed:", error);
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  globalForRollups.__rollupWorker.unref();
}

export async function applyToRollups(tx: Db, entries: EntryLike[]) {
  const daily = new Map<string, { key: string[]; amountFen: number; entries: number }>();
  const households = new Map<string, { key: string[]; amountFen: number }>();
  const monthly = new Map<string, (string | number)[]>();
  const reach = new Map<string, (string | number)[]>();
  const coopTotals = new Map<string, (string | number)[]>();
  const householdTotals = new Map<string, (string | number)[]>();
  for (const e of entries) {
    const month = businessDay(new Date(e.occurredAt)).slice(0, 7);
    for (const hall of [e.hallId ?? "", ALL_HALLS]) {
      if (e.level === "COUNTY") {
        const k = `${hall}\u0001${month}\u0001${e.coopId}\u0001${e.countyId}`;
        const row = monthly.get(k) ?? [month, hall, e.partnerCityId, e.prefectureId, e.countyId, e.coopId, 0];
        (row[6] as number) += e.amountFen;
        monthly.set(k, row);
      }
      if (e.level === "HOUSEHOLD" && e.householdId) {
        const k = `${hall}\u0001${month}\u0001${e.householdId}\u0001${e.coopId}\u0001${e.countyId}`;
        const row = reach.get(k) ?? [month, hall, e.householdId, e.coopId, e.partnerCityId, e.prefectureId, e.countyId, e.householdPeople ?? 0, 0];
        (row[8] as number) += e.amountFen;
        reach.set(k, row);
      }
    }
    if (e.level === "COOP") {
      const k = `${e.coopId}\u0001${e.countyId}`;
      const t = coopTotals.get(k) ?? [e.coopId, e.countyId, e.prefectureId, e.partnerCityId, 0];
      (t[4] as number) += e.amountFen;
      coopTotals.set(k, t);
    }
    if (e.level === "HOUSEHOLD" && e.householdId) {
      const t = householdTotals.get(e.householdId) ?? [e.householdId, e.householdPeople ?? 0, e.countyId, e.prefectureId, e.partnerCityId, 0];
      // each descriptive column the largest seen, as rebuildRollups' MAX() picks it
      t[1] = Math.max(t[1] as number, e.householdPeople ?? 0);
      for (const [i, value] of [[2, e.countyId], [3, e.prefectureId], [4, e.partnerCityId]] as const) if (value > (t[i] as string)) t[i] = value;
      (t[5] as number) += e.amountFen;
      householdTotals.set(e.householdId, t);
    }
    const day = businessDay(new Date(e.occurredAt));
    const hallId = e.hallId ?? "";
    const organizationId = e.organizationId ?? "";
    const key = [day, e.level, e.partnerCityId, e.prefectureId, e.countyId, e.coopId, hallId, e.buyerType, organizationId, e.categoryId];
    const k = key.join("\u0001");
    const d = daily.get(k) ?? { key, amountFen: 0, entries: 0 };
    d.amountFen += e.amountFen;
    d.entries += 1;
    daily.set(k, d);
    if (e.level === "HOUSEHOLD" && e.householdId) {
      const hkey = [day, e.householdId, e.coopId, e.countyId, hallId, organizationId, e.categoryId, String(e.householdPeople ?? 0), e.partnerCityId, e.prefectureId];
      const hk = hkey.slice(0, HOUSEHOLD_KEY.length).join("\u0001");
      const h = households.get(hk) ?? { key: hkey, amountFen: 0 };
      h.amountFen += e.amountFen;
      households.set(hk, h);
    }
  }
  await upsertMany(
    tx,
    "ImpactDaily",
    [...DAILY_COLUMNS, "amountFen", "entries"],
    [...daily.values()].map((d) => [...d.key, d.amountFen, d.entries]),
    DAILY_COLUMNS,
    `"amountFen" = "amountFen" + excluded."amountFen", "entries" = "entries" + excluded."entries"`,
  );
  await upsertMany(
    tx,
    "ImpactHouseholdDaily",
    [...HOUSEHOLD_COLUMNS, "amountFen"],
    [...households.values()].map((h) => [...h.key.slice(0, 7), Number(h.key[7]), ...h.key.slice(8), h.amountFen]),
    HOUSEHOLD_KEY,
    `"amountFen" = "amountFen" + excluded."amountFen"`,
  );
  const add = `"amountFen" = "amountFen" + excluded."amountFen"`;
  await upsertMany(tx, "ImpactMonthly", MONTHLY_COLUMNS, [...monthly.values()], ["hallId", "month", "coopId", "countyId"], add);
  await upsertMany(tx, "ImpactReachMonthly", REACH_COLUMNS, [...reach.values()], ["hallId", "month", "householdId", "coopId", "countyId"], add);
  await upsertMany(tx, "ImpactCoopTotal", COOP_TOTAL_COLUMNS, [...coopTotals.values()], ["coopId", "countyId"], `"amountFen" = "amountFen" + excluded."amountFen"`);
  await upsertMany(
    tx,
    "ImpactHouseholdTotal",
    HOUSEHOLD_TOTAL_COLUMNS,
    [...householdTotals.values()],
    ["householdId"],
    // A household can supply products of more than one county: keep the same one rebuildRollups
    // picks (the largest id), whatever order the entries arrive in.
    `"amountFen" = "amountFen" + excluded."amountFen", "people" = MAX("people", excluded."people"), "countyId" = MAX("countyId", excluded."countyId"),
     "prefectureId" = MAX("prefectureId", excluded."prefectureId"), "partnerCityId" = MAX("partnerCityId", excluded."partnerCityId")`,
  );
}

/** The hallId under which the monthly rollups keep the all-halls total. */
export const ALL_HALLS = "*";
const MONTHLY_COLUMNS = ["month", "hallId", "partnerCityId", "prefectureId", "countyId", "coopId", "amountFen"];
const REACH_COLUMNS = ["month", "hallId", "householdId", "coopId", "partnerCityId", "prefectureId", "countyId", "people", "amountFen"];
const COOP_TOTAL_COLUMNS = ["coopId", "countyId", "prefectureId", "partnerCityId", "amountFen"];
const HOUSEHOLD_TOTAL_COLUMNS = ["householdId", "people", "countyId", "prefectureId", "partnerCityId", "amountFen"];

async function upsertMany(
  tx: Db,
  table: string,
  columns: readonly string[],
  rows: (string | number)[][],
  conflict: readonly string[],
  update: string,
) {
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const target = conflict.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const placeholders = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${cols}) VALUES ${placeholders} ON CONFLICT (${target}) DO UPDATE SET ${update}`,
      ...chunk.flat(),
    );
  }
}

// SQLite expression for the business day of a stored DateTime (the libSQL adapter stores ISO-8601 text).
const DAY_SQL = `strftime('%Y-%m-%d', "occurredAt", '+8 hours')`;

/** Recomputes both rollups from the raw ledger (one pass each, in SQL). */
export async function rebuildRollups(db: PrismaClient) {
  await db.$transaction([
    // the rebuild covers every entry, queued or not
    db.$executeRawUnsafe(`DELETE FROM "ImpactRollupQueue"`),
    db.$executeRawUnsafe(`DELETE FROM "ImpactDaily"`),
    db.$executeRawUnsafe(`DELETE FROM "ImpactHouseholdDaily"`),
    db.$executeRawUnsafe(`DELETE FROM "ImpactMonthly"`),
    db.$executeRawUnsafe(`DELETE FROM "ImpactReachMonthly"`),
    db.$executeRawUnsafe(`DELETE FROM "ImpactCoopTotal"`),
    db.$executeRawUnsafe(`DELETE FROM "ImpactHouseholdTotal"`),
    db.$executeRawUnsafe(
      `INSERT INTO "ImpactDaily" (${DAILY_COLUMNS.map((c) => `"${c}"`).join(", ")}, "amountFen", "entries")
       SELECT ${DAY_SQL} AS d, "level", "partnerCityId", "prefectureId", "countyId", "coopId", COALESCE("hallId", ''),
              "buyerType", COALESCE("organizationId", ''), "categoryId", SUM("amountFen"), COUNT(*)
       FROM "AttributionEntry"
       GROUP BY d, "level", "partnerCityId", "prefectureId", "countyId", "coopId", COALESCE("hallId", ''), "buyerType",
                COALESCE("organizationId", ''), "categoryId"`,
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "ImpactHouseholdDaily" (${HOUSEHOLD_COLUMNS.map((c) => `"${c}"`).join(", ")}, "amountFen")
       SELECT ${DAY_SQL} AS d, "householdId", "coopId", "countyId", COALESCE("hallId", ''), COALESCE("organizationId", ''), "categoryId",
              MAX("householdPeople"), MAX("partnerCityId"), MAX("prefectureId"), SUM("amountFen")
       FROM "AttributionEntry"
       WHERE "level" = 'HOUSEHOLD' AND "householdId" IS NOT NULL
       GROUP BY d, "householdId", "coopId", "countyId", COALESCE("hallId", ''), COALESCE("organizationId", ''), "categoryId"`,
    ),
    // The monthly rollups are built from the daily ones (already a fraction of the ledger).
    ...[`"hallId"`, `'*'`].map((hall) =>
      db.$executeRawUnsafe(
        `INSERT INTO "ImpactMonthly" (${MONTHLY_COLUMNS.map((c) => `"${c}"`).join(", ")})
         SELECT substr("day", 1, 7) AS m, ${hall} AS h, MAX("partnerCityId"), MAX("prefectureId"), "countyId", "coopId", SUM("amountFen")
         FROM "ImpactDaily" WHERE "level" = 'COUNTY' GROUP BY m, h, "coopId", "countyId"`,
      ),
    ),
    ...[`"hallId"`, `'*'`].map((hall) =>
      db.$executeRawUnsafe(
        `INSERT INTO "ImpactReachMonthly" (${REACH_COLUMNS.map((c) => `"${c}"`).join(", ")})
         SELECT substr("day", 1, 7) AS m, ${hall} AS h, "householdId", "coopId", MAX("partnerCityId"), MAX("prefectureId"), "countyId",
                MAX("people"), SUM("amountFen")
         FROM "ImpactHouseholdDaily" GROUP BY m, h, "householdId", "coopId", "countyId"`,
      ),
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "ImpactCoopTotal" (${COOP_TOTAL_COLUMNS.map((c) => `"${c}"`).join(", ")})
       SELECT "coopId", "countyId", MAX("prefectureId"), MAX("partnerCityId"), SUM("amountFen")
       FROM "AttributionEntry" WHERE "level" = 'COOP' GROUP BY "coopId", "countyId"`,
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "ImpactHouseholdTotal" (${HOUSEHOLD_TOTAL_COLUMNS.map((c) => `"${c}"`).join(", ")})
       SELECT "householdId", MAX("householdPeople"), MAX("countyId"), MAX("prefectureId"), MAX("partnerCityId"), SUM("amountFen")
       FROM "AttributionEntry" WHERE "level" = 'HOUSEHOLD' AND "householdId" IS NOT NULL GROUP BY "householdId"`,
    ),
  ]);
}
