// A co-op's orchards: how many trees are adopted per season, the harvest, and the parts to ship.
import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { NotFoundError } from "~/lib/errors";
import { STANDING_STATUSES } from "~/models/orders/status";
import { growthLog } from "~/models/trees/orchard.server";

export async function coopOrchards(coopId: string) {
  const orchards = await prisma.orchard.findMany({
    where: { coopId },
    orderBy: { slug: "asc" },
    select: { slug: true, name: true, variety: true, _count: { select: { trees: true } }, seasons: { select: { id: true, year: true, harvestedAt: true }, orderBy: { year: "desc" } } },
  });
  const seasonIds = orchards.flatMap((o) => o.seasons.map((s) => s.id));
  const [adopted, toShip] = await Promise.all([
    prisma.treeAdoption.groupBy({ by: ["offerId"], where: { offer: { seasonId: { in: seasonIds } }, order: { status: { in: [...STANDING_STATUSES] } } }, _count: { _all: true } }),
    prisma.harvestDelivery.findMany({
      where: { parcelId: null, recipient: { not: null }, adoption: { offer: { seasonId: { in: seasonIds } }, order: { status: { in: [...STANDING_STATUSES] } } } },
      select: { adoption: { select: { offer: { select: { seasonId: true } } } } },
    }),
  ]);
  const offers = await prisma.treeOffer.findMany({ where: { id: { in: adopted.map((a) => a.offerId) } }, select: { id: true, seasonId: true } });
  const seasonOf = new Map(offers.map((o) => [o.id, o.seasonId]));
  return orchards.map((o) => ({
    ...o,
    seasons: o.seasons.map((s) => ({
      ...s,
      adopted: adopted.filter((a) => seasonOf.get(a.offerId) === s.id).length,
      toShip: toShip.filter((d) => d.adoption.offer.seasonId === s.id).length,
    })),
  }));
}

/** One orchard of the co-op, with each season's adoptions and delivery plans. */
export async function coopOrchard(coopId: string, slug: string, now = new Date()) {
  const orchard = await prisma.orchard.findFirst({
    where: { slug, coopId },
    select: { id: true, slug: true, name: true, variety: true, shareGrams: true, seasons: { orderBy: { year: "desc" }, select: { id: true, year: true, harvestFrom: true, harvestTo: true, harvestedAt: true, harvestGrams: true, harvestNote: true } } },
  });
  if (!orchard) throw new NotFoundError("没有这个果园，或它不属于本社");
  const adoptions = await prisma.treeAdoption.findMany({
    where: { offer: { season: { orchardId: orchard.id } }, order: { status: { in: [...STANDING_STATUSES] } } },
    orderBy: [{ offer: { tree: { row: "asc" } } }, { offer: { tree: { col: "asc" } } }],
    select: {
      code: true,
      displayName: true,
      shareGrams: true,
      organizationId: true,
      offer: { select: { seasonId: true, tree: { select: { code: true } } } },
      deliveries: {
        orderBy: { deliverOn: "asc" },
        select: { id: true, grams: true, deliverOn: true, isGift: true, redeemedAt: true, recipient: true, city: true, district: true, parcelId: true },
      },
    },
  });
  const today = businessDay(now);
  return {
    orchard,
    today,
    seasons: orchard.seasons.map((s) => ({ ...s, adoptions: adoptions.filter((a) => a.offer.seasonId === s.id) })),
    log: await growthLog(orchard.id),
  };
}
