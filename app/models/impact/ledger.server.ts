import crypto from "node:crypto";
import { insertRows, prisma, raw, type PrismaClient, type Tx } from "~/db.server";
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

/** SALE at payment, REFUND for money sent back, REBATCH for households moved when a co-op picks another batch. */
export const ENTRY_KINDS = ["SALE", "REFUND", "REBATCH"] as const;

const BATCH_SHARES_SELECT = {
  quantity: true,
  batch: { select: { shares: { select: { householdId: true, percent: true, household: { select: { members: true } } }, orderBy: { householdId: "asc" } } } },
} as const;

interface BatchPart {
  quantity: number;
  batch: { shares: { householdId: string; percent: number; household: { members: number } }[] };
}

/**
 * How a line's amount splits among households. Units taken from a batch go to that batch's
 * households by their percent; units from no batch go by the product's shares — or, when the
 * product has none, with the batched units, so a line with households is always attributed in full.
 * Parts of one household from several sources are added together.
 */
export function householdParts(
  amountFen: number,
  quantity: number,
  batches: BatchPart[],
  productShares: { householdId: string; weight: number; household: { members: number } }[],
) {
  const weighted = productShares.filter((s) => s.weight > 0);
  const batched = batches.filter((b) => b.quantity > 0 && b.batch.shares.some((s) => s.percent > 0));
  const loose = Math.max(0, quantity - batched.reduce((s, b) => s + b.quantity, 0));
  type Source = { weight: number; shares: { householdId: string; weight: number; members: number }[] };
  const sources: Source[] = batched.map((b) => ({ weight: b.quantity, shares: b.batch.shares.map((s) => ({ householdId: s.householdId, weight: s.percent, members: s.household.members })) }));
  if (loose > 0 && weighted.length) sources.push({ weight: loose, shares: weighted.map((s) => ({ householdId: s.householdId, weight: s.weight, members: s.household.members })) });
  if (sources.length === 0 || amountFen === 0) return [];
  const byHousehold = new Map<string, { householdId: string; members: number; amountFen: number }>();
  for (const { key, amountFen: part } of splitByWeights(amountFen, sources.map((src) => ({ key: src, weight: src.weight })))) {
    for (const h of splitByWeights(part, key.shares.filter((s) => s.weight > 0).map((s) => ({ key: s, weight: s.weight })))) {
      const cur = byHousehold.get(h.key.householdId) ?? { householdId: h.key.householdId, members: h.key.members, amountFen: 0 };
      cur.amountFen += h.amountFen;
      byHousehold.set(h.key.householdId, cur);
    }
  }
  return [...byHousehold.values()].filter((h) => h.amountFen !== 0).sort((a, b) => a.householdId.localeCompare(b.householdId));
}

/** What each household holds of a line now: the net of all its household entries (positive only). */
async function householdNet(tx: Tx, orderLineId: string) {
  const rows = await tx.attributionEntry.groupBy({
    by: ["householdId", "householdPeople"],
    where: { orderLineId, level: "HOUSEHOLD" },
    _sum: { amountFen: true },
    orderBy: { householdId: "asc" },
  });
  const net = new Map<string, { householdId: string; people: number; amountFen: number }>();
  for (const r of rows) {
    if (!r.householdId) continue;
    const cur = net.get(r.householdId) ?? { householdId: r.householdId, people: r.householdPeople, amountFen: 0 };
    cur.amountFen += r._sum.amountFen ?? 0;
    net.set(r.householdId, cur);
  }
  return [...net.values()].filter((h) => h.amountFen > 0);
}

const saleSelect = {
  paidAt: true,
  hallId: true,
  city: true,
  organization: { select: { id: true, type: true, city: true } },
  lines: {
    select: {
      id: true,
      lineTotalFen: true,
      quantity: true,
      batchAllocations: { select: BATCH_SHARES_SELECT, orderBy: { batchId: "asc" } },
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
 * The SALE entries a paid order gets, computed from its lines, the shares in force now and the
 * batch units it is to take (allocation.server.ts planBatches). Read it just before the payment
 * transaction (markOrderPaid): a placed order's lines never change, and reading outside keeps the
 * transaction that holds the database to its writes. Four raw reads, not Prisma's nested select
 * (ten statements and its query compiler on every payment); `saleRowsOf` reads the same with
 * Prisma after the allocation is written, and a test holds the two to the same rows.
 */
export async function prepareSale(
  db: Tx | PrismaClient,
  orderId: string,
  occurredAt: Date,
  takes: { orderLineId: string; batchId: string; quantity: number }[] = [],
): Promise<Prisma.AttributionEntryCreateManyInput[]> {
  const [order] = await raw(db).query<{ hallId: string | null; city: string | null; organizationId: string | null; orgType: string | null; orgCity: string | null }>(
    `SELECT o."hallId", o."city", g."id" AS "organizationId", g."type" AS "orgType", g."city" AS "orgCity"
     FROM "Order" o LEFT JOIN "Organization" g ON g."id" = o."organizationId" WHERE o."id" = ?`,
    orderId,
  );
  if (!order) throw new Error(`no order ${orderId}`);
  const lines = await raw(db).query<{
    id: string; lineTotalFen: number; quantity: number; productId: string; categoryId: string; coopId: string; countyId: string; prefectureId: string; partnerCityId: string;
  }>(
    `SELECT l."id", l."lineTotalFen", l."quantity", l."productId", p."categoryId", p."coopId", c."id" AS "countyId", c."prefectureId", c."partnerCityId"
     FROM "OrderLine" l JOIN "Product" p ON p."id" = l."productId" JOIN "County" c ON c."id" = p."countyId"
     WHERE l."orderId" = ? ORDER BY l."id"`,
    orderId,
  );
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const batchIds = [...new Set(takes.map((t) => t.batchId))];
  const [productShares, batchShares] = await Promise.all([
    productIds.length
      ? raw(db).query<{ key: string; householdId: string; weight: number; members: number }>(
          `SELECT s."productId" AS "key", s."householdId", s."weight", h."members" FROM "ProductShare" s JOIN "Household" h ON h."id" = s."householdId"
           WHERE s."productId" IN (${productIds.map(() => "?").join(", ")}) ORDER BY s."householdId"`,
          ...productIds,
        )
      : [],
    batchIds.length
      ? raw(db).query<{ key: string; householdId: string; weight: number; members: number }>(
          `SELECT s."batchId" AS "key", s."householdId", s."percent" AS "weight", h."members" FROM "BatchShare" s JOIN "Household" h ON h."id" = s."householdId"
           WHERE s."batchId" IN (${batchIds.map(() => "?").join(", ")}) ORDER BY s."householdId"`,
          ...batchIds,
        )
      : [],
  ]);
  const group = (rows: { key: string; householdId: string; weight: number; members: number }[]) => {
    const by = new Map<string, { householdId: string; weight: number; percent: number; household: { members: number } }[]>();
    for (const r of rows) {
      const list = by.get(r.key) ?? [];
      list.push({ householdId: r.householdId, weight: r.weight, percent: r.weight, household: { members: r.members } });
      by.set(r.key, list);
    }
    return by;
  };
  const sharesOfProduct = group(productShares);
  const sharesOfBatch = group(batchShares);
  return saleRows(
    {
      paidAt: occurredAt,
      hallId: order.hallId,
      city: order.city,
      organization: order.organizationId ? { id: order.organizationId, type: order.orgType!, city: order.orgCity! } : null,
      lines: lines.map((l) => ({
        id: l.id,
        lineTotalFen: l.lineTotalFen,
        quantity: l.quantity,
        // as Prisma orders a line's allocations (by batch): the split's rounding follows this order
        batchAllocations: takes
          .filter((t) => t.orderLineId === l.id)
          .sort((a, b) => (a.batchId < b.batchId ? -1 : a.batchId > b.batchId ? 1 : 0))
          .map((t) => ({ quantity: t.quantity, batch: { shares: sharesOfBatch.get(t.batchId) ?? [] } })),
        product: {
          categoryId: l.categoryId,
          coopId: l.coopId,
          county: { id: l.countyId, prefectureId: l.prefectureId, partnerCityId: l.partnerCityId },
          shares: sharesOfProduct.get(l.productId) ?? [],
        },
      })),
    },
    occurredAt,
  );
}

/** The SALE entries of an order as read with Prisma (its allocations as written): what prepareSale must agree with. */
export async function saleRowsOf(db: Tx | PrismaClient, orderId: string, occurredAt: Date) {
  return saleRows(await db.order.findUniqueOrThrow({ where: { id: orderId }, select: saleSelect }), occurredAt);
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
    for (const part of householdParts(line.lineTotalFen, line.quantity, line.batchAllocations, product.shares)) {
      rows.push({ ...common, level: "HOUSEHOLD", amountFen: part.amountFen, householdId: part.householdId, householdPeople: part.members });
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
      where: { orderLineId, kind: "SALE", level: "COUNTY" },
      take: 1,
    });
    if (sales.length === 0) continue; // never attributed (e.g. refunded before payment): nothing to reverse
    const { id: _id, refundId: _r, kind: _k, amountFen: _a, occurredAt: _o, ...base } = sales[0];
    const reversal = (level: string, amount: number, householdId: string | null = null, householdPeople = 0) =>
      rows.push({ ...base, refundId: input.refundId, kind: "REFUND", level, amountFen: -amount, householdId, householdPeople, occurredAt });
    reversal("COUNTY", amountFen);
    reversal("COOP", amountFen);
    // Households share a refund by what each still holds of the line (its sale, less earlier
    // refunds, after any batch correction), so no household is ever taken below zero.
    const held = await householdNet(tx, orderLineId);
    if (held.length) {
      const parts = splitByWeights(amountFen, held.map((h) => ({ key: h, weight: h.amountFen })));
      for (const part of parts) {
        if (part.amountFen !== 0) reversal("HOUSEHOLD", part.amountFen, part.key.householdId, part.key.people);
      }
    }
  }
  await insertEntries(tx, rows);
  return rows.length;
}

/**
 * After a line's batches changed (the co-op picked another batch before shipping), moves the
 * line's household parts to the households of its batches now: REBATCH rows take the old parts
 * back and give the new ones, for what the line still holds (its amount less refunds). The county
 * and co-op levels do not move, so the line still adds up at every level.
 */
export async function reattributeLine(tx: Tx, orderLineId: string) {
  const line = await tx.orderLine.findUniqueOrThrow({
    where: { id: orderLineId },
    select: {
      quantity: true,
      batchAllocations: { select: BATCH_SHARES_SELECT, orderBy: { batchId: "asc" } },
      product: { select: { shares: { select: { householdId: true, weight: true, household: { select: { members: true } } }, orderBy: { householdId: "asc" } } } },
    },
  });
  const [county] = await tx.attributionEntry.findMany({ where: { orderLineId, level: "COUNTY", kind: "SALE" }, take: 1 });
  if (!county) return 0; // never attributed: nothing to move
  const { _sum } = await tx.attributionEntry.aggregate({ where: { orderLineId, level: "COUNTY" }, _sum: { amountFen: true } });
  const held = _sum.amountFen ?? 0;
  const now = new Map((await householdNet(tx, orderLineId)).map((h) => [h.householdId, h]));
  const want = new Map(householdParts(held, line.quantity, line.batchAllocations, line.product.shares).map((h) => [h.householdId, h]));
  const { id: _id, refundId: _r, kind: _k, amountFen: _a, occurredAt: _o, level: _l, householdId: _h, householdPeople: _p, ...base } = county;
  // Dated like the sale it corrects, so period reports move with it (it happens before shipping).
  const occurredAt = county.occurredAt;
  const rows: Prisma.AttributionEntryCreateManyInput[] = [];
  for (const id of new Set([...now.keys(), ...want.keys()])) {
    const delta = (want.get(id)?.amountFen ?? 0) - (now.get(id)?.amountFen ?? 0);
    if (delta === 0) continue;
    const people = want.get(id)?.members ?? now.get(id)?.people ?? 0;
    rows.push({ ...base, kind: "REBATCH", level: "HOUSEHOLD", amountFen: delta, householdId: id, householdPeople: people, occurredAt });
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
