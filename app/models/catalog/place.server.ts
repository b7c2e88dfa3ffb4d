import { prisma } from "~/db.server";
import { cachedByCatalog } from "~/models/catalog/cache.server";
import { productCardSelect } from "~/models/catalog/product.server";

const activeProducts = { where: { status: "ACTIVE" } } as const;

export async function getCounty(slug: string) {
  return cachedByCatalog(`county:${slug}`, () =>
    prisma.county.findUnique({
      where: { slug },
      select: {
        slug: true,
        name: true,
        partnerDistrict: true,
        leftPoverty: true,
        leftPovertyYear: true,
        population: true,
        profile: true,
        prefecture: { select: { slug: true, name: true } },
        partnerCity: { select: { name: true, hall: { select: { slug: true, slogan: true, name: true } } } },
        coops: {
          where: { status: "CERTIFIED" },
          orderBy: { slug: "asc" },
          select: { slug: true, name: true, kind: true, intro: true, _count: { select: { products: activeProducts } } },
        },
        products: {
          where: { status: "ACTIVE" },
          orderBy: [{ salesCount: "desc" }, { id: "asc" }],
          take: 48,
          select: productCardSelect,
        },
        _count: { select: { products: activeProducts, households: true } },
      },
    }),
  );
}

export async function getPrefecture(slug: string) {
  return cachedByCatalog(`prefecture:${slug}`, () =>
    prisma.prefecture.findUnique({
      where: { slug },
      select: {
        slug: true,
        name: true,
        intro: true,
        partnerCity: { select: { name: true, since: true, hall: { select: { slug: true, slogan: true, name: true } } } },
        counties: {
          orderBy: { pinyin: "asc" },
          select: {
            slug: true,
            name: true,
            partnerDistrict: true,
            _count: { select: { products: activeProducts, coops: true } },
          },
        },
      },
    }),
  );
}

export async function prefectureTopProducts(slug: string, take = 12) {
  return cachedByCatalog(`prefecture-top:${slug}:${take}`, () =>
    prisma.product.findMany({
      where: { status: "ACTIVE", county: { prefecture: { slug } } },
      orderBy: [{ salesCount: "desc" }, { id: "asc" }],
      take,
      select: productCardSelect,
    }),
  );
}

/** The map of pairings for the home page: eastern city → its hall → Gansu prefectures → counties. */
export async function pairingMap() {
  return cachedByCatalog("pairing-map", () =>
    prisma.easternCity.findMany({
      orderBy: [{ since: "asc" }, { slug: "asc" }],
      select: {
        slug: true,
        name: true,
        since: true,
        hall: { select: { slug: true, slogan: true } },
        prefectures: {
          orderBy: { slug: "asc" },
          select: { slug: true, name: true, counties: { orderBy: { pinyin: "asc" }, select: { slug: true, name: true } } },
        },
      },
    }),
  );
}

/** Every public catalogue page, for /sitemap.xml. */
export async function sitemapPaths() {
  return cachedByCatalog("sitemap", async () => {
    const [halls, prefectures, counties, products] = await Promise.all([
      prisma.hall.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
      prisma.prefecture.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
      prisma.county.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
      prisma.product.findMany({ where: { status: "ACTIVE" }, select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } }),
    ]);
    return [
      ...["/", "/categories", "/impact", "/about", "/legal/terms", "/legal/privacy"].map((path) => ({ path, lastmod: null })),
      ...halls.map((h) => ({ path: `/halls/${h.slug}`, lastmod: null })),
      ...prefectures.map((p) => ({ path: `/prefectures/${p.slug}`, lastmod: null })),
      ...counties.map((c) => ({ path: `/counties/${c.slug}`, lastmod: null })),
      ...products.map((p) => ({ path: `/products/${p.slug}`, lastmod: p.updatedAt.toISOString().slice(0, 10) })),
    ];
  });
}

/** Every county for a form's select, grouped by prefecture (supplier applications, reviewer links). */
export async function countyChoices() {
  return cachedByCatalog("county-choices", () =>
    prisma.county.findMany({
      orderBy: [{ prefecture: { slug: "asc" } }, { pinyin: "asc" }],
      select: { id: true, name: true, prefecture: { select: { name: true } } },
    }),
  );
}
