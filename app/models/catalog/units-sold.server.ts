import type { Tx } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { PAID_STATUSES } from "~/models/orders/status";

// 累计售出: Product.salesCount is the number of units in paid orders less the units refunded, the
// figure product pages show and the "popular" sort orders by (one stored column, so the sort stays
// on its index and agrees with what the page says). markOrderPaid adds an order's units as it is
// paid; a refund recounts the products it touched from their order lines. A unit counts as refunded
// only when its full price went back: a goodwill refund of a few yuan does not unsell a box.

type Db = Tx | PrismaClient;

/** Units a paid line still counts for, given what has been refunded on it. */
export function unitsKept(line: { quantity: number; unitPriceFen: number; refundedFen: number }): number {
  if (line.unitPriceFen <= 0) return line.quantity;
  return Math.max(0, line.quantity - Math.floor(line.refundedFen / line.unitPriceFen));
}

/** Recounts salesCount from the order lines of the given products (all products when none given). */
export async function recountUnitsSold(db: Db, productIds?: string[]) {
  const ids = productIds ? [...new Set(productIds)] : (await db.product.findMany({ select: { id: true } })).map((p) => p.id);
  if (ids.length === 0) return;
  const lines = await db.orderLine.findMany({
    where: { productId: { in: ids }, order: { status: { in: [...PAID_STATUSES] } } },
    select: { productId: true, quantity: true, unitPriceFen: true, refundedFen: true },
  });
  const sold = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const line of lines) sold.set(line.productId, (sold.get(line.productId) ?? 0) + unitsKept(line));
  for (const [id, salesCount] of sold) {
    // updateMany: only a changed count is written, so an untouched product keeps its updatedAt.
    await db.product.updateMany({ where: { id, NOT: { salesCount } }, data: { salesCount, updatedAt: new Date() } });
  }
}
