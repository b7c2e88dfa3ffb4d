// A tree's harvest share: the adopter splits it across addresses and dates (or gives parts away),
// the co-op records the season's harvest and ships each part through the parcel seam, and the
// adopter sees what went where.
import { prisma } from "~/db.server";
import { addDays } from "~/lib/china-time";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors";
import { sha256 } from "~/lib/hash.server";
import { notify } from "~/models/messages/outbox.server";
import { newGiftCode, normaliseGiftCode, REDEEM_REFUSED } from "~/models/institutions/gift-code.server";
import { shipSchemeParcel } from "~/models/orders/scheme-parcel.server";
import { STANDING_STATUSES } from "~/models/orders/status";
import { ownAdoption, type Adopter } from "~/models/trees/adoption.server";
import { partKey, type SplitPart } from "~/models/trees/harvest.schema";
import { officialAddress } from "~/models/addresses/divisions.server";
import { gramsToKg } from "~/models/trees/season";

export class HarvestError extends DomainError {}

/** How long after the harvest window a gift can still be redeemed. */
export const GIFT_GRACE_DAYS = 60;

/**
 * Replaces the adoption's delivery plan. Allowed until any part has shipped or a gift was redeemed
 * (the recipient already gave an address). Returns the new gift codes, shown once.
 */
export async function planDeliveries(input: { adopter: Adopter; code: string; parts: SplitPart[] }) {
  const adoption = await ownAdoption(input.adopter, input.code);
  if (adoption.order.status === "PENDING_PAYMENT") throw new HarvestError("认养付款后才能安排收成寄送");
  const total = input.parts.reduce((s, p) => s + p.grams, 0);
  if (total !== adoption.shareGrams) throw new HarvestError(`各份合计应为 ${gramsToKg(adoption.shareGrams)}`, { field: "kg_0" });
  // each address names real divisions (stored by their official names); a wrong one is named in its row
  const parts = input.parts.map((part) => (part.address ? { ...part, address: officialAddress(part.address, (field) => partKey(field, part.row)) } : part));
  const { season } = adoption.offer;
  const expires = new Date(`${addDays(season.harvestTo, GIFT_GRACE_DAYS)}T23:59:59+08:00`);
  const gifts: { code: string; grams: number; deliverOn: string }[] = [];
  await prisma.$transaction(async (tx) => {
    const locked = await tx.harvestDelivery.count({ where: { adoptionId: adoption.id, OR: [{ parcelId: { not: null } }, { redeemedAt: { not: null } }] } });
    if (locked) throw new ConflictError("已有寄出或已被领取的部分，寄送安排不能再修改");
    await tx.harvestDelivery.deleteMany({ where: { adoptionId: adoption.id } });
    for (const part of parts) {
      const code = part.gift ? newGiftCode() : null;
      if (code) gifts.push({ code, grams: part.grams, deliverOn: part.deliverOn });
      await tx.harvestDelivery.create({
        data: {
          adoptionId: adoption.id,
          grams: part.grams,
          deliverOn: part.deliverOn,
          isGift: part.gift,
          giftHash: code ? sha256(code) : null,
          giftHint: code ? code.slice(-4) : null,
          giftExpires: code ? expires : null,
          ...(part.address ?? {}),
        },
      });
    }
  });
  return { gifts, giftExpires: gifts.length ? expires : null };
}

/** A harvest gift waiting for its address, as the redemption page shows it first; null when the code cannot be redeemed. */
export async function harvestGiftFor(input: string, now = new Date()) {
  const code = normaliseGiftCode(input);
  if (!code) return null;
  const d = await prisma.harvestDelivery.findFirst({
    where: { giftHash: sha256(code), redeemedAt: null, parcelId: null, giftExpires: { gt: now }, adoption: { order: { status: { in: [...STANDING_STATUSES] } } } },
    select: { grams: true, deliverOn: true, adoption: { select: { displayName: true, offer: { select: { tree: { select: { code: true } }, season: { select: { orchard: { select: { name: true } } } } } } } } },
  });
  if (!d) return null;
  return { packageName: `${d.adoption.offer.season.orchard.name} ${d.adoption.offer.tree.code} 号树收成 ${gramsToKg(d.grams)}`, from: d.adoption.displayName, deliverOn: d.deliverOn };
}

/**
 * A gift recipient gives their address. One conditional update: a code works once, before it
 * expires, and only while the adoption stands. Unknown, used and expired codes get one message.
 */
export async function redeemHarvestGift(input: { code: string; address: { recipient: string; mobile: string; province: string; city: string; district: string; street: string }; now?: Date }) {
  const code = normaliseGiftCode(input.code);
  if (!code) throw new HarvestError(REDEEM_REFUSED, { field: "code" });
  const now = input.now ?? new Date();
  const { count } = await prisma.harvestDelivery.updateMany({
    where: { giftHash: sha256(code), redeemedAt: null, parcelId: null, giftExpires: { gt: now }, adoption: { order: { status: { in: [...STANDING_STATUSES] } } } },
    data: { redeemedAt: now, ...input.address },
  });
  if (count !== 1) throw new HarvestError(REDEEM_REFUSED, { field: "code" });
  const d = await prisma.harvestDelivery.findUniqueOrThrow({
    where: { giftHash: sha256(code) },
    select: { grams: true, deliverOn: true, adoption: { select: { displayName: true, offer: { select: { tree: { select: { code: true } }, season: { select: { orchard: { select: { name: true } } } } } } } } },
  });
  return { packageName: `${d.adoption.offer.season.orchard.name} ${d.adoption.offer.tree.code} 号树收成 ${gramsToKg(d.grams)}`, from: d.adoption.displayName, deliverOn: d.deliverOn };
}

// ───────────── the co-op's side ─────────────

async function coopSeason(coopId: string, seasonId: string) {
  const season = await prisma.orchardSeason.findFirst({
    where: { id: seasonId, orchard: { coopId } },
    select: { id: true, year: true, harvestedAt: true, orchard: { select: { name: true } } },
  });
  if (!season) throw new NotFoundError("没有这个果园季");
  return season;
}

/** The co-op records the season's harvest; every adopter is told, with what they planned. */
export async function recordHarvest(input: { coopId: string; seasonId: string; grams: number; note: string; actorId: string; now?: Date }) {
  const season = await coopSeason(input.coopId, input.seasonId);
  const now = input.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.orchardSeason.updateMany({
      where: { id: season.id, harvestedAt: null },
      data: { harvestedAt: now, harvestGrams: input.grams, harvestNote: input.note || null },
    });
    if (count !== 1) throw new ConflictError("本季收成已登记过");
    const adopters = await tx.treeAdoption.findMany({
      where: { offer: { seasonId: season.id }, order: { status: { in: [...STANDING_STATUSES] } } },
      select: { code: true, adopterId: true, offer: { select: { tree: { select: { code: true } } } }, order: { select: { buyer: { select: { name: true } } } }, _count: { select: { deliveries: true } } },
    });
    for (const a of adopters) {
      await notify(tx, {
        userId: a.adopterId,
        kind: "shipping",
        email: {
          subject: `${season.orchard.name} ${season.year} 年收成已登记`,
          content: {
            greeting: `${a.order.buyer.name}，您好：`,
            paragraphs: [
              `您认养的 ${a.offer.tree.code} 号树所在的${season.orchard.name}已采收${input.note ? `（${input.note}）` : ""}。`,
              a._count.deliveries ? "合作社将按您安排的日期和地址寄出。" : "您还没有安排收成寄送，请到「我的认养」填写地址或转赠。",
            ],
            action: a._count.deliveries ? { label: "查看认养证书", url: `/trees/${a.code}` } : { label: "安排收成寄送", url: `/trees/mine/${a.code}` },
          },
        },
      });
    }
  });
}

/** Ships one planned part: it needs the harvest recorded and an address (a gift: once redeemed). */
export async function shipDelivery(input: { coopId: string; deliveryId: string; courier: string; trackingNumber: string; actorId: string }) {
  const d = await prisma.harvestDelivery.findFirst({
    where: { id: input.deliveryId, adoption: { offer: { season: { orchard: { coopId: input.coopId } } } } },
    select: {
      id: true, grams: true, isGift: true, parcelId: true, recipient: true, mobile: true, province: true, city: true, district: true, street: true,
      adoption: { select: { orderId: true, orderLineId: true, order: { select: { status: true } }, offer: { select: { tree: { select: { code: true } }, season: { select: { harvestedAt: true, orchard: { select: { name: true } } } } } } } },
    },
  });
  if (!d) throw new NotFoundError("没有这份寄送");
  if (!(STANDING_STATUSES as readonly string[]).includes(d.adoption.order.status)) throw new ConflictError("认养已退款，不能寄出");
  if (!d.adoption.offer.season.harvestedAt) throw new ConflictError("请先登记本季收成");
  if (d.parcelId) throw new ConflictError("这份已寄出");
  if (!d.recipient || !d.mobile || !d.province || !d.city || !d.district || !d.street) throw new ConflictError("礼物尚未被领取，还没有收货地址");
  const address = { recipient: d.recipient, mobile: d.mobile, province: d.province, city: d.city, district: d.district, street: d.street };
  await prisma.$transaction(async (tx) => {
    const parcelId = await shipSchemeParcel(tx, {
      orderId: d.adoption.orderId,
      orderLineId: d.adoption.orderLineId,
      address,
      label: `${d.adoption.offer.season.orchard.name} ${d.adoption.offer.tree.code} 号树收成 ${gramsToKg(d.grams)}${d.isGift ? "（礼物）" : ""}`,
      quantity: 1,
      courier: input.courier,
      trackingNumber: input.trackingNumber,
      actorId: input.actorId,
    });
    const { count } = await tx.harvestDelivery.updateMany({ where: { id: d.id, parcelId: null }, data: { parcelId } });
    if (count !== 1) throw new ConflictError("这份已寄出");
  });
}
