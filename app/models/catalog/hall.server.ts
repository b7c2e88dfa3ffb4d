import { prisma } from "~/db.server";
import { cachedByCatalog } from "~/models/catalog/cache.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { DomainError } from "~/lib/errors";
import { recordAudit } from "~/models/audit/trail.server";

const hallHeadSelect = { id: true, slug: true, name: true, slogan: true } as const;

/** The four halls for navigation and the home page, in the order the pairings began. */
export async function listHalls() {
  return cachedByCatalog("halls", () =>
    prisma.hall.findMany({
      orderBy: [{ city: { since: "asc" } }, { slug: "asc" }],
      select: {
        id: true,
        slug: true,
        name: true,
        slogan: true,
        city: { select: { name: true, since: true, prefectures: { select: { shortName: true, slug: true }, orderBy: { slug: "asc" } } } },
        _count: { select: { listings: true } },
      },
    }),
  );
}

export async function getHall(slug: string) {
  return cachedByCatalog(`hall:${slug}`, () =>
    prisma.hall.findUnique({
      where: { slug },
      select: {
        ...hallHeadSelect,
        address: true,
        city: {
          select: {
            name: true,
            since: true,
            intro: true,
            districts: true,
            prefectures: { select: { slug: true, name: true, shortName: true }, orderBy: { slug: "asc" } },
          },
        },
      },
    }),
  );
}

// ───────────── Staff curation (/admin/halls) ─────────────

export class CurationError extends DomainError {}

export async function hallForCuration(slug: string) {
  return prisma.hall.findUnique({
    where: { slug },
    select: {
      ...hallHeadSelect,
      listings: {
        orderBy: [{ featured: "desc" }, { featuredRank: "asc" }, { product: { salesCount: "desc" } }, { productId: "asc" }],
        select: {
          productId: true,
          featured: true,
          featuredRank: true,
          seasonal: true,
          product: { select: { slug: true, name: true, status: true, county: { select: { name: true } } } },
        },
      },
    },
  });
}

/** Lists a product (by its slug) in a hall; listing it twice is a no-op. */
export async function addToHall(hallId: string, productSlug: string) {
  const product = await prisma.product.findUnique({ where: { slug: productSlug }, select: { id: true } });
  if (!product) throw new CurationError("没有这个商品编号");
  await prisma.hallListing.upsert({
    where: { hallId_productId: { hallId, productId: product.id } },
    create: { hallId, productId: product.id },
    update: {},
  });
  await refreshProductDerived(prisma, product.id);
}

export async function removeFromHall(hallId: string, productId: string) {
  const { count } = await prisma.hallListing.deleteMany({ where: { hallId, productId } });
  if (count !== 1) throw new CurationError("该商品不在本馆");
  await refreshProductDerived(prisma, productId);
}

export async function updateHallPlacement(
  hallId: string,
  productId: string,
  data: { featured: boolean; featuredRank: number; seasonal: boolean },
) {
  const { count } = await prisma.hallListing.updateMany({
    where: { hallId, productId },
    data: { featured: data.featured, featuredRank: data.featuredRank, seasonal: data.seasonal },
  });
  if (count !== 1) throw new CurationError("该商品不在本馆");
  await refreshProductDerived(prisma, productId);
}

// ───────────── Co-ops' offers to the halls ─────────────

/** Products co-ops have offered to a hall, waiting for staff (oldest first). */
export async function pendingHallOffers() {
  return prisma.hallOffer.findMany({
    orderBy: [{ offeredAt: "asc" }, { productId: "asc" }],
    select: {
      hallId: true,
      productId: true,
      offeredAt: true,
      hall: { select: { slogan: true, name: true } },
      product: { select: { slug: true, name: true, status: true, certStatus: true, county: { select: { name: true } }, coop: { select: { name: true } } } },
    },
  });
}

/** Staff confirm an offer into a listing (or decline it); either way the offer is gone. */
export async function decideHallOffer(input: { hallId: string; productId: string; accept: boolean; actorId: string }) {
  await prisma.$transaction(async (tx) => {
    const offer = await tx.hallOffer.findUnique({
      where: { hallId_productId: { hallId: input.hallId, productId: input.productId } },
      select: { hall: { select: { slogan: true } }, product: { select: { coopId: true } } },
    });
    if (!offer) throw new CurationError("这项陈列申请已处理", { status: 409 });
    await tx.hallOffer.delete({ where: { hallId_productId: { hallId: input.hallId, productId: input.productId } } });
    if (input.accept) {
      await tx.hallListing.upsert({
        where: { hallId_productId: { hallId: input.hallId, productId: input.productId } },
        create: { hallId: input.hallId, productId: input.productId },
        update: {},
      });
    }
    await recordAudit(tx, {
      kind: "HALL",
      actorId: input.actorId,
      coopId: offer.product.coopId,
      productId: input.productId,
      subject: offer.hall.slogan,
      before: "offered",
      after: input.accept ? "listed" : "declined",
    });
    await refreshProductDerived(tx, input.productId);
  });
}
