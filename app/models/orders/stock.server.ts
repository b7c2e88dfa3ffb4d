import type { Tx } from "~/db.server";
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
    const count = await tx.$executeRaw`UPDATE "Variant" SET "stock" = "stock" - ${line.quantity}
      WHERE "id" = ${line.variantId} AND "active" = 1 AND "stock" >= ${line.quantity}`;
    if (count !== 1) throw new OutOfStockError(line.variantId, line.quantity);
  }
  const byProduct = new Map<string, number>();
  for (const line of merged) byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + line.quantity);
  const products = [...byProduct];
  // updatedAt moves as a Prisma update would move it: the catalogue cache watches it.
  await tx.$executeRawUnsafe(
    `UPDATE "Product" SET "totalStock" = "totalStock" - CASE "id" ${products.map(() => "WHEN ? THEN ?").join(" ")} END, "updatedAt" = ?
     WHERE "id" IN (${products.map(() => "?").join(", ")})`,
    ...products.flat(),
    new Date(),
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
