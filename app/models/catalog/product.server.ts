import {prisma, raw } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { PAGE_SIZE, type CatalogFilters } from "~/models/catalog/filters";
import { cachedByCatalog } from "~/models/catalog/cache.server";
import { tiersFor } from "~/models/orders/pricing.server";


/** A photo as <ProductPhoto> draws it (its stored sizes for srcset). */
export const photoSelect = { url: true, alt: true, storageKey: true, widths: true, width: true, height: true } satisfies Prisma.ProductImageSelect;

/** What a product card needs; one select so every listing shows the same facts. */
export const productCardSelect = {
  id: true,
  slug: true,
  name: true,
  minPriceFen: true,
  totalStock: true,
  certStatus: true,
  salesCount: true,
  unit: true,
  county: { select: { name: true, slug: true } },
  images: { select: photoSelect, orderBy: { position: "asc" }, take: 1 },
} satisfies Prisma.ProductSelect;

export type ProductCard = Prisma.ProductGetPayload<{ select: typeof productCardSelect }>;

export async function featuredProducts(take = 8) {
  return cachedByCatalog(`featured:${take}`, () =>
    prisma.product.findMany({
      where: { status: "ACTIVE", bestseller: true },
      orderBy: [{ salesCount: "desc" }, { id: "asc" }],
      take,
      select: productCardSelect,
    }),
  );
}

/** Products on sale under the filters: in one hall, or (null) in the whole store. */
function catalogWhere(hallId: string | null, f: CatalogFilters): Prisma.ProductWhereInput {
  const where: Prisma.ProductWhereInput = { status: "ACTIVE", ...(hallId ? { halls: { some: { hallId } } } : {}) };
  if (f.county) where.county = { slug: f.county };
  else if (f.prefecture) where.county = { prefecture: { slug: f.prefecture } };
  if (f.category) where.category = { slug: f.category };
  if (f.min !== undefined || f.max !== undefined) {
    where.minPriceFen = {
      ...(f.min !== undefined ? { gte: f.min * 100 } : {}),
      ...(f.max !== undefined ? { lte: f.max * 100 } : {}),
    };
  }
  if (f.certified) where.certStatus = "CERTIFIED";
  if (f.instock) where.totalStock = { gt: 0 };
  return where;
}

const ORDER_BY: Record<CatalogFilters["sort"], Prisma.ProductOrderByWithRelationInput[]> = {
  popular: [{ salesCount: "desc" }, { id: "asc" }],
  newest: [{ createdAt: "desc" }, { id: "asc" }],
  price_asc: [{ minPriceFen: "asc" }, { id: "asc" }],
  price_desc: [{ minPriceFen: "desc" }, { id: "asc" }],
};

/** One page of a hall's products (or, with null, the whole store's) under the shopper's filters, with the total for paging. */
export async function hallProducts(hallId: string | null, filters: CatalogFilters) {
  const key = `hall-products:${hallId ?? "all"}:${JSON.stringify(filters)}`;
  return cachedByCatalog(key, async () => {
    const where = catalogWhere(hallId, filters);
    const [total, products] = await Promise.all([
      prisma.product.count({ where }),
      prisma.product.findMany({
        where,
        orderBy: ORDER_BY[filters.sort],
        take: PAGE_SIZE,
        skip: (filters.page - 1) * PAGE_SIZE,
        select: productCardSelect,
      }),
    ]);
    return { total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), products };
  });
}

const SHELF_SIZE = 4;

/** The hall's curated shelves (one row each): staff-ordered featured products, seasonal ones, gift boxes. */
export async function hallSections(hallId: string) {
  return cachedByCatalog(`hall-sections:${hallId}`, async () => {
    const base = { status: "ACTIVE" } satisfies Prisma.ProductWhereInput;
    const [featured, seasonal, giftBoxes] = await Promise.all([
      prisma.hallListing.findMany({
        where: { hallId, featured: true, product: base },
        orderBy: [{ featuredRank: "asc" }, { productId: "asc" }],
        take: SHELF_SIZE,
        select: { product: { select: productCardSelect } },
      }),
      prisma.hallListing.findMany({
        where: { hallId, seasonal: true, product: base },
        orderBy: [{ product: { salesCount: "desc" } }, { productId: "asc" }],
        take: SHELF_SIZE,
        select: { product: { select: productCardSelect } },
      }),
      prisma.product.findMany({
        where: { ...base, halls: { some: { hallId } }, variants: { some: { giftBox: true, active: true } } },
        orderBy: [{ salesCount: "desc" }, { id: "asc" }],
        take: SHELF_SIZE,
        select: productCardSelect,
      }),
    ]);
    return {
      featured: featured.map((l) => l.product),
      seasonal: seasonal.map((l) => l.product),
      giftBoxes,
    };
  });
}

/** Filter choices: only the places and categories that the hall actually lists. */
export async function hallFacets(hallId: string) {
  return cachedByCatalog(`hall-facets:${hallId}`, async () => {
    const inHall = { some: { status: "ACTIVE", halls: { some: { hallId } } } } satisfies Prisma.ProductListRelationFilter;
    const [counties, categories] = await Promise.all([
      prisma.county.findMany({
        where: { products: inHall },
        orderBy: [{ prefecture: { slug: "asc" } }, { pinyin: "asc" }],
        select: { slug: true, name: true, prefecture: { select: { slug: true, name: true } } },
      }),
      prisma.category.findMany({
        where: { products: inHall },
        orderBy: [{ position: "asc" }, { slug: "asc" }],
        select: { slug: true, name: true },
      }),
    ]);
    const prefectures = new Map<string, string>();
    for (const c of counties) prefectures.set(c.prefecture.slug, c.prefecture.name);
    return {
      prefectures: [...prefectures].map(([slug, name]) => ({ slug, name })),
      counties: counties.map((c) => ({ slug: c.slug, name: c.name, prefecture: c.prefecture.slug })),
      categories,
    };
  });
}

/** The store's categories with how many products each has on sale (the phone's 分类 tab). */
export async function categoriesOnSale() {
  return cachedByCatalog("categories-on-sale", async () => {
    const categories = await prisma.category.findMany({
      where: { products: { some: { status: "ACTIVE" } } },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: { slug: true, name: true, _count: { select: { products: { where: { status: "ACTIVE" } } } } },
    });
    return categories.map((c) => ({ slug: c.slug, name: c.name, count: c._count.products }));
  });
}

/**
 * A listed product with everything its page shows. What edits change is kept per catalogue version
 * like the hall listings (its nested select was most of an uncached product page: Prisma's compiler
 * and ten statements); what orders move — stock and units sold — is read live in one statement.
 */
export async function getProductBySlug(slug: string) {
  const product = await cachedByCatalog(`product:${slug}`, () => findProductBySlug(slug));
  if (!product) return null;
  const live = await raw(prisma).query<{ id: string; stock: number; salesCount: number; totalStock: number }>(
    `SELECT v."id", v."stock", p."salesCount", p."totalStock" FROM "Product" p JOIN "Variant" v ON v."productId" = p."id" WHERE p."id" = ?`,
    product.id,
  );
  const stock = new Map(live.map((v) => [v.id, Number(v.stock)]));
  return {
    ...product,
    salesCount: live.length ? Number(live[0].salesCount) : product.salesCount,
    totalStock: live.length ? Number(live[0].totalStock) : product.totalStock,
    variants: product.variants.map((v) => ({ ...v, stock: stock.get(v.id) ?? v.stock })),
  };
}

function findProductBySlug(slug: string) {
  return prisma.product.findFirst({
    where: { slug, status: "ACTIVE" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      unit: true,
      harvestSeason: true,
      shippingNote: true,
      certNumber: true,
      certStatus: true,
      certExpiresAt: true,
      minPriceFen: true,
      totalStock: true,
      salesCount: true,
      category: { select: { name: true, slug: true } },
      county: {
        select: {
          name: true,
          slug: true,
          leftPoverty: true,
          prefecture: { select: { name: true, slug: true } },
          partnerCity: { select: { name: true, hall: { select: { slug: true, slogan: true } } } },
        },
      },
      coop: { select: { name: true, slug: true, kind: true, status: true } },
      images: { select: photoSelect, orderBy: { position: "asc" } },
      variants: {
        where: { active: true },
        orderBy: { position: "asc" },
        select: { id: true, sku: true, name: true, weightGrams: true, priceFen: true, stock: true, giftBox: true, minOrderQty: true, refPriceFen: true, refPriceSource: true, refPriceDate: true },
      },
      _count: { select: { shares: true } },
    },
  });
}

/**
 * Volume prices for institution buyers: public tiers plus their own organisation's, per variant.
 * Consumers and visitors get none (the tiers are for bulk orders).
 */
export async function volumeTiersFor(variantIds: string[], organizationId: string | null) {
  const byVariant = await tiersFor(prisma, variantIds, organizationId);
  return Object.fromEntries(
    [...byVariant].map(([variantId, tiers]) => [
      variantId,
      tiers.map((t) => ({ minQty: t.minQty, priceFen: t.priceFen, ownOrg: t.organizationId !== null })),
    ]),
  );
}
