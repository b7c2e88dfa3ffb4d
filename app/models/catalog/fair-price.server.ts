import { prisma } from "~/db.server";
import { cachedByCatalog } from "~/models/catalog/cache.server";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { recordAudit } from "~/models/audit/trail.server";
import { FAIR_PRICE_LIMIT_PERCENT, overReference } from "~/models/catalog/fair-price";

// Fair prices on the server: the staff review queue of prices more than 30% above their reference,
// staff approval, the share of products at or below their reference (the public /impact page) and
// each variant's price over the last 12 months (from the audit trail's PRICE entries).

const QUEUE_LIMIT = 500;

/**
 * Variants on sale priced more than 30% above their reference, and not approved at that price,
 * highest ratio first. The comparison is done in SQL on integers (price × 100 > ref × 130).
 */
export async function flaggedPrices() {
  const ids = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT v."id" FROM "Variant" v JOIN "Product" p ON p."id" = v."productId"
     WHERE v."active" = 1 AND p."status" = 'ACTIVE' AND v."refPriceFen" > 0
       AND v."priceFen" * 100 > v."refPriceFen" * ?
       AND (v."approvedPriceFen" IS NULL OR v."approvedPriceFen" < v."priceFen")
     ORDER BY (v."priceFen" * 1.0 / v."refPriceFen") DESC LIMIT ?`,
    FAIR_PRICE_LIMIT_PERCENT,
    QUEUE_LIMIT,
  );
  const rows = await prisma.variant.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true, sku: true, name: true, priceFen: true, refPriceFen: true, refPriceSource: true, refPriceDate: true, approvedPriceFen: true,
      product: { select: { name: true, slug: true, coop: { select: { name: true } } } },
    },
  });
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * Staff approve a flagged variant's price as it is now: it leaves the queue, and the co-op may set
 * any price up to it (a raise above it is refused again).
 */
export async function approvePrice(input: { variantId: string; staffId: string; priceFen: number }) {
  await prisma.$transaction(async (tx) => {
    const v = await tx.variant.findUnique({ where: { id: input.variantId }, select: { priceFen: true, refPriceFen: true, approvedPriceFen: true, name: true, productId: true, product: { select: { coopId: true } } } });
    if (!v) throw new NotFoundError("没有这个规格");
    // the co-op may have changed the price since the page was read: approve only what staff saw
    if (v.priceFen !== input.priceFen) throw new ConflictError("价格已变动，请刷新后再审核");
    if (!overReference(v.priceFen, v.refPriceFen)) throw new ConflictError("该价格已不高于参考价 30%，无需审核");
    await tx.variant.update({ where: { id: input.variantId }, data: { approvedPriceFen: v.priceFen } });
    await recordAudit(tx, { kind: "PRICE_APPROVAL", actorId: input.staffId, coopId: v.product.coopId, productId: v.productId, variantId: input.variantId, subject: v.name, before: v.approvedPriceFen, after: v.priceFen });
  });
}

/** Of the products on sale whose variants carry a reference, how many are priced at or below it (every such variant). */
export async function fairPriceShare() {
  const [row] = await prisma.$queryRawUnsafe<{ withRef: number | bigint; fair: number | bigint }[]>(
    `SELECT COUNT(*) AS withRef, SUM(CASE WHEN over = 0 THEN 1 ELSE 0 END) AS fair FROM (
       SELECT v."productId", MAX(CASE WHEN v."priceFen" > v."refPriceFen" THEN 1 ELSE 0 END) AS over
       FROM "Variant" v JOIN "Product" p ON p."id" = v."productId"
       WHERE v."active" = 1 AND p."status" = 'ACTIVE' AND v."refPriceFen" > 0
       GROUP BY v."productId")`,
  );
  const withRef = Number(row?.withRef ?? 0);
  const fair = Number(row?.fair ?? 0);
  return { withRef, fair, percent: withRef ? Math.floor((fair * 1000) / withRef) / 10 : null };
}

/**
 * Each variant's price over the last 12 months as steps: the price at the window's start, then each
 * change (audit trail PRICE entries, written by every price edit), ending at today's price.
 */
export async function priceHistory(variants: { id: string; priceFen: number }[], now = new Date()) {
  const since = new Date(now.getTime() - 365 * 24 * 3_600_000);
  const ids = variants.map((v) => v.id);
  // A price change is a catalogue edit (refreshProductDerived), so the entries are kept like the
  // product page they belong to; the year they cover may then start up to a minute earlier.
  const entries = variants.length
    ? await cachedByCatalog(`price-history:${ids.join(",")}`, () =>
        prisma.auditEntry.findMany({
          where: { kind: "PRICE", variantId: { in: ids }, createdAt: { gte: since } },
          orderBy: { createdAt: "asc" },
          take: 2000,
          select: { variantId: true, before: true, after: true, createdAt: true },
        }),
      )
    : [];
  return Object.fromEntries(
    variants.map((v) => {
      const own = entries.filter((e) => e.variantId === v.id && /^\d+$/.test(e.after ?? ""));
      const first = own.length && /^\d+$/.test(own[0].before ?? "") ? Number(own[0].before) : v.priceFen;
      const points = [{ at: since.toISOString(), priceFen: first }, ...own.map((e) => ({ at: e.createdAt.toISOString(), priceFen: Number(e.after) })), { at: now.toISOString(), priceFen: v.priceFen }];
      return [v.id, points];
    }),
  );
}
