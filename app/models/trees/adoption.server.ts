// Adopting fruit trees ("我有一棵树"): numbered trees per orchard season, each backed by a variant
// with stock 1, so the order core's guarded stock decrement is what makes a tree adoptable once a
// season — of fifty buyers racing for the last tree exactly one gets an order. A TreeAdoption row is
// written in the order's own transaction; it counts once the order is paid.
import crypto from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { holdUntil } from "~/models/institutions/bulk-order.server";
import { reservationDeadline } from "~/models/orders/checkout.server";
import { InvalidOrderError, orderForRequest, placeOrder } from "~/models/orders/order.server";
import { STANDING_STATUSES } from "~/models/orders/status";
import { OutOfStockError } from "~/models/orders/stock.server";
import { treeCodesOf, type AdoptInput } from "~/models/trees/adoption.schema";
import { listParcels } from "~/models/trees/parcels.server";
import { seasonSelect } from "~/models/trees/orchard.server";
import { seasonPhase } from "~/models/trees/season";

export class AdoptionError extends DomainError {}

export interface Adopter {
  id: string;
  organizationId: string | null;
}

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A certificate code to share (/trees/TR-7K3M-9PQ2): 40 random bits, easy to read aloud. */
export function newCertificateCode() {
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `TR-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

async function organizationOf(adopter: Adopter) {
  if (!adopter.organizationId) return null;
  return prisma.organization.findUnique({ where: { id: adopter.organizationId }, select: { id: true, status: true } });
}

/** Trees this adopter (or their organisation) held, paid, in the season before `year`. */
async function lastSeasonTrees(orchardId: string, year: number, adopter: Adopter) {
  const rows = await prisma.treeAdoption.findMany({
    where: {
      offer: { season: { orchardId, year: year - 1 } },
      order: { status: { in: [...STANDING_STATUSES] } },
      OR: [{ adopterId: adopter.id }, ...(adopter.organizationId ? [{ organizationId: adopter.organizationId }] : [])],
    },
    select: { offer: { select: { treeId: true } } },
  });
  return new Set(rows.map((r) => r.offer.treeId));
}

/**
 * Places the adoption order for the chosen trees (or any N free ones) and holds them while the
 * buyer pays (card: the usual reservation; an organisation's bank transfer: the transfer window).
 * A tree taken meanwhile fails the whole order with the tree's number, nothing half-done.
 */
export async function adoptTrees(input: { adopter: Adopter; orchardSlug: string; year: number; form: AdoptInput; now?: Date }) {
  const earlier = await orderForRequest(input.form.clientRequestId, input.adopter.id);
  if (earlier) return earlier;
  const now = input.now ?? new Date();
  const season = await prisma.orchardSeason.findFirst({
    where: { year: input.year, orchard: { slug: input.orchardSlug } },
    select: {
      ...seasonSelect,
      orchard: { select: { id: true, name: true, shareGrams: true, product: { select: { county: { select: { partnerCity: { select: { hall: { select: { id: true } } } } } } } } } },
      offers: { select: { id: true, variantId: true, treeId: true, tree: { select: { code: true, row: true, col: true } }, variant: { select: { stock: true } } } },
    },
  });
  if (!season) throw new NotFoundError("没有这个果园季");
  const phase = seasonPhase(season, now);
  if (phase === "UPCOMING") throw new AdoptionError("本季认养尚未开放");
  if (phase === "CLOSED") throw new AdoptionError("本季认养已截止");
  const organization = await organizationOf(input.adopter);
  const asOrganization = organization?.status === "VERIFIED" ? organization : null;
  if (input.form.payment === "BANK_TRANSFER" && !asOrganization) {
    throw new ForbiddenError("对公转账仅限已通过审核的单位");
  }
  const renewable = phase === "RENEWAL" ? await lastSeasonTrees(season.orchard.id, season.year, input.adopter) : null;
  const byCode = new Map(season.offers.map((o) => [o.tree.code, o]));

  let chosen: typeof season.offers;
  if (input.form.mode === "pick") {
    const codes = treeCodesOf(input.form);
    chosen = codes.map((code) => {
      const offer = byCode.get(code);
      if (!offer) throw new AdoptionError(`果园里没有 ${code} 号树`, { field: "trees" });
      return offer;
    });
    const taken = chosen.filter((o) => o.variant.stock < 1).map((o) => o.tree.code);
    if (taken.length) throw new ConflictError(`${taken.join("、")} 号树已被认养，请另选`, "trees");
    if (renewable) {
      const notYours = chosen.filter((o) => !renewable.has(o.treeId)).map((o) => o.tree.code);
      if (notYours.length) throw new AdoptionError(`续养期内只能续养您上一季认养的树（${notYours.join("、")} 不是）`, { field: "trees" });
    }
  } else {
    if (renewable) throw new AdoptionError("续养期内只能在果园图上选择您上一季认养的树", { field: "count" });
    chosen = [];
  }
  const count = input.form.mode === "pick" ? chosen.length : Number(input.form.count);
  const unitPriceFen = asOrganization && count >= season.orgMinTrees ? season.orgPriceFen : season.priceFen;
  const transfer = input.form.payment === "BANK_TRANSFER";

  // "Any N": free trees in grid order; if some are taken while we try, try again with others.
  const skip = new Set<string>();
  for (let attempt = 0; ; attempt++) {
    if (input.form.mode === "any") {
      const free = season.offers
        .filter((o) => o.variant.stock > 0 && !skip.has(o.variantId))
        .sort((a, b) => a.tree.row - b.tree.row || a.tree.col - b.tree.col);
      if (free.length < count) throw new ConflictError(free.length ? `本季只剩 ${free.length} 棵树可认养` : "本季的树已全部被认养", "count");
      chosen = free.slice(0, count);
    }
    try {
      return await placeOrder({
        buyerId: input.adopter.id,
        organizationId: asOrganization?.id ?? null,
        hallId: season.orchard.product.county.partnerCity.hall?.id ?? null,
        kind: "TREE",
        status: "PENDING_PAYMENT",
        lines: chosen.map((o) => ({ variantId: o.variantId, quantity: 1, unitPriceFen })),
        reservedUntil: transfer ? holdUntil("BANK_TRANSFER", now) : reservationDeadline(now),
        clientRequestId: input.form.clientRequestId,
        extra: { paymentMethod: transfer ? "BANK_TRANSFER" : null },
        also: (tx, order) => recordAdoptions(tx, order, chosen, input.adopter, asOrganization?.id ?? null, input.form.displayName, season.orchard.shareGrams, transfer),
      });
    } catch (error) {
      if (error instanceof OutOfStockError) {
        const lost = chosen.find((o) => o.variantId === error.variantId);
        if (input.form.mode === "any" && attempt < 3) {
          if (lost) skip.add(lost.variantId);
          continue;
        }
        throw new ConflictError(`${lost?.tree.code ?? "有"} 号树刚刚被别人认养，订单未创建，请另选`, input.form.mode === "pick" ? "trees" : "count");
      }
      if (error instanceof InvalidOrderError) throw new AdoptionError(error.message);
      throw error;
    }
  }
}

async function recordAdoptions(
  tx: Tx,
  order: { id: string; number: string; lines: { id: string; variantId: string }[] },
  chosen: { id: string; variantId: string }[],
  adopter: Adopter,
  organizationId: string | null,
  displayName: string,
  shareGrams: number,
  transfer: boolean,
) {
  for (const line of order.lines) {
    const offer = chosen.find((o) => o.variantId === line.variantId)!;
    await tx.treeAdoption.create({
      data: { code: newCertificateCode(), offerId: offer.id, orderId: order.id, orderLineId: line.id, adopterId: adopter.id, organizationId, displayName, shareGrams },
    });
  }
  // The reference the organisation writes on its transfer, as for institution orders.
  if (transfer) await tx.order.update({ where: { id: order.id }, data: { paymentRef: `DG${order.number}` } });
}

const adoptionSelect = {
  id: true,
  code: true,
  displayName: true,
  shareGrams: true,
  createdAt: true,
  order: { select: { number: true, status: true, paidAt: true, paymentMethod: true, reservedUntil: true } },
  offer: {
    select: {
      tree: { select: { id: true, code: true } },
      season: {
        select: {
          year: true,
          harvestFrom: true,
          harvestTo: true,
          harvestedAt: true,
          orchard: { select: { id: true, slug: true, name: true, variety: true, product: { select: { county: { select: { name: true } }, coop: { select: { name: true } } } } } },
        },
      },
    },
  },
  deliveries: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true, grams: true, deliverOn: true, isGift: true, giftHint: true, giftExpires: true, redeemedAt: true,
      recipient: true, province: true, city: true, district: true, parcelId: true,
    },
  },
} as const;

/**
 * The adopter's trees: theirs, and their organisation's. Each with its certificate, harvest plan,
 * what was shipped, and whether it can be renewed for next season right now.
 */
export async function myAdoptions(adopter: Adopter, now = new Date()) {
  const rows = await prisma.treeAdoption.findMany({
    where: {
      OR: [{ adopterId: adopter.id }, ...(adopter.organizationId ? [{ organizationId: adopter.organizationId }] : [])],
      order: { status: { in: [...STANDING_STATUSES, "PENDING_PAYMENT"] } },
    },
    orderBy: [{ createdAt: "desc" }],
    take: 500,
    select: adoptionSelect,
  });
  const parcelIds = rows.flatMap((r) => r.deliveries.map((d) => d.parcelId).filter((x): x is string => !!x));
  const parcels = await listParcels(parcelIds);
  // Next season's offer of the same tree, for the renewal button.
  const next = await prisma.treeOffer.findMany({
    where: { OR: rows.map((r) => ({ treeId: r.offer.tree.id, season: { year: r.offer.season.year + 1 } })) },
    select: { treeId: true, variant: { select: { stock: true } }, season: { select: { year: true, renewalOpensAt: true, opensAt: true, closesAt: true } } },
  });
  return rows.map((r) => {
    const offer = next.find((n) => n.treeId === r.offer.tree.id && n.season.year === r.offer.season.year + 1);
    const phase = offer ? seasonPhase(offer.season, now) : null;
    const paid = r.order.status !== "PENDING_PAYMENT";
    return {
      ...r,
      paid,
      deliveries: r.deliveries.map((d) => ({ ...d, parcel: parcels.find((s) => s.id === d.parcelId) ?? null })),
      renewal:
        paid && offer && (phase === "RENEWAL" || phase === "OPEN") && offer.variant.stock > 0
          ? { year: offer.season.year, phase, opensAt: offer.season.opensAt }
          : null,
    };
  });
}
export type MyAdoption = Awaited<ReturnType<typeof myAdoptions>>[number];

/** One of the adopter's own adoptions (or their organisation's), by certificate code; 404 otherwise. */
export async function ownAdoption(adopter: Adopter, code: string) {
  const row = await prisma.treeAdoption.findFirst({
    where: { code, OR: [{ adopterId: adopter.id }, ...(adopter.organizationId ? [{ organizationId: adopter.organizationId }] : [])] },
    select: { ...adoptionSelect, orderId: true },
  });
  if (!row) throw new NotFoundError("没有这份认养证书");
  return row;
}
