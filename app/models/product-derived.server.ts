import type { PrismaClient } from "~/generated/prisma/client";
import { toPinyin } from "~/lib/pinyin";

type Db = Pick<PrismaClient, "product" | "variant">;

/**
 * Listing pages sort and filter on a product's lowest active price, its total stock and its search
 * text; they are stored on the product and recomputed here whenever a product or variant changes.
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
      searchText: buildSearchText([
        product.name,
        product.county.name,
        product.county.prefecture.name,
        product.coop.name,
        product.category.name,
      ]),
    },
  });
}

/** Hanzi, full pinyin and initials of each field, one field per line, lower-case. */
export function buildSearchText(fields: string[]): string {
  return fields
    .map((field) => {
      const py = toPinyin(field);
      return [field.toLowerCase(), py.full, py.initials].join("|");
    })
    .join("\n");
}
