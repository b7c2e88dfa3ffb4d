// Buyers rate the co-op that shipped a parcel, once they have received it (验收 and 评价, as on
// 832). One rating per parcel; the co-op's average shows on product and county pages.
import { prisma } from "~/db.server";
import { ConflictError, DomainError, NotFoundError, isUniqueViolation } from "~/lib/errors";
import { cachedBriefly } from "~/models/catalog/cache.server";

export class RatingError extends DomainError {}

export async function rateParcel(input: { parcelId: string; buyerId: string; score: number; comment: string }) {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new RatingError("请选择 1–5 星", { field: "score" });
  const parcel = await prisma.parcel.findFirst({ where: { id: input.parcelId, order: { buyerId: input.buyerId } }, select: { id: true, status: true, coopId: true } });
  if (!parcel) throw new NotFoundError("没有这个包裹");
  if (parcel.status !== "DELIVERED") throw new RatingError("确认收货后才能评价");
  try {
    await prisma.coopRating.create({ data: { parcelId: parcel.id, coopId: parcel.coopId, buyerId: input.buyerId, score: input.score, comment: input.comment } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("这个包裹已经评价过了");
    throw error;
  }
}

export interface RatingSummary {
  average: number; // one decimal
  count: number;
}

/** Average score and count per co-op (co-ops without ratings are absent). */
export async function ratingSummaries(coopIds: string[]): Promise<Record<string, RatingSummary>> {
  if (coopIds.length === 0) return {};
  const rows = await prisma.coopRating.groupBy({ by: ["coopId"], where: { coopId: { in: coopIds } }, _avg: { score: true }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.coopId, { average: Math.round((r._avg.score ?? 0) * 10) / 10, count: r._count._all }]));
}

// Public pages (product, county) show ratings to everyone alike: each process reads them at most
// once per PUBLIC_MS and co-op, so a new rating shows within seconds, and a busy product page does
// not pay three queries a view (decision 0016).
const PUBLIC_MS = 5000;

/** The same, for public pages that know co-ops by their slug. */
export async function ratingSummariesBySlug(slugs: string[]): Promise<Record<string, RatingSummary>> {
  return cachedBriefly(`coop-ratings:${slugs.join(",")}`, PUBLIC_MS, async () => {
    const coops = await prisma.coop.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
    const byId = await ratingSummaries(coops.map((c) => c.id));
    return Object.fromEntries(coops.filter((c) => byId[c.id]).map((c) => [c.slug, byId[c.id]]));
  });
}

/** The latest comments about a co-op (the buyer's surname only, as shops show them). */
export async function recentRatings(coopSlug: string, take = 3) {
  return cachedBriefly(`coop-reviews:${coopSlug}:${take}`, PUBLIC_MS, () => readRecentRatings(coopSlug, take));
}

async function readRecentRatings(coopSlug: string, take: number) {
  const rows = await prisma.coopRating.findMany({
    where: { coop: { slug: coopSlug }, comment: { not: "" } },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, score: true, comment: true, createdAt: true, buyer: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, score: r.score, comment: r.comment, createdAt: r.createdAt, buyer: `${[...r.buyer.name][0] ?? "买"}**` }));
}
