import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { giftCodeSummary, issueGiftCodes, recordRedeemFailure, redeemWait, REDEEM_POLICY, newGiftCode, normaliseGiftCode, redeemGiftCode, REDEEM_REFUSED, reissueGiftCodes } from "~/models/institutions/gift-code.server";
import { sha256 } from "~/lib/hash.server";
import { makeOrganization, makeProduct, makeUser, makeWorld, payBulkOrder } from "../../factories";
import { routeArgs } from "../../requests";

const ADDRESS = { recipient: "刘洋", mobile: "13700137000", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 88 号" };
const DAY = 86_400_000;

async function unionOrder(quantity: number) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "陇南花椒礼盒", variants: [{ priceFen: 8800, stock: 1000, giftBox: true }] });
  const org = await makeOrganization(prisma, { type: "UNION", approvalLimitFen: 0 });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const order = await submitBulkOrder({
    buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity }],
    header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
  });
  // codes only against money (issue 16)
  await payBulkOrder(prisma, order.id);
  const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
  return { order, line };
}

describe("gift codes", () => {
  it("are 16 characters of an unambiguous alphabet (80 bits), read back however typed", () => {
    const code = newGiftCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normaliseGiftCode(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    expect(normaliseGiftCode("ABCD-EFGH")).toBeNull();
    expect(new Set(Array.from({ length: 2000 }, newGiftCode)).size).toBe(2000);
  });

  it("stores only hashes, cannot exceed the order's boxes, and redeems once into a parcel from the gift's co-op", async () => {
    const { order, line } = await unionOrder(3);
    const codes = (await issueGiftCodes({ orderId: order.id, lineId: line.id, count: 3, expiresAt: new Date(Date.now() + 30 * DAY) })).map((c) => c.code);
    const stored = await prisma.giftCode.findMany({ where: { orderId: order.id } });
    expect(stored.map((s) => s.codeHash).sort()).toEqual(codes.map(sha256).sort());
    expect(stored.every((s) => !codes.includes(s.codeHash) && s.codeHint.length === 4)).toBe(true);
    await expect(issueGiftCodes({ orderId: order.id, lineId: line.id, count: 1, expiresAt: new Date(Date.now() + DAY) })).rejects.toThrow("还可发放 0 个");

    await redeemGiftCode({ code: codes[0], address: ADDRESS });
    await expect(redeemGiftCode({ code: codes[0], address: { ...ADDRESS, recipient: "冒领者" } })).rejects.toThrow(REDEEM_REFUSED);
    const parcels = await prisma.parcel.findMany({ where: { orderId: order.id }, include: { items: true, coop: { select: { products: { select: { id: true } } } } } });
    expect(parcels).toHaveLength(1);
    expect(parcels[0]).toMatchObject({ recipient: "刘洋", source: "GIFT_CODE", status: "PENDING", items: [{ orderLineId: line.id, quantity: 1 }] });
    expect(parcels[0].coop.products.map((p) => p.id)).toContain(line.productId);
    expect(await giftCodeSummary(order.id)).toEqual([expect.objectContaining({ issued: 3, redeemed: 1, unredeemed: 2, expired: 0 })]);
  });

  it("gives one winner when the same code is redeemed concurrently", async () => {
    const { order, line } = await unionOrder(1);
    const [{ code }] = await issueGiftCodes({ orderId: order.id, lineId: line.id, count: 1, expiresAt: new Date(Date.now() + DAY) });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => redeemGiftCode({ code, address: { ...ADDRESS, recipient: `员工${i}` } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.parcel.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("refuses unknown, expired and revoked codes with the same message; re-issue revokes the old list", async () => {
    const { order, line } = await unionOrder(2);
    const now = new Date();
    const codes = (await issueGiftCodes({ orderId: order.id, lineId: line.id, count: 2, expiresAt: new Date(now.getTime() + DAY) })).map((c) => c.code);
    await expect(redeemGiftCode({ code: newGiftCode(), address: ADDRESS })).rejects.toThrow(REDEEM_REFUSED);
    await expect(redeemGiftCode({ code: codes[0], address: ADDRESS, now: new Date(now.getTime() + 2 * DAY) })).rejects.toThrow(REDEEM_REFUSED);
    const fresh = await reissueGiftCodes({ orderId: order.id, expiresAt: new Date(now.getTime() + 10 * DAY) });
    expect(fresh).toHaveLength(2);
    await expect(redeemGiftCode({ code: codes[1], address: ADDRESS })).rejects.toThrow(REDEEM_REFUSED);
    await redeemGiftCode({ code: fresh[1].code, address: ADDRESS });
    expect(await giftCodeSummary(order.id)).toEqual([expect.objectContaining({ issued: 2, redeemed: 1, unredeemed: 1 })]);
  });

  it("a cancelled order's codes no longer redeem", async () => {
    const { order, line } = await unionOrder(1);
    const [{ code }] = await issueGiftCodes({ orderId: order.id, lineId: line.id, count: 1, expiresAt: new Date(Date.now() + DAY) });
    await prisma.order.update({ where: { id: order.id }, data: { status: "CANCELLED" } });
    await expect(redeemGiftCode({ code, address: ADDRESS })).rejects.toThrow(REDEEM_REFUSED);
    await expect(reissueGiftCodes({ orderId: order.id, expiresAt: new Date(Date.now() + DAY) })).rejects.toThrow("不能重新发放");
    expect(await prisma.giftCode.count({ where: { orderId: order.id, revokedAt: null } })).toBe(1);
  });

  it("makes a client wait after too many failed redemptions, never anyone else", async () => {
    for (let i = 0; i < REDEEM_POLICY.free - 1; i++) await recordRedeemFailure("203.0.113.9");
    expect(await redeemWait("203.0.113.9")).toBe(0);
    await recordRedeemFailure("203.0.113.9");
    expect(await redeemWait("203.0.113.9")).toBeGreaterThan(0);
    expect(await redeemWait("198.51.100.1")).toBe(0);
  });

  it("500 wrong codes from one client do not stop another client redeeming a real code", async () => {
    const { order, line } = await unionOrder(1);
    const [issued] = await issueGiftCodes({ orderId: order.id, lineId: line.id, count: 1, expiresAt: new Date(Date.now() + 30 * DAY) });
    const redeem = (await import("~/routes/gift.redeem")).action;
    const attempt = (code: string, clientAddress: string) =>
      redeem(routeArgs("/gift/redeem", { form: { code, ...ADDRESS }, clientAddress })) as Promise<Response>;
    for (let i = 0; i < 12; i++) await attempt(`WRNG-CODE-XXXX-${String(i).padStart(4, "0")}`, "203.0.113.66");
    await prisma.loginAttempt.createMany({ data: Array.from({ length: 500 }, () => ({ key: "gift:203.0.113.66", success: false })) });
    expect((await attempt("ABCD-EFGH-JKMN-PQRS", "203.0.113.66")).status).toBe(429);
    const ok = await attempt(issued.code, "198.51.100.20");
    expect(ok.status).toBe(200);
    expect(await prisma.giftCode.count({ where: { orderId: order.id, redeemedAt: { not: null } } })).toBe(1);
  });
});
