import { raw, type PrismaClient, type Tx } from "~/db.server";

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
export async function tiersFor(db: Tx | PrismaClient, variantIds: string[], organizationId: string | null) {
  if (variantIds.length === 0) return new Map<string, Tier[]>();
  // Raw: the cart, checkout and every product page price through this.
  const tiers = await raw(db).query<{ variantId: string; minQty: number; priceFen: number; organizationId: string | null }>(
    `SELECT "variantId", "minQty", "priceFen", "organizationId" FROM "PriceTier"
     WHERE "variantId" IN (${variantIds.map(() => "?").join(", ")}) AND ("organizationId" IS NULL${organizationId ? ` OR "organizationId" = ?` : ""})
     ORDER BY "minQty" ASC`,
    ...variantIds,
    ...(organizationId ? [organizationId] : []),
  );
  const byVariant = new Map<string, Tier[]>();
  for (const t of tiers) {
    const list = byVariant.get(t.variantId) ?? [];
    list.push(t);
    byVariant.set(t.variantId, list);
  }
  return byVariant;
}
