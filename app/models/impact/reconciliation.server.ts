import { prisma } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { countedOnceCheck } from "~/models/impact/cross-tab.server";
import { reconcileInvoices } from "~/models/invoices/reconciliation.server";
import { freshRollups } from "~/models/impact/rollup.server";

// Reconciliation: proves the impact ledger says what the orders say.
//
// Definitions (docs/decisions/0006-impact-rollups.md):
// - A paid order is an order with paidAt set (whatever its later status).
// - Refunds attributable to goods are Refund rows with an orderLineId (a refund without a line —
//   shipping, goodwill — is not attributed, as shipping is not).
// - Expected ledger for a paid order = Σ OrderLine.lineTotalFen − Σ attributable Refund.amountFen.
//   An unpaid order's expected ledger is 0.
// - The ledger of an order is the net of its COUNTY-level entries; the COOP level must equal it, and
//   so must the HOUSEHOLD level on every line that has household entries.
// - The rollups must add up to the ledger, level by level.
// - Counted once: the buckets of each claim on a sale (hall, county, east–west pairing, 定点帮扶
//   programme) add up to the ledger, and no two programmes can claim one sale (cross-tab.server.ts).
// - Invoices: on what a blue invoice covers, issued minus reversed = paid minus refunded, per order
//   (app/models/invoices/reconciliation.server.ts).
// Every difference is listed; the check passes only when there is none.

export interface Mismatch {
  orderId: string;
  orderNumber: string;
  expectedFen: number;
  ledgerFen: number;
  reason: string;
}

const n = (v: number | bigint | null | undefined) => Number(v ?? 0);

export async function reconcile(db: PrismaClient = prisma) {
  // Entries still queued for the rollups are added first; what remains queued (the database
  // refused the write) is counted beside the rollups, so "ledger = rollups" still holds exactly.
  const freshness = await freshRollups(db, { now: true });
  const [orders, refunds, ledger, lineLevels, rollups] = await Promise.all([
    db.$queryRawUnsafe<{ id: string; number: string; paid: number | bigint; goods: number | bigint }[]>(
      `SELECT o."id", o."number", o."paidAt" IS NOT NULL AS paid, COALESCE(SUM(l."lineTotalFen"), 0) AS goods
       FROM "Order" o LEFT JOIN "OrderLine" l ON l."orderId" = o."id"
       WHERE o."paidAt" IS NOT NULL OR EXISTS (SELECT 1 FROM "OrderLine" x JOIN "AttributionEntry" e ON e."orderLineId" = x."id" WHERE x."orderId" = o."id")
       GROUP BY o."id"`,
    ),
    db.$queryRawUnsafe<{ orderId: string; amount: number | bigint }[]>(
      `SELECT "orderId", SUM("amountFen") AS amount FROM "Refund" WHERE "orderLineId" IS NOT NULL GROUP BY "orderId"`,
    ),
    db.$queryRawUnsafe<{ orderId: string; level: string; amount: number | bigint }[]>(
      `SELECT l."orderId", e."level", SUM(e."amountFen") AS amount
       FROM "AttributionEntry" e JOIN "OrderLine" l ON l."id" = e."orderLineId" GROUP BY l."orderId", e."level"`,
    ),
    db.$queryRawUnsafe<{ orderId: string; lineId: string; county: number | bigint; coop: number | bigint; household: number | bigint; householdRows: number | bigint }[]>(
      `SELECT l."orderId", l."id" AS lineId,
              SUM(CASE WHEN e."level" = 'COUNTY' THEN e."amountFen" ELSE 0 END) AS county,
              SUM(CASE WHEN e."level" = 'COOP' THEN e."amountFen" ELSE 0 END) AS coop,
              SUM(CASE WHEN e."level" = 'HOUSEHOLD' THEN e."amountFen" ELSE 0 END) AS household,
              SUM(CASE WHEN e."level" = 'HOUSEHOLD' THEN 1 ELSE 0 END) AS householdRows
       FROM "AttributionEntry" e JOIN "OrderLine" l ON l."id" = e."orderLineId" GROUP BY l."id"`,
    ),
    rollupTotals(db, freshness.pending > 0),
  ]);
  const refundBy = new Map(refunds.map((r) => [r.orderId, n(r.amount)]));
  const ledgerBy = new Map<string, number>();
  for (const row of ledger) if (row.level === "COUNTY") ledgerBy.set(row.orderId, n(row.amount));

  const mismatches: Mismatch[] = [];
  let paidFen = 0;
  let refundedFen = 0;
  let ledgerFen = 0;
  const numberOf = new Map(orders.map((o) => [o.id, o.number]));
  for (const o of orders) {
    const paid = n(o.paid) === 1;
    const refunded = paid ? refundBy.get(o.id) ?? 0 : 0;
    const expected = paid ? n(o.goods) - refunded : 0;
    const actual = ledgerBy.get(o.id) ?? 0;
    if (paid) {
      paidFen += n(o.goods);
      refundedFen += refunded;
    }
    ledgerFen += actual;
    if (expected !== actual) {
      mismatches.push({
        orderId: o.id,
        orderNumber: o.number,
        expectedFen: expected,
        ledgerFen: actual,
        reason: paid ? "账本金额与订单实付（扣除退款）不符" : "未支付订单存在账本记录",
      });
    }
  }
  for (const l of lineLevels) {
    const county = n(l.county);
    const problem =
      n(l.coop) !== county ? "合作社层级与县层级不一致" : n(l.householdRows) > 0 && n(l.household) !== county ? "农户层级与县层级不一致" : null;
    if (problem) {
      mismatches.push({ orderId: l.orderId, orderNumber: numberOf.get(l.orderId) ?? "", expectedFen: county, ledgerFen: n(l.household), reason: problem });
    }
  }
  const rollupProblems = rollups.filter((r) => r.ledgerFen !== r.rollupFen);
  const [countedOnce, invoices] = await Promise.all([countedOnceCheck(rollups[0].ledgerFen, db), reconcileInvoices(db)]);
  return {
    ok: mismatches.length === 0 && rollupProblems.length === 0 && countedOnce.ok && invoices.ok,
    orders: orders.filter((o) => n(o.paid) === 1).length,
    paidFen,
    refundedFen,
    expectedFen: paidFen - refundedFen,
    ledgerFen,
    mismatches,
    rollups,
    countedOnce,
    invoices,
    rollupsAsOf: freshness,
  };
}
export type Reconciliation = Awaited<ReturnType<typeof reconcile>>;

/** Ledger totals per level against each rollup that summarises that level. */
async function rollupTotals(db: PrismaClient, queued: boolean) {
  const pending = queued
    ? await db.$queryRawUnsafe<{ level: string; amount: number | bigint }[]>(
        `SELECT e."level", SUM(e."amountFen") AS amount FROM "ImpactRollupQueue" q, json_each(q."entryIds") j
         JOIN "AttributionEntry" e ON e."id" = j."value" GROUP BY e."level"`,
      )
    : [];
  const [ledgerAll, daily, household, coopTotal, householdTotal, monthly, reach] = await Promise.all([
    db.$queryRawUnsafe<{ level: string; amount: number | bigint }[]>(`SELECT "level", SUM("amountFen") AS amount FROM "AttributionEntry" GROUP BY "level"`),
    db.$queryRawUnsafe<{ level: string; amount: number | bigint }[]>(`SELECT "level", SUM("amountFen") AS amount FROM "ImpactDaily" GROUP BY "level"`),
    db.$queryRawUnsafe<{ amount: number | bigint }[]>(`SELECT SUM("amountFen") AS amount FROM "ImpactHouseholdDaily"`),
    db.$queryRawUnsafe<{ amount: number | bigint }[]>(`SELECT SUM("amountFen") AS amount FROM "ImpactCoopTotal"`),
    db.$queryRawUnsafe<{ amount: number | bigint }[]>(`SELECT SUM("amountFen") AS amount FROM "ImpactHouseholdTotal"`),
    db.$queryRawUnsafe<{ all: number | bigint; halls: number | bigint }[]>(
      `SELECT SUM(CASE WHEN "hallId" = '*' THEN "amountFen" ELSE 0 END) AS "all", SUM(CASE WHEN "hallId" <> '*' THEN "amountFen" ELSE 0 END) AS halls FROM "ImpactMonthly"`,
    ),
    db.$queryRawUnsafe<{ all: number | bigint; halls: number | bigint }[]>(
      `SELECT SUM(CASE WHEN "hallId" = '*' THEN "amountFen" ELSE 0 END) AS "all", SUM(CASE WHEN "hallId" <> '*' THEN "amountFen" ELSE 0 END) AS halls FROM "ImpactReachMonthly"`,
    ),
  ]);
  const level = (rows: { level: string; amount: number | bigint }[], l: string) => n(rows.find((r) => r.level === l)?.amount);
  // what the rollups should hold: the ledger less what is still queued for them
  const ledger = ledgerAll.map((r) => ({ level: r.level, amount: n(r.amount) - level(pending, r.level) }));
  return [
    { name: "日汇总·县层级", ledgerFen: level(ledger, "COUNTY"), rollupFen: level(daily, "COUNTY") },
    { name: "日汇总·合作社层级", ledgerFen: level(ledger, "COOP"), rollupFen: level(daily, "COOP") },
    { name: "日汇总·农户层级", ledgerFen: level(ledger, "HOUSEHOLD"), rollupFen: level(daily, "HOUSEHOLD") },
    { name: "农户日汇总", ledgerFen: level(ledger, "HOUSEHOLD"), rollupFen: n(household[0]?.amount) },
    { name: "月汇总·全部体验馆", ledgerFen: level(ledger, "COUNTY"), rollupFen: n(monthly[0]?.all) },
    { name: "月汇总·分体验馆", ledgerFen: level(ledger, "COUNTY"), rollupFen: n(monthly[0]?.halls) },
    { name: "农户月汇总·全部体验馆", ledgerFen: level(ledger, "HOUSEHOLD"), rollupFen: n(reach[0]?.all) },
    { name: "农户月汇总·分体验馆", ledgerFen: level(ledger, "HOUSEHOLD"), rollupFen: n(reach[0]?.halls) },
    { name: "合作社累计", ledgerFen: level(ledger, "COOP"), rollupFen: n(coopTotal[0]?.amount) },
    { name: "农户累计", ledgerFen: level(ledger, "HOUSEHOLD"), rollupFen: n(householdTotal[0]?.amount) },
  ];
}
