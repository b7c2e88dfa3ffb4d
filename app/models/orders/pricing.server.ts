import type { PrismaClient } from "~/generated/prisma/client";

export interface Tier {
  minQty: number;
  priceFen: number;
  organizationId: string | null;
}

/**
 * The unit price for a quantity: the lowest price among the base price and every tier whose
 * minimum the quantity reaches. Organisation-only tiers count only for that organisation.
 */
export function unitPriceFor(
  basePriceFen: number,
  tiers: Tier[],
  quantity: number,
  organizationId: string | null = null,
): number {
  let price = basePriceFen;
  for (const tier of tiers) {
    if (quantity < tier.minQty) continue;
    if (tier.organizationId && tier.organizationId !== organizationId) continue;
    if (tier.priceFen < price) price = tier.priceFen;
  }
  return price;
}

export function lineTotalFen(unitPriceFen: number, quantity: number): number {
  if (!Number.isSafeInteger(unitPriceFen) || !Number.isSafeInteger(quantity)) {
    throw new TypeError("price and quantity must be whole numbers");
  }
  return unitPriceFen * quantity;
}

/** The tiers a buyer may see for a variant: public ones plus their own organisation's. */
export async function tiersFor(db: Pick<PrismaClient, "priceTier">, variantIds: string[], organizationId: string | null) {
  const tiers = await db.priceTier.findMany({
    where: {
      variantId: { in: variantIds },
      OR: [{ organizationId: null }, ...(organizationId ? [{ organizationId }] : [])],
    },
    orderBy: { minQty: "asc" },
    select: { variantId: true, minQty: true, priceFen: true, organizationId: true },
  });
  const byVariant = new Map<string, Tier[]>();
  for (const t of tiers) {
    const list = byVariant.get(t.variantId) ?? [];
    list.push(t);
    byVariant.set(t.variantId, list);
  }
  return byVariant;
}
