import type { PrismaClient } from "~/generated/prisma/client";
import { encodeSearchText } from "~/models/catalog/search-match";
import { invalidateCatalog } from "~/models/catalog/cache.server";

type Db = Pick<PrismaClient, "product" | "variant">;

/**
 * Listing pages sort and filter on a product's lowest active price, its total stock and its search
 * text; they are stored on the product and recomputed here whenever a product, its variants or its
 * hall listings change. Every such edit calls this: it also touches updatedAt, which is how the
 * in-memory catalogue caches and the search index notice the change.
 */
export async function refreshProductDerived(db: Db, productId: string) {
  const product = await db.product.findUniqueOrThrow({
    where: { id: productId },
    select: {
      name: true,
      county: { select: { name: true, prefecture: { select: { name: true } } } },
      coop: { select: { name: true } },
      category: { select: { name: true } },
      variants: { where: { active: true }, select: { priceFen: true, stock: true, name: true } },
    },
  });
  const prices = product.variants.map((v) => v.priceFen);
  await db.product.update({
    where: { id: productId },
    data: {
      minPriceFen: prices.length ? Math.min(...prices) : 0,
      totalStock: product.variants.reduce((sum, v) => sum + Math.max(0, v.stock), 0),
      searchText: encodeSearchText({
        name: product.name,
        county: product.county.name,
        prefecture: product.county.prefecture.name,
        coop: product.coop.name,
        category: product.category.name,
      }),
      updatedAt: new Date(),
    },
  });
  invalidateCatalog();
}
