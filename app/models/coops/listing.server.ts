// A co-op manager's own listings: what they sell, at what price, how much is left. Every query is
// scoped by the manager's co-op, so another co-op's product is simply "not found".
import { prisma } from "~/db.server";
import { weightsToPercents, type ListingInput } from "~/models/coops/listing.schema";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { NotFoundError } from "~/lib/errors";
import { recordAudit, type AuditInput } from "~/models/audit/trail.server";
import { SCHEME_PRODUCT_STATUS } from "~/models/orders/status";

export class ListingNotFound extends NotFoundError {
  constructor() {
    super("没有这个商品，或它不属于本社");
  }
}

export async function coopListings(coopId: string) {
  return prisma.product.findMany({
    // a scheme's backing product (orchard, tour, pre-sale) is managed on its own pages
    where: { coopId, status: { not: SCHEME_PRODUCT_STATUS } },
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
    where: { slug, coopId, status: { not: SCHEME_PRODUCT_STATUS } },
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
      certExpiresAt: true,
      certIssuer: true,
      certValidFrom: true,
      certSubmittedAt: true,
      certRejectReason: true,
      certScanType: true,
      coop: { select: { status: true, county: { select: { name: true } } } },
      halls: { select: { hallId: true } },
      hallOffers: { select: { hallId: true } },
      _count: { select: { images: true } },
      variants: {
        orderBy: { position: "asc" },
        select: {
          id: true, sku: true, name: true, priceFen: true, stock: true, active: true, giftBox: true, weightGrams: true, minOrderQty: true,
          refPriceFen: true, refPriceSource: true, refPriceDate: true, lowStockThreshold: true,
        },
      },
    },
  });
}

const refText = (v: { refPriceFen: number | null; refPriceSource: string | null; refPriceDate: string | null }) =>
  v.refPriceFen === null ? null : `${v.refPriceFen}|${v.refPriceSource ?? ""}|${v.refPriceDate ?? ""}`;

/**
 * Saves the form in one transaction: names, prices, on/off, reference prices and low-stock
 * thresholds, each change recorded in the audit trail (before → after). Stock is not touched here
 * (it moves by adjustments with a reason). Then the listing pages and the search index update.
 */
export async function saveCoopListing(coopId: string, slug: string, input: ListingInput, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const product = await tx.product.findFirst({
      where: { slug, coopId, status: { not: SCHEME_PRODUCT_STATUS } },
      select: { id: true, variants: { select: { id: true, name: true, priceFen: true, active: true, refPriceFen: true, refPriceSource: true, refPriceDate: true, lowStockThreshold: true } } },
    });
    if (!product) throw new ListingNotFound();
    const own = new Map(product.variants.map((v) => [v.id, v]));
    if (input.variants.some((v) => !own.has(v.id))) throw new ListingNotFound();

    await tx.product.update({
      where: { id: product.id },
      data: { name: input.name, description: input.description, harvestSeason: input.harvestSeason, shippingNote: input.shippingNote },
    });
    const audit: AuditInput[] = [];
    for (const v of input.variants) {
      const was = own.get(v.id)!;
      await tx.variant.update({
        where: { id: v.id },
        data: { priceFen: v.priceFen, active: v.active, refPriceFen: v.refPriceFen, refPriceSource: v.refPriceSource, refPriceDate: v.refPriceDate, lowStockThreshold: v.lowStockThreshold },
      });
      const base = { actorId, coopId, productId: product.id, variantId: v.id, subject: was.name };
      audit.push(
        { ...base, kind: "PRICE", before: was.priceFen, after: v.priceFen },
        { ...base, kind: "LISTING", before: was.active ? "on" : "off", after: v.active ? "on" : "off" },
        { ...base, kind: "REF_PRICE", before: refText(was), after: refText(v) },
        { ...base, kind: "LOW_STOCK", before: was.lowStockThreshold, after: v.lowStockThreshold },
      );
    }
    await recordAudit(tx, audit);
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

/** Replaces the product's shares (recorded in the audit trail); every household must be one of this co-op's own. */
export async function updateShares(coopId: string, slug: string, weights: { householdId: string; weight: number }[], actorId: string) {
  await prisma.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { slug, coopId, status: { not: SCHEME_PRODUCT_STATUS } }, select: { id: true } });
    if (!product) throw new ListingNotFound();
    const own = await tx.coopHousehold.count({ where: { coopId, householdId: { in: weights.map((w) => w.householdId) } } });
    if (own !== new Set(weights.map((w) => w.householdId)).size) throw new ListingNotFound();
    const before = await tx.productShare.findMany({ where: { productId: product.id }, select: { weight: true, household: { select: { code: true } } } });
    await tx.productShare.deleteMany({ where: { productId: product.id } });
    const kept = weights.filter((w) => w.weight > 0);
    if (kept.length) await tx.productShare.createMany({ data: kept.map((w) => ({ productId: product.id, householdId: w.householdId, weight: w.weight })) });
    const after = await tx.productShare.findMany({ where: { productId: product.id }, select: { weight: true, household: { select: { code: true } } } });
    // percentages, so the trail reads the same whatever the weights' scale was
    const text = (rows: typeof before) => {
      const percents = weightsToPercents(rows.map((r) => r.weight));
      return rows.map((r, i) => `${r.household.code}:${percents[i]}%`).sort().join(",");
    };
    await recordAudit(tx, { kind: "SHARES", actorId, coopId, productId: product.id, before: text(before), after: text(after) });
  });
}
