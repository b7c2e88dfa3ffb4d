import crypto from "node:crypto";
import { insertRows, prisma, type PrismaClient, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { queueForRollups } from "~/models/impact/rollup.server";
import { splitByWeights } from "~/models/impact/split";

// The impact ledger. Rows are only ever inserted: a refund writes reversing rows. For every paid
// order line the full line amount is attributed at each of three levels — the origin COUNTY, the
// supplier COOP, and the HOUSEHOLDs behind the product (split by the shares in force at payment).
// Reports pick one level, so nothing is counted twice. Shipping fees are not attributed.
// Every insert also queues its rows for the rollups in the same transaction; they are added in
// batches soon after, and always before a report reads them, so reports and /impact never group
// the raw ledger (docs/decisions/0006-impact-rollups.md, 0016-the-rush-on-one-machine.md).

export const LEVELS = ["COUNTY", "COOP", "HOUSEHOLD"] as const;

const saleSelect = {
  paidAt: true,
  hallId: true,
  city: true,
  organization: { select: { id: true, type: true, city: true } },
  lines: {
    select: {
      id: true,
      lineTotalFen: true,
      product: {
        select: {
          categoryId: true,
          coopId: true,
          county: { select: { id: true, prefectureId: true, partnerCityId: true } },
          shares: { select: { householdId: true, weight: true, household: { select: { members: true } } }, orderBy: { householdId: "asc" } },
        },
      },
    },
  },
} satisfies Prisma.OrderSelect;
type SaleOrder = Prisma.OrderGetPayload<{ select: typeof saleSelect }>;

/**
 * The SALE entries a paid order gets, computed from its lines and the shares in force now. Read it
 * just before the payment transaction (markOrderPaid): a placed order's lines never change, and
 * reading outside keeps the transaction that holds the database to its writes.
 */
export async function prepareSale(db: Tx | PrismaClient, orderId: string, occurredAt?: Date): Promise<Prisma.AttributionEntryCreateManyInput[]> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: saleSelect });
  return saleRows(order, occurredAt ?? order.paidAt ?? new Date());
}

function saleRows(order: SaleOrder, occurredAt: Date) {
  const rows: Prisma.AttributionEntryCreateManyInput[] = [];
  for (const line of order.lines) {
    if (line.lineTotalFen === 0) continue;
    const { product } = line;
    const common = {
      orderLineId: line.id,
      kind: "SALE",
      countyId: product.county.id,
      prefectureId: product.county.prefectureId,
      coopId: product.coopId,
      hallId: order.hallId,
      partnerCityId: product.county.partnerCityId,
      buyerType: order.organization?.type ?? "CONSUMER",
      organizationId: order.organization?.id ?? null,
      buyerCity: order.organization?.city ?? order.city ?? null,
      categoryId: product.categoryId,
      occurredAt,
    };
    rows.push({ ...common, level: "COUNTY", amountFen: line.lineTotalFen });
    rows.push({ ...common, level: "COOP", amountFen: line.lineTotalFen });
    const shares = product.shares.filter((s) => s.weight > 0);
    if (shares.length) {
      const parts = splitByWeights(
        line.lineTotalFen,
        shares.map((s) => ({ key: s, weight: s.weight })),
      );
      for (const part of parts) {
        rows.push({
          ...common,
          level: "HOUSEHOLD",
          amountFen: part.amountFen,
          householdId: part.key.householdId,
          householdPeople: part.key.household.members,
        });
      }
    }
  }
  return rows;
}

/**
 * Writes entries prepared by prepareSale, in the transaction that marks the order paid (whose
 * status guard proves it was not paid before, so none of its lines has SALE entries yet).
 */
export async function writeSale(tx: Tx, rows: Prisma.AttributionEntryCreateManyInput[]) {
  await insertEntries(tx, rows);
  return rows.length;
}

/**
 * Writes SALE entries for every line of a paid order, read inside the caller's transaction; it
 * does nothing for lines that already have entries, so a repeated call is harmless.
 */
export async function recordSale(tx: Tx, orderId: string) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: saleSelect });
  // Lines already attributed (a repeated call) are skipped. A plain lookup on the orderLineId index:
  // a filtered relation _count here made Prisma group the whole ledger (200 ms at 1M entries).
  const attributed = new Set(
    (
      await tx.attributionEntry.findMany({
        where: { orderLineId: { in: order.lines.map((l) => l.id) }, kind: "SALE" },
        select: { orderLineId: true },
        distinct: ["orderLineId"],
      })
    ).map((e) => e.orderLineId),
  );
  const rows = saleRows({ ...order, lines: order.lines.filter((l) => !attributed.has(l.id)) }, order.paidAt ?? new Date());
  await insertEntries(tx, rows);
  return rows.length;
}

/**
 * Inserts ledger rows and queues them for the rollups (applyPendingRollups adds them in batches):
 * the rollup upserts were three quarters of a payment's time in the database.
 */
async function insertEntries(tx: Tx, rows: Prisma.AttributionEntryCreateManyInput[]) {
  if (rows.length === 0) return;
  const withIds = rows.map((r) => ({
    refundId: null, householdId: null, householdPeople: 0, hallId: null, organizationId: null, buyerCity: null,
    ...r,
    id: crypto.randomUUID(),
    occurredAt: new Date(r.occurredAt),
  }));
  // Raw multi-row INSERTs: Prisma's createMany compiles a query as large as its rows on every call.
  for (let i = 0; i < withIds.length; i += 500) await insertRows(tx, "AttributionEntry", withIds.slice(i, i + 500));
  await queueForRollups(tx, withIds.map((r) => r.id));
}

/**
 * Writes REFUND entries mirroring the sale: for each refunded line amount, minus that amount at the
 * county and co-op level, and minus the households' parts in the same proportions as their SALE
 * entries (so later share edits never change what a refund takes back).
 */
export async function recordRefund(
  tx: Tx,
  input: { refundId: string; lines: { orderLineId: string; amountFen: number }[]; occurredAt?: Date },
) {
  const occurredAt = input.occurredAt ?? new Date();
  const rows: Prisma.AttributionEntryCreateManyInput[] = [];
  for (const { orderLineId, amountFen } of input.lines) {
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new Error("refund amount must be a positive number of fen");
    const sales = await tx.attributionEntry.findMany({
      where: { orderLineId, kind: "SALE" },
      orderBy: [{ level: "asc" }, { householdId: "asc" }],
    });
    if (sales.length === 0) continue; // never attributed (e.g. refunded before payment): nothing to reverse
    const { id: _id, refundId: _r, kind: _k, amountFen: _a, occurredAt: _o, ...base } = sales[0];
    const reversal = (level: string, amount: number, householdId: string | null = null, householdPeople = 0) =>
      rows.push({ ...base, refundId: input.refundId, kind: "REFUND", level, amountFen: -amount, householdId, householdPeople, occurredAt });
    reversal("COUNTY", amountFen);
    reversal("COOP", amountFen);
    const householdSales = sales.filter((s) => s.level === "HOUSEHOLD" && s.amountFen > 0);
    if (householdSales.length) {
      const parts = splitByWeights(amountFen, householdSales.map((s) => ({ key: s, weight: s.amountFen })));
      for (const part of parts) {
        if (part.amountFen !== 0) reversal("HOUSEHOLD", part.amountFen, part.key.householdId, part.key.householdPeople);
      }
    }
  }
  await insertEntries(tx, rows);
  return rows.length;
}

/**
 * Per co-op, the goods sold (SALE) and refunded (REFUND, as a positive amount) in [from, to), read
 * from the co-op level of the ledger: what a co-op's monthly statement is built on.
 */
export async function coopLedgerTotals(range: { from: Date; to: Date; coopIds?: string[] }) {
  const rows = await prisma.attributionEntry.groupBy({
    by: ["coopId", "kind"],
    where: { level: "COOP", occurredAt: { gte: range.from, lt: range.to }, ...(range.coopIds ? { coopId: { in: range.coopIds } } : {}) },
    _sum: { amountFen: true },
  });
  const totals = new Map<string, { saleFen: number; refundFen: number }>();
  for (const r of rows) {
    const t = totals.get(r.coopId) ?? { saleFen: 0, refundFen: 0 };
    if (r.kind === "SALE") t.saleFen += r._sum.amountFen ?? 0;
    else t.refundFen -= r._sum.amountFen ?? 0;
    totals.set(r.coopId, t);
  }
  return totals;
}

/** The co-op-level ledger entries of one co-op in [from, to), oldest first, for its statement's detail. */
export async function coopLedgerEntries(coopId: string, range: { from: Date; to: Date }) {
  return prisma.attributionEntry.findMany({
    where: { level: "COOP", coopId, occurredAt: { gte: range.from, lt: range.to } },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: 20_000,
    select: { kind: true, amountFen: true, occurredAt: true, orderLine: { select: { productName: true, variantName: true, quantity: true, order: { select: { number: true } } } } },
  });
}
