// Gift codes: a union buys N boxes, each employee redeems one code on /gift/redeem and gives
// their own address. Codes carry 80 random bits; only their SHA-256 is stored, so the list is shown
// once. Redemption is a conditional update: of two people racing with one code exactly one wins.
import crypto from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { columnLetter, looksLikeFormula, toCsv } from "~/lib/csv-safe";
import { recordFailures, waitFor, waitText, type ThrottlePolicy } from "~/models/accounts/login-throttle.server";
import { sha256 } from "~/lib/hash.server";
import { MOBILE_PATTERN, normaliseMobile } from "~/lib/phone";
import { dataRows, headerColumns, lastFilledRow, readGrid, SpreadsheetError, type RowError } from "~/lib/spreadsheet.server";
import { queueSms } from "~/models/messages/outbox.server";
import { findPackage, MAX_FILE_BYTES, packageLabel, packagesOf } from "~/models/institutions/recipients.server";
import { BULK_OPEN_STATUSES, CLOSED_STATUSES, PAID_STATUSES, type OrderStatus } from "~/models/orders/status";
import { createParcels } from "~/models/parcels/split.server";
import { DomainError, NotFoundError } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { trackingUrl } from "~/models/parcels/couriers";
import { parcelStatusLabel } from "~/models/parcels/status";

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

// ───────────── Codes only against money ─────────────
// A code is a promise of a box: it is issued once the order is paid, or — when an org admin of a
// verified organisation chose "先发码，后付款" — while the transfer is on its way, and then the
// parcels it turns into wait until the money arrives (shipping needs a paid order).

export const CODES_NEED_PAYMENT = "订单付款后才能发放兑换码（已认证单位的管理员可选择先发码、到账后发货）";

/** Why codes cannot be issued on the order now, or null when they can. */
export function codesRefusal(order: { status: string; codesBeforePaymentAt: Date | null }): string | null {
  if (!BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) return "订单已发货或已取消，不能再发放兑换码";
  if (PAID_STATUSES.includes(order.status as OrderStatus)) return null;
  if (order.status === "PENDING_PAYMENT" && order.codesBeforePaymentAt) return null;
  return CODES_NEED_PAYMENT;
}

async function assertCodesAllowed(tx: Tx, orderId: string) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, codesBeforePaymentAt: true } });
  const refusal = codesRefusal(order);
  if (refusal) throw new GiftCodeError(refusal);
}

/** An org admin lets an approved, unpaid order hand out codes now; their parcels ship once it is paid. */
export async function allowCodesBeforePayment(input: { organizationId: string; orderId: string; now?: Date }) {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { status: true } });
  if (org.status !== "VERIFIED") throw new GiftCodeError("只有通过平台认证的单位可以先发码后付款");
  const { count } = await prisma.order.updateMany({
    where: { id: input.orderId, organizationId: input.organizationId, status: "PENDING_PAYMENT", codesBeforePaymentAt: null },
    data: { codesBeforePaymentAt: input.now ?? new Date() },
  });
  if (count !== 1) throw new GiftCodeError("只有已审批、待付款的订单可以先发码后付款");
}

/** Where an employee redeems a code: the full link, code included, for files, cards and QR codes. */
export function redeemUrl(origin: string, code: string) {
  return `${origin.replace(/\/$/, "")}/gift/redeem?code=${encodeURIComponent(code)}`;
}

/** The gift box as an employee reads it: product and variant, without the SKU the organisation uses. */
export function giftName(packageName: string) {
  return packageName.replace(/（[^）]*）$/, "");
}

/** Issues `count` codes for one package of the order; returns the plain codes (shown once). */
export async function issueGiftCodes(input: { orderId: string; lineId: string; count: number; expiresAt: Date; now?: Date }) {
  if (input.expiresAt <= (input.now ?? new Date())) throw new GiftCodeError("截止日期应晚于今天");
  const codes = Array.from({ length: input.count }, newGiftCode);
  return prisma.$transaction(async (tx) => {
    await assertCodesAllowed(tx, input.orderId);
    const line = (await packagesOf(tx, input.orderId)).lines.find((l) => l.id === input.lineId);
    if (!line) throw new GiftCodeError("订单中没有这个礼盒");
    if (input.count > line.available) throw new GiftCodeError(`「${packageLabel(line)}」还可发放 ${line.available} 个兑换码`);
    await assertWithinAllowance(tx, input.orderId, line.id);
    await tx.giftCode.createMany({
      data: codes.map((code) => ({ orderId: input.orderId, orderLineId: line.id, codeHash: sha256(code), codeHint: code.slice(-4), packageName: packageLabel(line), expiresAt: input.expiresAt })),
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
    const live = await tx.giftCode.findMany({ where: { orderId: input.orderId, redeemedAt: null, revokedAt: null }, select: { id: true, packageName: true, orderLineId: true, recipientName: true, mobile: true } });
    if (live.length === 0) throw new GiftCodeError("没有未兑换的兑换码可重新发放");
    const { count } = await tx.giftCode.updateMany({ where: { id: { in: live.map((c) => c.id) }, redeemedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if (count !== live.length) throw new GiftCodeError("有兑换码刚刚被兑换，请刷新后重试");
    const codes = live.map((c) => ({ code: newGiftCode(), packageName: c.packageName, orderLineId: c.orderLineId, recipientName: c.recipientName, mobile: c.mobile }));
    await tx.giftCode.createMany({
      data: codes.map((c) => ({ orderId: input.orderId, orderLineId: c.orderLineId, codeHash: sha256(c.code), codeHint: c.code.slice(-4), packageName: c.packageName, expiresAt: input.expiresAt, recipientName: c.recipientName, mobile: c.mobile })),
    });
    // Codes that went to an employee's mobile go there again; the organisation's list has them all.
    const orgName = codes.some((c) => c.mobile) ? await organizationName(tx, input.orderId) : "";
    for (const c of codes) if (c.mobile) await smsGiftCode(tx, orgName, { code: c.code, packageName: c.packageName, mobile: c.mobile, expiresAt: input.expiresAt });
    return codes.map(({ code, packageName }) => ({ code, packageName }));
  });
}

// ───────────── Gift codes by SMS ─────────────
// The organisation uploads its employees' names and mobiles (CSV or XLSX); each row gets one code,
// sent to that mobile through the outbox in the transaction that issues it, so no list of codes
// passes through the organisation's hands. Every bad row is reported; nothing is issued until the
// whole file is clean.

export const MAX_GIFT_SMS_ROWS = 5000;
const SMS_FIELDS = ["name", "mobile", "package"] as const;
type SmsField = (typeof SMS_FIELDS)[number];
const SMS_LABELS: Record<SmsField, string> = { name: "姓名", mobile: "手机号", package: "礼盒" };
const SMS_ALIASES: Record<string, SmsField> = {
  姓名: "name", 员工姓名: "name", 收件人: "name", name: "name",
  手机号: "mobile", 手机: "mobile", 手机号码: "mobile", mobile: "mobile", phone: "mobile",
  礼盒: "package", 商品: "package", 规格: "package", sku: "package", package: "package",
};
export const GIFT_SMS_TEMPLATE_HEADER = SMS_FIELDS.map((f) => SMS_LABELS[f]);

export interface GiftSmsRow {
  row: number;
  name: string;
  mobile: string;
  lineId: string;
  packageName: string;
}

/** Checks an employee list against the order: every problem by row and column, or the rows to issue. */
export async function checkGiftSmsFile(orderId: string, fileName: string, bytes: Uint8Array): Promise<{ errors: RowError[]; rows: GiftSmsRow[] }> {
  let grid;
  try {
    grid = await readGrid(fileName, bytes, { maxBytes: MAX_FILE_BYTES, maxRows: MAX_GIFT_SMS_ROWS });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { errors: [{ row: 0, column: null, field: null, message: error.message }], rows: [] };
    throw error;
  }
  if (lastFilledRow(grid) < 1) return { errors: [{ row: 2, column: null, field: null, message: "表头下面没有员工" }], rows: [] };
  const { columnOf, errors } = headerColumns(grid.rows[0] ?? [], SMS_FIELDS, SMS_LABELS, SMS_ALIASES);
  if (errors.length) return { errors, rows: [] };
  const packages = await packagesOf(prisma, orderId);
  const rows: GiftSmsRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNo, cells } of dataRows(grid, errors)) {
    const get = (f: SmsField) => (cells[columnOf.get(f)!] ?? "").trim();
    const before = errors.length;
    const err = (f: SmsField, message: string) => errors.push({ row: rowNo, column: columnLetter(columnOf.get(f)!), field: SMS_LABELS[f], message });
    for (const f of SMS_FIELDS) if (looksLikeFormula(get(f))) err(f, "不能以 = + - @ 开头（可能是公式；手机号请去掉 +86）");
    if (errors.length > before) continue;
    const name = get("name");
    const mobile = normaliseMobile(get("mobile"));
    if (!name) err("name", "姓名不能为空");
    else if (name.length > 50) err("name", "姓名过长（最多 50 字）");
    if (!MOBILE_PATTERN.test(mobile)) err("mobile", `手机号「${mobile.slice(0, 20)}」不是 11 位大陆手机号`);
    const pkg = findPackage(packages.lines, get("package"));
    if (!pkg) err("package", get("package") ? `订单中没有礼盒「${get("package").slice(0, 30)}」（可填 SKU 或规格名）` : "请填写礼盒（SKU 或规格名）");
    const key = `${mobile}|${pkg?.id}`;
    if (pkg && MOBILE_PATTERN.test(mobile) && seen.has(key)) err("mobile", `与第 ${seen.get(key)} 行重复：同一手机号同一礼盒只发一个兑换码`);
    if (errors.length > before) continue;
    seen.set(key, rowNo);
    rows.push({ row: rowNo, name, mobile, lineId: pkg!.id, packageName: packageLabel(pkg!) });
  }
  for (const line of packages.lines) {
    const wanted = rows.filter((r) => r.lineId === line.id).length;
    if (wanted > line.available) errors.push({ row: 0, column: null, field: SMS_LABELS.package, message: `「${packageLabel(line)}」需要 ${wanted} 个兑换码，订单还可发放 ${line.available} 个` });
  }
  return errors.length ? { errors, rows: [] } : { errors, rows };
}

async function organizationName(tx: Tx, orderId: string) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { organization: { select: { name: true } } } });
  return order.organization?.name ?? "陇货通";
}

async function smsGiftCode(tx: Tx, orgName: string, gift: { code: string; packageName: string; mobile: string; expiresAt: Date }) {
  await queueSms(tx, {
    to: gift.mobile,
    kind: "gift",
    template: "gift_code",
    // The SKU in brackets helps the organisation, not the employee reading an SMS.
    params: { org: orgName, gift: giftName(gift.packageName), code: gift.code, until: businessDay(gift.expiresAt) },
  });
}

/** Issues one code per checked row and queues its SMS, all or none; availability is checked again inside. */
export async function sendGiftCodesBySms(input: { orderId: string; rows: GiftSmsRow[]; expiresAt: Date; now?: Date }) {
  if (input.rows.length === 0) throw new GiftCodeError("没有可发送的员工");
  if (input.expiresAt <= (input.now ?? new Date())) throw new GiftCodeError("截止日期应晚于今天");
  return prisma.$transaction(
    async (tx) => {
      await assertCodesAllowed(tx, input.orderId);
      const { lines } = await packagesOf(tx, input.orderId);
      for (const lineId of new Set(input.rows.map((r) => r.lineId))) await assertWithinAllowance(tx, input.orderId, lineId);
      for (const line of lines) {
        if (input.rows.filter((r) => r.lineId === line.id).length > line.available) throw new GiftCodeError(`「${packageLabel(line)}」可发放数量已变化，请重新上传`);
      }
      const orgName = await organizationName(tx, input.orderId);
      for (const r of input.rows) {
        const code = newGiftCode();
        await tx.giftCode.create({
          data: { orderId: input.orderId, orderLineId: r.lineId, codeHash: sha256(code), codeHint: code.slice(-4), packageName: r.packageName, expiresAt: input.expiresAt, recipientName: r.name, mobile: r.mobile },
          select: { id: true },
        });
        await smsGiftCode(tx, orgName, { code, packageName: r.packageName, mobile: r.mobile, expiresAt: input.expiresAt });
      }
      return input.rows.length;
    },
    { timeout: 30_000 },
  );
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

/** A code's box is one unit of its line: it may not cost more than the order's per-head allowance. */
async function assertWithinAllowance(tx: Tx, orderId: string, lineId: string) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { allowance: { select: { name: true, perHeadFen: true } }, lines: { where: { id: lineId }, select: { unitPriceFen: true } } } });
  const price = order.lines[0]?.unitPriceFen ?? 0;
  if (order.allowance && price > order.allowance.perHeadFen) {
    throw new GiftCodeError(`每份 ${formatFen(price)}，超过「${order.allowance.name}」每人 ${formatFen(order.allowance.perHeadFen)} 的标准`);
  }
}

/** The codes file: each code with its full redemption link (the link opens the page with the code filled in). */
export function giftCodesCsv(codes: { code: string; packageName: string }[], expiresAt: Date, origin: string) {
  const until = businessDay(expiresAt);
  return toCsv(["兑换码", "礼盒", "有效期至", "兑换链接"], codes.map((c) => [c.code, c.packageName, until, redeemUrl(origin, c.code)]));
}

/**
 * Redeems a code once: marks it redeemed only if it is still unredeemed, unrevoked and unexpired
 * and its order is not cancelled, then gives the recipient a parcel from the gift's co-op, in one
 * transaction.
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
    const gift = await tx.giftCode.findUniqueOrThrow({
      where: { codeHash },
      select: { id: true, orderId: true, packageName: true, orderLine: { select: { id: true, product: { select: { coopId: true } } } } },
    });
    if (!gift.orderLine) throw new GiftCodeError(REDEEM_REFUSED); // a code from before codes named their line
    const [parcel] = await createParcels(tx, gift.orderId, [
      { coopId: gift.orderLine.product.coopId, source: "GIFT_CODE", address: input.address, items: [{ orderLineId: gift.orderLine.id, quantity: 1 }] },
    ]);
    await tx.giftCode.update({ where: { id: gift.id }, data: { parcelId: parcel.id } });
    const order = await tx.order.findUniqueOrThrow({ where: { id: gift.orderId }, select: { status: true } });
    return { packageName: giftName(gift.packageName), awaitingPayment: !PAID_STATUSES.includes(order.status as OrderStatus) };
  });
}

/**
 * What a code is for, before the employee gives an address: the gift's name, photo and weight
 * (never its SKU) and who sends it. Null for a code that cannot be redeemed now (unknown, used,
 * revoked, expired, order cancelled): the caller counts that as a failed attempt.
 */
export async function giftForCode(input: string, now = new Date()) {
  const code = normaliseGiftCode(input);
  if (!code) return null;
  const gift = await prisma.giftCode.findFirst({
    where: { codeHash: sha256(code), redeemedAt: null, revokedAt: null, expiresAt: { gt: now }, order: { status: { notIn: [...CLOSED_STATUSES] } } },
    select: {
      expiresAt: true,
      packageName: true,
      order: { select: { status: true, organization: { select: { name: true } } } },
      orderLine: { select: { productName: true, variantName: true, variant: { select: { weightGrams: true } }, product: { select: { images: { select: { url: true, alt: true, storageKey: true, widths: true, width: true, height: true }, orderBy: { position: "asc" }, take: 1 } } } } },
    },
  });
  if (!gift?.orderLine) return null;
  return {
    code,
    from: gift.order.organization?.name ?? "",
    productName: gift.orderLine.productName,
    variantName: gift.orderLine.variantName,
    weightGrams: gift.orderLine.variant.weightGrams,
    photo: gift.orderLine.product.images[0] ?? null,
    expiresOn: businessDay(gift.expiresAt),
    awaitingPayment: !PAID_STATUSES.includes(gift.order.status as OrderStatus),
  };
}

/**
 * An employee asks where their gift is: the code and the mobile it was sent to must both match a
 * redeemed code's parcel. Anything else is the one refusal (the caller throttles it like a wrong code).
 */
export async function giftStatus(input: { code: string; mobile: string }) {
  const code = normaliseGiftCode(input.code);
  const mobile = normaliseMobile(input.mobile);
  if (!code || !MOBILE_PATTERN.test(mobile)) throw new NotFoundError(STATUS_REFUSED);
  const gift = await prisma.giftCode.findUnique({
    where: { codeHash: sha256(code) },
    select: {
      packageName: true,
      redeemedAt: true,
      order: { select: { status: true } },
      parcel: { select: { mobile: true, recipient: true, city: true, district: true, status: true, courier: true, trackingNumber: true, shippedAt: true, deliveredAt: true, coop: { select: { name: true } } } },
    },
  });
  if (!gift?.parcel || gift.parcel.mobile !== mobile) throw new NotFoundError(STATUS_REFUSED);
  const p = gift.parcel;
  return {
    giftName: giftName(gift.packageName),
    recipient: p.recipient,
    place: `${p.city}${p.district}`,
    coop: p.coop.name,
    status: p.status === "PENDING" && !PAID_STATUSES.includes(gift.order.status as OrderStatus) ? "待单位付款后发货" : parcelStatusLabel(p.status),
    courier: p.courier,
    trackingNumber: p.trackingNumber,
    trackingUrl: trackingUrl(p.courier, p.trackingNumber),
    redeemedOn: gift.redeemedAt ? businessDay(gift.redeemedAt) : null,
    shippedOn: p.shippedAt ? businessDay(p.shippedAt) : null,
  };
}

/** One message for a code and mobile that do not match a redeemed gift. */
export const STATUS_REFUSED = "没有查到：请核对兑换码和兑换时填写的手机号。";

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

/** The words and Retry-After seconds for a client that must wait (redemption, its preview, the status lookup), or null. */
export async function redeemThrottle(client: string | null, now = new Date()) {
  const wait = await redeemWait(client, now);
  return wait > 0 ? { message: `尝试次数过多，请 ${waitText(wait)}后再试`, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } } : null;
}

export async function recordRedeemFailure(client: string | null, now = new Date()) {
  await recordFailures([redeemKey(client)], now);
}
