import { prisma } from "~/db.server";
import { productCardSelect } from "~/models/catalog/product.server";

// 足迹: the products a signed-in shopper viewed, newest first. One row per product (a second view
// moves it to the top), at most MAX_FOOTPRINTS per shopper; the shopper can clear them.

export const MAX_FOOTPRINTS = 50;

/** Records a view of a product page. Two short writes; never fails the page it is called from. */
export async function recordView(userId: string, productId: string) {
  try {
    const viewedAt = new Date();
    await prisma.productView.upsert({ where: { userId_productId: { userId, productId } }, create: { userId, productId, viewedAt }, update: { viewedAt } });
    const old = await prisma.productView.findMany({ where: { userId }, orderBy: { viewedAt: "desc" }, skip: MAX_FOOTPRINTS, select: { productId: true } });
    if (old.length) await prisma.productView.deleteMany({ where: { userId, productId: { in: old.map((o) => o.productId) } } });
  } catch (error) {
    // a footprint is a convenience: a busy database must not turn a product page into an error
    console.error("footprints: could not record a view", error);
  }
}

/** The shopper's recently viewed products that are still on sale, newest first. */
export async function listFootprints(userId: string) {
  const rows = await prisma.productView.findMany({
    where: { userId, product: { status: "ACTIVE" } },
    orderBy: [{ viewedAt: "desc" }, { productId: "asc" }],
    take: MAX_FOOTPRINTS,
    select: { viewedAt: true, product: { select: productCardSelect } },
  });
  return rows.map((r) => ({ viewedAt: r.viewedAt, product: r.product }));
}

export async function clearFootprints(userId: string) {
  await prisma.productView.deleteMany({ where: { userId } });
}

export async function removeFootprint(userId: string, slug: string) {
  await prisma.productView.deleteMany({ where: { userId, product: { slug } } });
}
