// Gift codes: a union buys N boxes, each employee redeems one code on /gift/redeem and gives
// their own address. Codes carry 80 random bits; only their SHA-256 is stored, so the list is shown
// once. Redemption is a conditional update: of two people racing with one code exactly one wins.
import crypto from "node:crypto";
import { recordFailures, waitFor, type ThrottlePolicy } from "~/models/accounts/login-throttle.server";
import { prisma } from "~/db.server";
import { toCsv } from "~/lib/csv-safe";
import { sha256 } from "~/lib/hash.server";
import { packageLabel, packagesOf } from "~/models/institutions/recipients.server";
import { BULK_OPEN_STATUSES, CLOSED_STATUSES, type OrderStatus } from "~/models/orders/status";
import { DomainError } from "~/lib/errors";

// Crockford's base32 without I, L, O, U: easy to read aloud and type.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS = 16; // 16 × 5 bits = 80 bits

export class GiftCodeError extends DomainError {}

/** One message for unknown, used, expired and revoked codes, so guessing learns nothing. */
export const REDEEM_REFUSED = "兑换码无效、已兑换或已过期。如有疑问请联系发放单位。";

export function newGiftCode(): string {
  const bytes = crypto.randomBytes(CODE_CHARS);
  let code = "";
  for (const b of bytes) code += ALPHABET[b & 31];
  return code.match(/.{4}/g)!.join("-");
}

/** What a person types: any case, with or without dashes and spaces; O/I/L read as 0/1/1. */
export function normaliseGiftCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (c.length !== CODE_CHARS || [...c].some((ch) => !ALPHABET.includes(ch))) return null;
  return c.match(/.{4}/g)!.join("-");
}

/** Issues `count` codes for one package of the order; returns the plain codes (shown once). */
export async function issueGiftCodes(input: { orderId: string; lineId: string; count: number; expiresAt: Date; now?: Date }) {
  if (input.expiresAt <= (input.now ?? new Date())) throw new GiftCodeError("截止日期应晚于今天");
  const codes = Array.from({ length: input.count }, newGiftCode);
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { status: true } });
    if (!BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) throw new GiftCodeError("订单已发货或已取消，不能再发放兑换码");
    const line = (await packagesOf(tx, input.orderId)).lines.find((l) => l.id === input.lineId);
    if (!line) throw new GiftCodeError("订单中没有这个礼盒");
    if (input.count > line.available) throw new GiftCodeError(`「${packageLabel(line)}」还可发放 ${line.available} 个兑换码`);
    await tx.giftCode.createMany({
      data: codes.map((code) => ({ orderId: input.orderId, codeHash: sha256(code), codeHint: code.slice(-4), packageName: packageLabel(line), expiresAt: input.expiresAt })),
    });
    return codes.map((code) => ({ code, packageName: packageLabel(line) }));
  });
}

/** Revokes every unredeemed code of the order (a lost list) and issues the same number anew. */
export async function reissueGiftCodes(input: { orderId: string; expiresAt: Date; now?: Date }) {
  const now = input.now ?? new Date();
  if (input.expiresAt <= now) throw new GiftCodeError("截止日期应晚于今天");
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { status: true } });
    if (CLOSED_STATUSES.includes(order.status as OrderStatus)) throw new GiftCodeError("订单已取消或已退款，不能重新发放兑换码");
    const live = await tx.giftCode.findMany({ where: { orderId: input.orderId, redeemedAt: null, revokedAt: null }, select: { id: true, packageName: true } });
    if (live.length === 0) throw new GiftCodeError("没有未兑换的兑换码可重新发放");
    const { count } = await tx.giftCode.updateMany({ where: { id: { in: live.map((c) => c.id) }, redeemedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if (count !== live.length) throw new GiftCodeError("有兑换码刚刚被兑换，请刷新后重试");
    const codes = live.map((c) => ({ code: newGiftCode(), packageName: c.packageName }));
    await tx.giftCode.createMany({ data: codes.map((c) => ({ orderId: input.orderId, codeHash: sha256(c.code), codeHint: c.code.slice(-4), packageName: c.packageName, expiresAt: input.expiresAt })) });
    return codes;
  });
}

export async function giftCodeSummary(orderId: string, now = new Date()) {
  const rows = await prisma.giftCode.groupBy({
    by: ["packageName"],
    where: { orderId },
    _count: { _all: true, redeemedAt: true, revokedAt: true },
  });
  const expired = await prisma.giftCode.groupBy({ by: ["packageName"], where: { orderId, redeemedAt: null, revokedAt: null, expiresAt: { lte: now } }, _count: { _all: true } });
  const expiredBy = new Map(expired.map((e) => [e.packageName, e._count._all]));
  return rows.map((r) => {
    const live = r._count._all - r._count.redeemedAt - r._count.revokedAt;
    return { packageName: r.packageName, issued: r._count._all - r._count.revokedAt, redeemed: r._count.redeemedAt, unredeemed: live - (expiredBy.get(r.packageName) ?? 0), expired: expiredBy.get(r.packageName) ?? 0 };
  });
}

export function giftCodesCsv(codes: { code: string; packageName: string }[], expiresAt: Date) {
  const until = expiresAt.toISOString().slice(0, 10);
  return toCsv(["兑换码", "礼盒", "有效期至", "兑换地址"], codes.map((c) => [c.code, c.packageName, until, "/gift/redeem"]));
}

/**
 * Redeems a code once: marks it redeemed only if it is still unredeemed, unrevoked and unexpired
 * and its order is not cancelled, then creates the recipient's shipment, in one transaction.
 */
export async function redeemGiftCode(input: { code: string; address: { recipient: string; mobile: string; province: string; city: string; district: string; street: string }; now?: Date }) {
  const code = normaliseGiftCode(input.code);
  if (!code) throw new GiftCodeError(REDEEM_REFUSED);
  const now = input.now ?? new Date();
  const codeHash = sha256(code);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.giftCode.updateMany({
      where: { codeHash, redeemedAt: null, revokedAt: null, expiresAt: { gt: now }, order: { status: { notIn: [...CLOSED_STATUSES] } } },
      data: { redeemedAt: now },
    });
    if (count !== 1) throw new GiftCodeError(REDEEM_REFUSED);
    const gift = await tx.giftCode.findUniqueOrThrow({ where: { codeHash }, select: { id: true, orderId: true, packageName: true } });
    const shipment = await tx.shipment.create({ data: { orderId: gift.orderId, ...input.address, packageLabel: gift.packageName, quantity: 1 }, select: { id: true } });
    await tx.giftCode.update({ where: { id: gift.id }, data: { shipmentId: shipment.id } });
    return { packageName: gift.packageName };
  });
}

// Failed redemptions are throttled per client address with a doubling wait (the log-in throttle's
// attempt log, keys "gift:<address>"), never overall: a flood of wrong codes from one client must
// not stop anyone else redeeming theirs. With 80-bit codes guessing cannot succeed anyway; the
// wait keeps one client from hammering the page.
export const REDEEM_POLICY: ThrottlePolicy = { windowMs: 15 * 60 * 1000, free: 10, baseWaitMs: 30_000, maxWaitMs: 15 * 60 * 1000 };

const redeemKey = (client: string | null) => `gift:${client ?? "unknown"}`;

/** Milliseconds this client must wait before trying another code (0: go ahead). */
export async function redeemWait(client: string | null, now = new Date()) {
  return waitFor(redeemKey(client), REDEEM_POLICY, now);
}

export async function recordRedeemFailure(client: string | null, now = new Date()) {
  await recordFailures([redeemKey(client)], now);
}
