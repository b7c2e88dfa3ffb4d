// A co-op manager's own listings: what they sell, at what price, how much is left. Every query is
// scoped by the manager's co-op, so another co-op's product is simply "not found".
import { prisma } from "~/db.server";
import { variantField, type ListingInput } from "~/models/coops/listing.schema";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { ConflictError, NotFoundError } from "~/lib/errors";

export class ListingNotFound extends NotFoundError {
  constructor() {
    super("没有这个商品，或它不属于本社");
  }
}

/** A variant's stock moved (an order, a release) between loading the form and saving it. */
export class StockChanged extends ConflictError {
  constructor(
    public readonly variantId: string,
    public readonly currentStock: number,
  ) {
    super(`提交期间库存已变为 ${currentStock}，请核对后重新填写`, variantField.stock(variantId), { [variantField.stockWas(variantId)]: String(currentStock) });
  }
}

export async function coopListings(coopId: string) {
  return prisma.product.findMany({
    where: { coopId },
    orderBy: [{ status: "asc" }, { name: "asc" }],
    select: {
      slug: true,
      name: true,
      status: true,
      certStatus: true,
      minPriceFen: true,
      totalStock: true,
      salesCount: true,
      county: { select: { name: true } },
      _count: { select: { variants: { where: { active: true } } } },
    },
  });
}

export async function coopListing(coopId: string, slug: string) {
  return prisma.product.findFirst({
    where: { slug, coopId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      harvestSeason: true,
      shippingNote: true,
      unit: true,
      status: true,
      certStatus: true,
      certNumber: true,
      variants: {
        orderBy: { position: "asc" },
        select: { id: true, sku: true, name: true, priceFen: true, stock: true, active: true, giftBox: true },
      },
    },
  });
}

/**
 * Saves the form in one transaction. Prices and on/off apply as typed; stock only where the manager
 * changed it, and only if it still is what the form showed — otherwise an order placed meanwhile
 * would be overwritten and the box sold twice. Then the listing pages and the search index update.
 */
export async function saveCoopListing(coopId: string, slug: string, input: ListingInput) {
  await prisma.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { slug, coopId }, select: { id: true, variants: { select: { id: true } } } });
    if (!product) throw new ListingNotFound();
    const own = new Set(product.variants.map((v) => v.id));
    if (input.variants.some((v) => !own.has(v.id))) throw new ListingNotFound();

    await tx.product.update({
      where: { id: product.id },
      data: { name: input.name, description: input.description, harvestSeason: input.harvestSeason, shippingNote: input.shippingNote },
    });
    for (const v of input.variants) {
      await tx.variant.update({ where: { id: v.id }, data: { priceFen: v.priceFen, active: v.active } });
      if (v.stock === v.stockWas) continue;
      const { count } = await tx.variant.updateMany({ where: { id: v.id, stock: v.stockWas }, data: { stock: v.stock } });
      if (count === 0) {
        const current = await tx.variant.findUniqueOrThrow({ where: { id: v.id }, select: { stock: true } });
        throw new StockChanged(v.id, current.stock);
      }
    }
    await refreshProductDerived(tx, product.id);
  });
}

/**
 * The co-op's registered households and each one's share of this product's sales (0: does not
 * supply it). Shares are weights, not fen: the ledger splits each paid line by the weights in force
 * at payment, so a change here moves future sales only.
 */
export async function listingShares(coopId: string, productId: string) {
  const [households, shares] = await Promise.all([
    prisma.coopHousehold.findMany({
      where: { coopId },
      orderBy: { household: { code: "asc" } },
      select: { household: { select: { id: true, code: true, township: true, village: true, members: true } } },
    }),
    prisma.productShare.findMany({ where: { productId, product: { coopId } }, select: { householdId: true, weight: true } }),
  ]);
  const weightOf = new Map(shares.map((s) => [s.householdId, s.weight]));
  return households.map(({ household: h }) => ({ ...h, weight: weightOf.get(h.id) ?? 0 }));
}

/** Replaces the product's shares; every household must be one of this co-op's own. */
export async function updateShares(coopId: string, slug: string, weights: { householdId: string; weight: number }[]) {
  await prisma.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { slug, coopId }, select: { id: true } });
    if (!product) throw new ListingNotFound();
    const own = await tx.coopHousehold.count({ where: { coopId, householdId: { in: weights.map((w) => w.householdId) } } });
    if (own !== new Set(weights.map((w) => w.householdId)).size) throw new ListingNotFound();
    await tx.productShare.deleteMany({ where: { productId: product.id } });
    const kept = weights.filter((w) => w.weight > 0);
    if (kept.length) await tx.productShare.createMany({ data: kept.map((w) => ({ productId: product.id, householdId: w.householdId, weight: w.weight })) });
  });
}
