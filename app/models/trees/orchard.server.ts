// Orchards as buyers see them: the list at /trees (and in the paired hall), one orchard's grid of
// numbered trees for its selling season, and its growth log.
import { prisma } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { seasonPhase } from "~/models/trees/season";
import { STANDING_STATUSES } from "~/models/orders/status";
import type { Adopter } from "~/models/trees/adoption.server";

/** What a page or a purchase needs to know about a season. */
export const seasonSelect = {
  id: true,
  year: true,
  priceFen: true,
  orgPriceFen: true,
  orgMinTrees: true,
  renewalOpensAt: true,
  opensAt: true,
  closesAt: true,
  harvestFrom: true,
  harvestTo: true,
  harvestedAt: true,
} as const;

const orchardCardSelect = {
  slug: true,
  name: true,
  variety: true,
  intro: true,
  shareGrams: true,
  product: {
    select: {
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
      county: { select: { name: true, slug: true, prefecture: { select: { name: true } }, partnerCity: { select: { name: true } } } },
      coop: { select: { name: true } },
      _count: { select: { shares: true } },
    },
  },
  seasons: { select: seasonSelect, orderBy: { year: "asc" } },
} as const;

/** The season on sale now or next (the earliest that has not closed), or null. */
function sellingSeason<S extends { closesAt: Date }>(seasons: S[], now: Date): S | null {
  return seasons.find((s) => s.closesAt.getTime() > now.getTime()) ?? null;
}

export async function listOrchards(filter: { hallSlug?: string } = {}, now = new Date()) {
  const orchards = await prisma.orchard.findMany({
    where: filter.hallSlug ? { product: { county: { partnerCity: { hall: { slug: filter.hallSlug } } } } } : {},
    orderBy: { slug: "asc" },
    select: { id: true, ...orchardCardSelect },
  });
  const seasonIds = orchards.map((o) => sellingSeason(o.seasons, now)?.id).filter((x): x is string => !!x);
  const left = await prisma.treeOffer.groupBy({ by: ["seasonId"], where: { seasonId: { in: seasonIds }, variant: { stock: { gt: 0 } } }, _count: { _all: true } });
  return orchards.map(({ seasons, id: _id, ...o }) => {
    const season = sellingSeason(seasons, now);
    return {
      ...o,
      season: season ? { ...season, phase: seasonPhase(season, now), treesLeft: left.find((l) => l.seasonId === season.id)?._count._all ?? 0 } : null,
    };
  });
}
export type OrchardCard = Awaited<ReturnType<typeof listOrchards>>[number];

export type TreeState = "free" | "taken" | "renewable" | "reserved";

/**
 * One orchard with its selling season's grid. During the renewal window a free tree is "renewable"
 * for the viewer who held it last season and "reserved" for everyone else.
 */
export async function orchardPage(slug: string, viewer: Adopter | null, now = new Date()) {
  const orchard = await prisma.orchard.findUnique({
    where: { slug },
    select: {
      id: true,
      ...orchardCardSelect,
      rows: true,
      cols: true,
      product: {
        select: {
          ...orchardCardSelect.product.select,
          images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
          shares: { select: { household: { select: { members: true } } } },
        },
      },
      trees: { select: { id: true, code: true, row: true, col: true }, orderBy: [{ row: "asc" }, { col: "asc" }] },
    },
  });
  if (!orchard) throw new NotFoundError("没有这个果园");
  const season = sellingSeason(orchard.seasons, now);
  const phase = season ? seasonPhase(season, now) : null;
  const offers = season
    ? await prisma.treeOffer.findMany({ where: { seasonId: season.id }, select: { treeId: true, variant: { select: { stock: true } } } })
    : [];
  // Last season's adopters keep their trees through the renewal window.
  const lastSeason = season && phase === "RENEWAL"
    ? await prisma.treeAdoption.findMany({
        where: { offer: { season: { orchardId: orchard.id, year: season.year - 1 } }, order: { status: { in: [...STANDING_STATUSES] } } },
        select: { adopterId: true, organizationId: true, offer: { select: { treeId: true } } },
      })
    : [];
  const stockOf = new Map(offers.map((o) => [o.treeId, o.variant.stock]));
  const trees = orchard.trees.map((t) => {
    const stock = stockOf.get(t.id);
    let state: TreeState = stock && stock > 0 ? "free" : "taken";
    if (state === "free" && phase === "RENEWAL") {
      const held = lastSeason.find((a) => a.offer.treeId === t.id);
      const mine = held && viewer && (held.adopterId === viewer.id || (viewer.organizationId && held.organizationId === viewer.organizationId));
      state = mine ? "renewable" : "reserved";
    }
    if (stock === undefined) state = "taken"; // not offered this season
    return { code: t.code, row: t.row, col: t.col, state };
  });
  const log = await growthLog(orchard.id);
  const { seasons, product, ...rest } = orchard;
  return {
    ...rest,
    product: { ...product, households: product.shares.length, people: product.shares.reduce((s, x) => s + x.household.members, 0), shares: undefined },
    season: season ? { ...season, phase } : null,
    pastSeasons: seasons.filter((s) => season === null || s.year < season.year),
    trees,
    log,
  };
}

export async function growthLog(orchardId: string, seasonYear?: number) {
  return prisma.growthLogEntry.findMany({
    where: { orchardId, ...(seasonYear ? { seasonYear } : {}) },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, seasonYear: true, stage: true, text: true, createdAt: true, photos: { select: { file: true }, orderBy: { position: "asc" } } },
  });
}
export type GrowthLogView = Awaited<ReturnType<typeof growthLog>>;

/**
 * A certificate, public to whoever has its code: the adopter's chosen name, the tree, its season and
 * growth log. Null until the adoption is paid (and after a full refund).
 */
export async function certificate(code: string) {
  const a = await prisma.treeAdoption.findUnique({
    where: { code },
    select: {
      code: true,
      displayName: true,
      shareGrams: true,
      order: { select: { status: true, paidAt: true } },
      offer: {
        select: {
          tree: { select: { code: true } },
          season: {
            select: {
              year: true,
              harvestFrom: true,
              harvestTo: true,
              harvestedAt: true,
              orchard: {
                select: {
                  id: true,
                  slug: true,
                  name: true,
                  variety: true,
                  product: { select: { county: { select: { name: true, prefecture: { select: { name: true } } } }, coop: { select: { name: true } }, _count: { select: { shares: true } } } },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!a || !a.order.paidAt || !(STANDING_STATUSES as readonly string[]).includes(a.order.status)) return null;
  const { season } = a.offer;
  return {
    code: a.code,
    displayName: a.displayName,
    shareGrams: a.shareGrams,
    adoptedAt: a.order.paidAt,
    treeCode: a.offer.tree.code,
    year: season.year,
    harvestFrom: season.harvestFrom,
    harvestTo: season.harvestTo,
    harvestedAt: season.harvestedAt,
    orchard: { slug: season.orchard.slug, name: season.orchard.name, variety: season.orchard.variety },
    county: season.orchard.product.county.name,
    prefecture: season.orchard.product.county.prefecture.name,
    coop: season.orchard.product.coop.name,
    households: season.orchard.product._count.shares,
    log: await growthLog(season.orchard.id, season.year),
  };
}
export type Certificate = NonNullable<Awaited<ReturnType<typeof certificate>>>;

/** Trees adopted and standing, all seasons (the public impact page). */
export async function adoptedTreeCount() {
  return prisma.treeAdoption.count({ where: { order: { status: { in: [...STANDING_STATUSES] } } } });
}
