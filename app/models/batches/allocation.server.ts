import crypto from "node:crypto";
import { insertRows, prisma, raw, type PrismaClient, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { reattributeLine } from "~/models/impact/ledger.server";
import { PAID_STATUSES } from "~/models/orders/status";

// Which batch the units of a paid order line come from. At payment, in the transaction that marks
// the order paid and before the ledger is written, each line takes its units from the batches that
// hold that variant, oldest harvest first (first in, first out); units no batch holds stay
// unbatched. The ledger then attributes the units of each batch to that batch's households. Until
// the parcel ships the co-op may move a line to another batch it picks; the ledger is corrected
// by reversing rows (insert-only) so reports follow the households who really supplied it.

interface PaidLine {
  id: string;
  variantId: string;
  quantity: number;
}

/**
 * FIFO allocation of a paid order's lines. One read of the batches that hold the order's variants
 * (most variants have none: then that read is all it costs), one guarded decrement per batch used,
 * one insert. A line that already has allocations (a repeated call) is left alone.
 */
export async function allocateBatches(tx: Tx, lines: PaidLine[]) {
  if (lines.length === 0) return 0;
  const stocks = await tx.batchStock.findMany({
    where: { variantId: { in: [...new Set(lines.map((l) => l.variantId))] }, remaining: { gt: 0 } },
    orderBy: [{ batch: { producedOn: "asc" } }, { receivedAt: "asc" }, { batchId: "asc" }],
    select: { batchId: true, variantId: true, remaining: true },
  });
  if (stocks.length === 0) return 0;
  const done = new Set(
    (await tx.batchAllocation.findMany({ where: { orderLineId: { in: lines.map((l) => l.id) } }, select: { orderLineId: true }, distinct: ["orderLineId"] })).map((a) => a.orderLineId),
  );
  const rows: { orderLineId: string; batchId: string; variantId: string; quantity: number }[] = [];
  for (const line of lines) {
    if (done.has(line.id)) continue;
    let need = line.quantity;
    for (const stock of stocks) {
      if (need === 0) break;
      if (stock.variantId !== line.variantId || stock.remaining === 0) continue;
      const take = Math.min(need, stock.remaining);
      const { count } = await tx.batchStock.updateMany({
        where: { batchId: stock.batchId, variantId: stock.variantId, remaining: { gte: take } },
        data: { remaining: { decrement: take } },
      });
      if (count !== 1) continue; // taken meanwhile by another process: try the next batch
      stock.remaining -= take;
      need -= take;
      rows.push({ orderLineId: line.id, batchId: stock.batchId, variantId: line.variantId, quantity: take });
    }
  }
  if (rows.length) await tx.batchAllocation.createMany({ data: rows });
  return rows.length;
}

/** Units a paid line is to take from one batch, worked out before the payment's transaction. */
export interface PlannedTake {
  orderLineId: string;
  batchId: string;
  variantId: string;
  quantity: number;
}

/**
 * allocateBatches worked out before the payment's transaction, from one raw read of the batches
 * that hold the lines' variants (the same FIFO order). Inside, takePlannedBatches applies it with
 * one guarded statement; a batch emptied meanwhile makes it refuse, and the caller allocates inside.
 */
export async function planBatches(db: Tx | PrismaClient, lines: PaidLine[]): Promise<PlannedTake[]> {
  if (lines.length === 0) return [];
  const variantIds = [...new Set(lines.map((l) => l.variantId))];
  const stocks = await raw(db).query<{ batchId: string; variantId: string; remaining: number }>(
    `SELECT s."batchId", s."variantId", s."remaining" FROM "BatchStock" s JOIN "Batch" b ON b."id" = s."batchId"
     WHERE s."variantId" IN (${variantIds.map(() => "?").join(", ")}) AND s."remaining" > 0
     ORDER BY b."producedOn" ASC, s."receivedAt" ASC, s."batchId" ASC`,
    ...variantIds,
  );
  const takes: PlannedTake[] = [];
  for (const line of lines) {
    let need = line.quantity;
    for (const stock of stocks) {
      if (need === 0) break;
      if (stock.variantId !== line.variantId || stock.remaining === 0) continue;
      const take = Math.min(need, stock.remaining);
      stock.remaining -= take;
      need -= take;
      takes.push({ orderLineId: line.id, batchId: stock.batchId, variantId: line.variantId, quantity: take });
    }
  }
  return takes;
}

/**
 * Inside the payment's transaction (whose status guard proves the lines have no allocations yet):
 * every planned take in one UPDATE, each row only if it still holds its units, then one INSERT.
 * Returns false when some batch no longer holds what was planned (taken meanwhile): the rows that
 * still held theirs were decremented, so the caller must roll back, then allocate inside the
 * transaction (allocateBatches).
 */
export async function takePlannedBatches(tx: Tx, takes: PlannedTake[]) {
  if (takes.length === 0) return true;
  // Two lines of one variant can take from the same batch: one decrement per batch row.
  const byStock = new Map<string, { batchId: string; variantId: string; quantity: number }>();
  for (const t of takes) {
    const key = `${t.batchId}\u0000${t.variantId}`;
    const cur = byStock.get(key) ?? { batchId: t.batchId, variantId: t.variantId, quantity: 0 };
    cur.quantity += t.quantity;
    byStock.set(key, cur);
  }
  const stocks = [...byStock.values()];
  const when = stocks.map(() => `WHEN "batchId" = ? AND "variantId" = ? THEN ?`).join(" ");
  const caseArgs = stocks.flatMap((s) => [s.batchId, s.variantId, s.quantity]);
  const count = await raw(tx).execute(
    `UPDATE "BatchStock" SET "remaining" = "remaining" - CASE ${when} END
     WHERE ("batchId", "variantId") IN (VALUES ${stocks.map(() => "(?, ?)").join(", ")}) AND "remaining" >= CASE ${when} END`,
    ...caseArgs,
    ...stocks.flatMap((s) => [s.batchId, s.variantId]),
    ...caseArgs,
  );
  if (count !== stocks.length) return false;
  const now = new Date();
  await insertRows(tx, "BatchAllocation", takes.map((t) => ({ id: crypto.randomUUID(), ...t, createdAt: now })));
  return true;
}

/**
 * The co-op picks another batch for (part of) a line before its goods ship: the units go back to
 * the first batch and come out of the second, and the ledger moves the households' parts with them.
 */
export async function moveAllocation(coopId: string, input: { orderLineId: string; fromBatchId: string; toBatchId: string }) {
  return prisma.$transaction(async (tx) => {
    const allocation = await tx.batchAllocation.findUnique({
      where: { orderLineId_batchId: { orderLineId: input.orderLineId, batchId: input.fromBatchId } },
      select: {
        id: true,
        quantity: true,
        variantId: true,
        batch: { select: { coopId: true, productId: true } },
        orderLine: {
          select: {
            order: { select: { status: true } },
            // a parcel holding this line that has left the co-op (shipped or delivered)
            parcelItems: { where: { parcel: { status: { in: ["SHIPPED", "DELIVERED"] } } }, select: { id: true }, take: 1 },
          },
        },
      },
    });
    if (!allocation || allocation.batch.coopId !== coopId) throw new NotFoundError("没有这条批次记录");
    const order = allocation.orderLine.order;
    if (!PAID_STATUSES.includes(order.status as never) || order.status === "REFUNDED" || allocation.orderLine.parcelItems.length > 0) {
      throw new ConflictError("已发货或已退款的订单不能再改批次", "toBatchId");
    }
    if (input.toBatchId === input.fromBatchId) throw new ConflictError("请选择另一个批次", "toBatchId");
    const target = await tx.batch.findFirst({ where: { id: input.toBatchId, coopId, productId: allocation.batch.productId }, select: { id: true } });
    if (!target) throw new NotFoundError("没有这个批次，或它不是同一商品的批次", "toBatchId");
    const { count } = await tx.batchStock.updateMany({
      where: { batchId: target.id, variantId: allocation.variantId, remaining: { gte: allocation.quantity } },
      data: { remaining: { decrement: allocation.quantity } },
    });
    if (count !== 1) throw new ConflictError(`该批次这个规格的余量不足 ${allocation.quantity} 件`, "toBatchId");
    await tx.batchStock.update({
      where: { batchId_variantId: { batchId: input.fromBatchId, variantId: allocation.variantId } },
      data: { remaining: { increment: allocation.quantity } },
    });
    await tx.batchAllocation.delete({ where: { id: allocation.id } });
    await tx.batchAllocation.upsert({
      where: { orderLineId_batchId: { orderLineId: input.orderLineId, batchId: target.id } },
      create: { orderLineId: input.orderLineId, batchId: target.id, variantId: allocation.variantId, quantity: allocation.quantity },
      update: { quantity: { increment: allocation.quantity } },
    });
    await reattributeLine(tx, input.orderLineId);
  });
}

/**
 * The batches (codes and dates) each line of an order came from, for the buyer's page — the last
 * request of every paid order, so one raw statement (a test holds it to batchesOf's Prisma read).
 */
export async function batchesOfOrder(orderId: string): Promise<LineBatches> {
  const rows = await raw(prisma).query<{ orderLineId: string; quantity: number; code: string; producedOn: string }>(
    `SELECT a."orderLineId", a."quantity", b."code", b."producedOn" FROM "BatchAllocation" a
     JOIN "OrderLine" l ON l."id" = a."orderLineId" JOIN "Batch" b ON b."id" = a."batchId"
     WHERE l."orderId" = ? ORDER BY a."orderLineId" ASC, a."createdAt" ASC`,
    orderId,
  );
  const byLine: LineBatches = {};
  for (const r of rows) (byLine[r.orderLineId] ??= []).push({ code: r.code, producedOn: r.producedOn, quantity: r.quantity });
  return byLine;
}

/** The same for some lines of any orders (a co-op's packing slips; the caller scoped the lines). */
export async function batchesOfLines(orderLineIds: string[]) {
  return orderLineIds.length ? batchesOf({ orderLineId: { in: orderLineIds } }) : {};
}

export type LineBatches = Record<string, { code: string; producedOn: string; quantity: number }[]>;

export async function batchesOf(where: Prisma.BatchAllocationWhereInput): Promise<LineBatches> {
  const rows = await prisma.batchAllocation.findMany({
    where,
    orderBy: [{ orderLineId: "asc" }, { createdAt: "asc" }],
    select: { orderLineId: true, quantity: true, batch: { select: { code: true, producedOn: true } } },
  });
  const byLine: LineBatches = {};
  for (const r of rows) (byLine[r.orderLineId] ??= []).push({ code: r.batch.code, producedOn: r.batch.producedOn, quantity: r.quantity });
  return byLine;
}
