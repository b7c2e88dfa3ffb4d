import { raw, type Tx } from "~/db.server";
import { ConflictError } from "~/lib/errors";

export interface StockLine {
  variantId: string;
  productId: string;
  quantity: number;
}

export class OutOfStockError extends ConflictError {
  constructor(
    public readonly variantId: string,
    public readonly requested: number,
    /** "product（variant）", when the caller knows it (placeOrder fills it in). */
    public readonly label?: string,
  ) {
    super("库存不足，已售罄或余量不够");
  }
}

/**
 * Takes units out of stock for an order, all or nothing. Each decrement is conditional
 * (`stock >= quantity`), so two buyers racing for the last box cannot both get it: the loser's
 * update matches no row, we throw, and the surrounding transaction rolls back every earlier line.
 * Product.totalStock (used by listings) moves by the same amount in the same transaction.
 */
export async function reserveStock(tx: Tx, lines: StockLine[]) {
  const merged = mergeLines(lines);
  for (const line of merged) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) throw new Error("数量必须是正整数");
    // Raw statements: this runs inside checkout's transaction, which holds the one writer.
    const count = await raw(tx).execute(`UPDATE "Variant" SET "stock" = "stock" - ? WHERE "id" = ? AND "active" = 1 AND "stock" >= ?`, line.quantity, line.variantId, line.quantity);
    if (count !== 1) throw new OutOfStockError(line.variantId, line.quantity);
  }
  const byProduct = new Map<string, number>();
  for (const line of merged) byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + line.quantity);
  const products = [...byProduct];
  // updatedAt (which the catalogue cache watches) moves only for a product this sells out: its
  // cards must say 已售罄 at once, while other stock figures may be as old as the cache allows.
  const taken = `CASE "id" ${products.map(() => "WHEN ? THEN ?").join(" ")} END`;
  await raw(tx).execute(
    `UPDATE "Product" SET "updatedAt" = CASE WHEN "totalStock" - ${taken} <= 0 THEN ? ELSE "updatedAt" END, "totalStock" = "totalStock" - ${taken}
     WHERE "id" IN (${products.map(() => "?").join(", ")})`,
    ...products.flat(),
    new Date(),
    ...products.flat(),
    ...products.map(([id]) => id),
  );
}

/**
 * Puts reserved units back (payment failed, reservation expired, order cancelled). The listing's
 * totalStock counts active variants only (refreshProductDerived), so a variant the co-op took off
 * sale meanwhile gets its units back without showing them as on sale.
 */
export async function releaseStock(tx: Tx, lines: StockLine[]) {
  for (const line of mergeLines(lines)) {
    const variant = await tx.variant.update({ where: { id: line.variantId }, data: { stock: { increment: line.quantity } }, select: { active: true } });
    if (variant.active) await tx.product.update({ where: { id: line.productId }, data: { totalStock: { increment: line.quantity } } });
  }
}

function mergeLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const l of lines) {
    const seen = merged.get(l.variantId);
    merged.set(l.variantId, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l });
  }
  // A fixed order (by id) means two transactions never take the same rows in opposite orders.
  return [...merged.values()].sort((a, b) => a.variantId.localeCompare(b.variantId));
}

/** A count (盘点) found the stock changed since the co-op read it (an order, a release). */
export class StockChanged extends ConflictError {
  constructor(
    public readonly variantId: string,
    public readonly currentStock: number,
    field?: string,
  ) {
    super(`提交期间库存已变为 ${currentStock}，请核对后重新填写`, field, { stockWas: String(currentStock) });
  }
}

export type StockMove = { kind: "add"; quantity: number } | { kind: "remove"; quantity: number } | { kind: "set"; quantity: number; expected: number };

/**
 * A co-op's own stock move, guarded like an order's. Adding and removing are increments, so an
 * order taking units at the same moment is never overwritten; a removal larger than what is left is
 * refused. Setting a counted figure (盘点) applies only if the stock still is what the co-op saw.
 * Returns the figure before and after (read in the same transaction). The caller refreshes the
 * product's derived totals (refreshProductDerived), which recounts totalStock from active variants.
 */
export async function adjustStock(tx: Tx, variantId: string, move: StockMove, field?: string): Promise<{ before: number; after: number }> {
  if (!Number.isSafeInteger(move.quantity) || move.quantity < 0) throw new Error("数量必须是非负整数");
  if (move.kind === "set") {
    const { count } = await tx.variant.updateMany({ where: { id: variantId, stock: move.expected }, data: { stock: move.quantity } });
    if (count !== 1) {
      const current = await tx.variant.findUniqueOrThrow({ where: { id: variantId }, select: { stock: true } });
      throw new StockChanged(variantId, current.stock, field);
    }
    return { before: move.expected, after: move.quantity };
  }
  if (move.kind === "add") {
    const { stock } = await tx.variant.update({ where: { id: variantId }, data: { stock: { increment: move.quantity } }, select: { stock: true } });
    return { before: stock - move.quantity, after: stock };
  }
  const { count } = await tx.variant.updateMany({ where: { id: variantId, stock: { gte: move.quantity } }, data: { stock: { decrement: move.quantity } } });
  if (count !== 1) {
    const current = await tx.variant.findUniqueOrThrow({ where: { id: variantId }, select: { stock: true } });
    throw new ConflictError(`减少的数量超过现有库存 ${current.stock}`, field);
  }
  const { stock } = await tx.variant.findUniqueOrThrow({ where: { id: variantId }, select: { stock: true } });
  return { before: stock + move.quantity, after: stock };
}
