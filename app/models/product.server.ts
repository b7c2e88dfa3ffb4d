import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

/** What a product card needs; one select so every listing shows the same facts. */
export const productCardSelect = {
  id: true,
  slug: true,
  name: true,
  minPriceFen: true,
  totalStock: true,
  certStatus: true,
  unit: true,
  county: { select: { name: true, slug: true } },
  images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
} satisfies Prisma.ProductSelect;

export type ProductCard = Prisma.ProductGetPayload<{ select: typeof productCardSelect }>;

export async function featuredProducts(take = 8) {
  return prisma.product.findMany({
    where: { status: "ACTIVE", bestseller: true },
    orderBy: { salesCount: "desc" },
    take,
    select: productCardSelect,
  });
}

export async function hallProducts(hallId: string, { take = 24, skip = 0 } = {}) {
  const where = { status: "ACTIVE", halls: { some: { hallId } } } satisfies Prisma.ProductWhereInput;
  const [total, products] = await Promise.all([
    prisma.product.count({ where }),
    prisma.product.findMany({ where, orderBy: [{ salesCount: "desc" }, { id: "asc" }], take, skip, select: productCardSelect }),
  ]);
  return { total, products };
}

export async function getProductBySlug(slug: string) {
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
      minPriceFen: true,
      totalStock: true,
      category: { select: { name: true, slug: true } },
      county: {
        select: {
          name: true,
          slug: true,
          leftPoverty: true,
          prefecture: { select: { name: true, slug: true } },
          partnerCity: { select: { name: true } },
        },
      },
      coop: { select: { name: true, slug: true, kind: true } },
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
      variants: {
        where: { active: true },
        orderBy: { position: "asc" },
        select: {
          id: true,
          sku: true,
          name: true,
          weightGrams: true,
          priceFen: true,
          stock: true,
          giftBox: true,
          minOrderQty: true,
          tiers: { where: { organizationId: null }, orderBy: { minQty: "asc" }, select: { minQty: true, priceFen: true } },
        },
      },
      _count: { select: { shares: true } },
    },
  });
}
