// A co-op's stock adjustments and the warnings they feed. Every adjustment is recorded in the audit
// trail with its reason, before and after (the stock history), in the transaction that makes it.
import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit/trail.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { ListingNotFound } from "~/models/coops/listing.server";
import type { StockAdjustment } from "~/models/coops/stock.schema";
import { adjustStock, type StockMove } from "~/models/orders/stock.server";

function moveFor(input: StockAdjustment): StockMove {
  if (input.reason === "COUNT") return { kind: "set", quantity: input.quantity, expected: input.stockWas };
  if (input.reason === "LOSS") return { kind: "remove", quantity: input.quantity };
  return { kind: "add", quantity: input.quantity };
}

export async function adjustVariantStock(coopId: string, slug: string, input: StockAdjustment, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const variant = await tx.variant.findFirst({ where: { id: input.variantId, product: { slug, coopId } }, select: { id: true, name: true, productId: true } });
    if (!variant) throw new ListingNotFound();
    const { before, after } = await adjustStock(tx, variant.id, moveFor(input), "quantity");
    await recordAudit(tx, {
      kind: "STOCK",
      actorId,
      coopId,
      productId: variant.productId,
      variantId: variant.id,
      subject: variant.name,
      before,
      after,
      delta: after - before,
      // the reason code first, then the co-op's note: "LOSS|运输压坏 3 箱"
      reason: input.note ? `${input.reason}|${input.note}` : input.reason,
    });
    await refreshProductDerived(tx, variant.productId);
    return { before, after };
  });
}

/** Variants on sale at or below their low-stock threshold (for the co-op's dashboard). */
export async function lowStockVariants(coopId: string) {
  const variants = await prisma.variant.findMany({
    where: { active: true, lowStockThreshold: { gt: 0 }, product: { coopId, status: { in: ["ACTIVE", "DRAFT"] } } },
    orderBy: [{ stock: "asc" }, { sku: "asc" }],
    select: { id: true, sku: true, name: true, stock: true, lowStockThreshold: true, product: { select: { slug: true, name: true, status: true } } },
  });
  return variants.filter((v) => v.stock <= v.lowStockThreshold);
}
