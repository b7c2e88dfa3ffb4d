import * as z from "zod";
import { prisma } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Dimension } from "~/models/impact/dimensions";
import { CLAIMS, CLAIM_LABELS, type Claim } from "~/models/impact/claims";
import { COLUMNS, labelsFor, reportQuerySchema } from "~/models/impact/report.server";
import { freshRollups } from "~/models/impact/rollup.server";
import { claimOverlaps } from "~/models/programmes/programme.server";
import { DomainError } from "~/lib/errors";

// Counted once. One sale can be claimed by a hall (where it was bought), a county (where it was
// grown), an east–west pairing (the eastern city paired with that county) and a 定点帮扶 programme
// (the buyer's designated-assistance unit). Each claim is one dimension: every sale falls in exactly
// one bucket of each (including "none" — no hall, no programme), so the buckets of any dimension add
// up to the same total, and a cross-tab of two of them adds up to it by rows and by columns. Adding
// the claims of different dimensions together would count a sale up to four times; the reports never do.

const claim = z.enum(CLAIMS as unknown as [Dimension, ...Dimension[]], { message: "未知的分组方式" });

export const crossTabQuerySchema = z
  .object({ from: z.string().optional(), to: z.string().optional(), rows: claim.default("hall"), cols: claim.default("city") })
  .transform((q, ctx) => {
    const range = reportQuerySchema.safeParse({ from: q.from, to: q.to });
    if (!range.success) {
      for (const issue of range.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return { from: range.data.from, to: range.data.to, rows: q.rows as Claim, cols: q.cols as Claim };
  });
export type CrossTabQuery = z.output<typeof crossTabQuerySchema>;

export function parseCrossTabQuery(params: URLSearchParams): CrossTabQuery {
  const parsed = crossTabQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new DomainError(parsed.error.issues.map((i) => i.message).join("；"));
  return parsed.data;
}

const n = (v: number | bigint | null | undefined) => Number(v ?? 0);

/** Sales per (row, column) bucket of two claims, read from the daily rollups (exact to the day). */
export async function crossTab(q: CrossTabQuery, db: PrismaClient = prisma) {
  // The payment transaction only queues ledger rows for the rollups (decision 0016): fold them in first.
  await freshRollups(db);
  const cells = await db.$queryRawUnsafe<{ rk: string; ck: string; amount: number | bigint }[]>(
    `SELECT ${COLUMNS[q.rows]} AS rk, ${COLUMNS[q.cols]} AS ck, SUM("amountFen") AS amount
     FROM "ImpactDaily" r WHERE "level" = 'COUNTY' AND "day" BETWEEN ? AND ? GROUP BY rk, ck`,
    q.from,
    q.to,
  );
  const [rowLabels, colLabels, byClaim] = await Promise.all([
    labelsFor(q.rows, [...new Set(cells.map((c) => c.rk))]),
    labelsFor(q.cols, [...new Set(cells.map((c) => c.ck))]),
    claimTotals({ from: q.from, to: q.to }, db),
  ]);
  const rowTotals = new Map<string, number>();
  const colTotals = new Map<string, number>();
  let total = 0;
  for (const c of cells) {
    const amount = n(c.amount);
    rowTotals.set(c.rk, (rowTotals.get(c.rk) ?? 0) + amount);
    colTotals.set(c.ck, (colTotals.get(c.ck) ?? 0) + amount);
    total += amount;
  }
  const order = (totals: Map<string, number>, labels: Map<string, string>) =>
    [...totals].sort((a, b) => b[1] - a[1]).map(([key, amountFen]) => ({ key, label: labels.get(key) ?? key, amountFen }));
  return {
    rows: order(rowTotals, rowLabels),
    cols: order(colTotals, colLabels),
    cells: Object.fromEntries(cells.map((c) => [`${c.rk}\u0001${c.ck}`, n(c.amount)])),
    totalFen: total,
    byClaim,
  };
}

/** The total of each claim's buckets over a range: the four must be equal (each sale once per claim). */
export async function claimTotals(range: { from: string; to: string }, db: PrismaClient = prisma) {
  await freshRollups(db);
  const totals = await Promise.all(
    CLAIMS.map(async (c) => {
      const rows = await db.$queryRawUnsafe<{ k: string; amount: number | bigint; buckets: number | bigint }[]>(
        `SELECT SUM(amount) AS amount, COUNT(*) AS buckets FROM (
           SELECT ${COLUMNS[c]} AS k, SUM("amountFen") AS amount FROM "ImpactDaily" r
           WHERE "level" = 'COUNTY' AND "day" BETWEEN ? AND ? GROUP BY k)`,
        range.from,
        range.to,
      );
      return { claim: c, label: CLAIM_LABELS[c], amountFen: n(rows[0]?.amount), buckets: n(rows[0]?.buckets) };
    }),
  );
  return totals;
}

/**
 * The reconciliation's check: over all time, every claim's buckets add up to the ledger's
 * county-level total, and no two programmes can claim the same sale.
 */
export async function countedOnceCheck(ledgerCountyFen: number, db: PrismaClient = prisma) {
  const [totals, overlaps] = await Promise.all([claimTotals({ from: "0000-01-01", to: "9999-12-31" }, db), claimOverlaps(db)]);
  const problems = [
    ...totals.filter((t) => t.amountFen !== ledgerCountyFen).map((t) => `按${t.label}合计 ${t.amountFen} 分，不等于账本 ${ledgerCountyFen} 分`),
    ...overlaps.map((o) => `「${o.a}」与「${o.b}」会同时认领同一笔采购`),
  ];
  return { ok: problems.length === 0, totals, problems };
}

