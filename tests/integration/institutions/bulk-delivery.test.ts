// Issue 16: an institution's holiday order reaches every employee — shipping per recipient, real
// addresses, imports that can be corrected, codes only against money, allowances per head.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { setConsignee } from "~/models/institutions/consignee.server";
import { allowCodesBeforePayment, CODES_NEED_PAYMENT, giftForCode, giftStatus, issueGiftCodes, redeemGiftCode, redeemUrl, giftCodesCsv, sendGiftCodesBySms, STATUS_REFUSED } from "~/models/institutions/gift-code.server";
import { checkRecipientFile, deliveryListCsv, importRecipients, orderPackages, removeRecipient } from "~/models/institutions/recipients.server";
import { createAllowance, setOrderAllowance, spendPerHead } from "~/models/institutions/welfare.server";
import { shipParcel, shipParcels } from "~/models/parcels/shipping.server";
import { makeOrganization, makeProduct, makeUser, makeWorld, payBulkOrder } from "../../factories";
import { routeArgs } from "../../requests";

const HEADER = "姓名,手机号,省份,城市,区县,详细地址,礼盒,数量";
const enc = (s: string) => new TextEncoder().encode(s);
const DAY = 86_400_000;
const ADDRESS = { recipient: "刘洋", mobile: "13700137000", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 88 号" };

async function unionOrder(quantity = 10, priceFen = 25_000) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "渭源党参礼盒", variants: [{ name: "精品装", priceFen, stock: 1000, giftBox: true, weightGrams: 2500 }] });
  const org = await makeOrganization(prisma, { type: "UNION", approvalLimitFen: 100_000_000 });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const manager = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
  const order = await submitBulkOrder({
    buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity }],
    header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
  });
  const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
  return { order, line, sku: product.variants[0].sku, variantId: product.variants[0].id, org, buyer, coop: w.coop, manager };
}

const row = (sku: string, name: string, mobile: string, o: Partial<Record<"province" | "city" | "district" | "qty", string>> = {}) =>
  [name, mobile, o.province ?? "福建省", o.city ?? "福州市", o.district ?? "鼓楼区", "五四路 100 号", sku, o.qty ?? "1"].join(",");

async function importCsv(orderId: string, lines: string[], mode = {}) {
  const checked = await checkRecipientFile(orderId, "r.csv", enc([HEADER, ...lines].join("\n")), mode);
  if (checked.errors.length) return { checked, count: 0 };
  // every row already there: nothing to save (the page says so)
  return { checked, count: checked.rows.length ? await importRecipients(orderId, checked.rows, mode) : 0 };
}

const books = async (orderId: string, variantId: string) => ({
  stock: (await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).stock,
  ledger: await prisma.attributionEntry.aggregate({ where: { orderLine: { orderId } }, _sum: { amountFen: true }, _count: true }),
});

describe("delivering an institution order", () => {
  it("ships a parcel per imported recipient and per redeemed code, each by its co-op with its own tracking number; stock and ledger stay as paid", async () => {
    const u = await unionOrder(3);
    await importCsv(u.order.id, [row(u.sku, "张三", "13800138001"), row(u.sku, "李四", "13800138002")]);
    await payBulkOrder(prisma, u.order.id);
    const [gift] = await issueGiftCodes({ orderId: u.order.id, lineId: u.line.id, count: 1, expiresAt: new Date(Date.now() + 30 * DAY) });
    await redeemGiftCode({ code: gift.code, address: ADDRESS });
    const paid = await books(u.order.id, u.variantId);

    const parcels = await prisma.parcel.findMany({ where: { orderId: u.order.id }, orderBy: { seq: "asc" } });
    expect(parcels.map((p) => [p.recipient, p.source, p.coopId])).toEqual([["张三", "RECIPIENT", u.coop.id], ["李四", "RECIPIENT", u.coop.id], ["刘洋", "GIFT_CODE", u.coop.id]]);
    await shipParcels({ coopId: u.coop.id, actorId: u.manager.id, parcels: parcels.slice(0, 2).map((p, i) => ({ parcelId: p.id, courier: "顺丰", trackingNumber: `SF100000000000${i}` })) });
    // the last by staff on the co-op's behalf
    const staff = await makeUser(prisma, { roles: ["staff"] });
    await shipParcel({ coopId: null, actorId: staff.id, parcelId: parcels[2].id, courier: "中通", trackingNumber: "75123456789012" });

    expect((await prisma.order.findUniqueOrThrow({ where: { id: u.order.id } })).status).toBe("SHIPPED");
    expect(await books(u.order.id, u.variantId)).toEqual(paid);
    const csv = await deliveryListCsv(u.order.id);
    expect(csv).toContain("顺丰,SF1000000000000,已发货");
    expect(csv).toContain("刘洋");
    expect(csv).toContain("中通,75123456789012,已发货");
    expect(await giftStatus({ code: gift.code, mobile: "+86 137 0013 7000" })).toMatchObject({ status: "已发货", courier: "中通", trackingNumber: "75123456789012" });
    await expect(giftStatus({ code: gift.code, mobile: "13900000000" })).rejects.toThrow(STATUS_REFUSED);
  });

  it("goes to one consignee entered on the order: set after payment, its parcel is made at once, per co-op", async () => {
    const u = await unionOrder(5);
    await payBulkOrder(prisma, u.order.id);
    const canteen = { recipient: "鼓楼区机关食堂", mobile: "13800138000", province: "福建", city: "福州", district: "鼓楼", street: "五四路 100 号食堂" };
    await expect(setConsignee({ organizationId: u.org.id, orderId: u.order.id, address: { ...canteen, province: "火星省" } })).rejects.toMatchObject({ field: "province" });
    expect(await setConsignee({ organizationId: u.org.id, orderId: u.order.id, address: canteen })).toEqual({ parcels: 1 });
    const [parcel] = await prisma.parcel.findMany({ where: { orderId: u.order.id }, include: { items: true } });
    expect(parcel).toMatchObject({ source: "ORDER", province: "福建省", city: "福州市", district: "鼓楼区", items: [expect.objectContaining({ quantity: 5 })] });
    expect((await orderPackages(u.order.id))[0].available).toBe(0);
  });
});

describe("addresses that exist", () => {
  it("refuses 台湾省, 火星省 and a city 火星 by row and column; official names are saved", async () => {
    const u = await unionOrder(5);
    const { checked } = await importCsv(u.order.id, [
      row(u.sku, "甲", "13800138001", { province: "台湾省", city: "台北市", district: "中正区" }),
      row(u.sku, "乙", "13800138002", { province: "火星省" }),
      row(u.sku, "丙", "13800138003", { city: "火星" }),
      row(u.sku, "丁", "13800138004", { district: "火星区" }),
    ]);
    expect(checked.errors.map((e) => [e.row, e.column, e.field])).toEqual([[2, "C", "省份"], [3, "C", "省份"], [4, "D", "城市"], [5, "E", "区县"]]);
    expect(checked.errors[0].message).toContain("港澳台");
    expect(await prisma.parcel.count({ where: { orderId: u.order.id } })).toBe(0);
    const ok = await importCsv(u.order.id, [row(u.sku, "戊", "138 0013 8005", { province: "甘肃", city: "天水", district: "麦积" })]);
    expect(ok.count).toBe(1);
    expect(await prisma.parcel.findFirstOrThrow({ where: { orderId: u.order.id } })).toMatchObject({ mobile: "13800138005", province: "甘肃省", city: "天水市", district: "麦积区" });
  });

  it("the redemption form refuses an address on Mars beside the province, and redeems nothing", async () => {
    const u = await unionOrder(1);
    await payBulkOrder(prisma, u.order.id);
    const [gift] = await issueGiftCodes({ orderId: u.order.id, lineId: u.line.id, count: 1, expiresAt: new Date(Date.now() + DAY) });
    const { action } = await import("~/routes/gift.redeem");
    const bad = (await action(routeArgs("/gift/redeem", { form: { code: gift.code, ...ADDRESS, province: "火星省" } }))) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ province: expect.stringContaining("火星省") });
    expect(await prisma.parcel.count({ where: { orderId: u.order.id } })).toBe(0);
    const good = (await action(routeArgs("/gift/redeem", { form: { code: gift.code, ...ADDRESS, mobile: "+86 137-0013-7000" } }))) as Response;
    expect(good.status).toBe(200);
    expect(await prisma.parcel.findFirstOrThrow({ where: { orderId: u.order.id } })).toMatchObject({ mobile: "13700137000", province: "山东省" });
  });
});

describe("imports that can be corrected", () => {
  it("the same file twice adds nobody; a duplicate in the file is refused by row; a row can be removed; a replaced file supersedes the old one", async () => {
    const u = await unionOrder(10);
    const file = [row(u.sku, "张三", "13800138001"), row(u.sku, "李四", "13800138002", { qty: "2" })];
    expect((await importCsv(u.order.id, file)).count).toBe(2);
    const again = await importCsv(u.order.id, file);
    expect(again).toMatchObject({ count: 0, checked: { errors: [], skipped: 2 } });
    expect((await orderPackages(u.order.id))[0]).toMatchObject({ available: 7, quantity: 10 });

    const dup = await importCsv(u.order.id, [row(u.sku, "王五", "13800138003"), row(u.sku, "王五", "13800138003")]);
    expect(dup.checked.errors).toEqual([expect.objectContaining({ row: 3, column: "B", message: expect.stringContaining("与第 2 行重复") })]);
    const changed = await importCsv(u.order.id, [row(u.sku, "张三", "13800138001", { qty: "3" })]);
    expect(changed.checked.errors[0]).toMatchObject({ row: 2, column: "B", message: expect.stringContaining("已在名单中") });

    const zhang = await prisma.parcel.findFirstOrThrow({ where: { orderId: u.order.id, recipient: "张三" } });
    await removeRecipient(u.order.id, zhang.id);
    expect((await orderPackages(u.order.id))[0].available).toBe(8);

    const replaced = await importCsv(u.order.id, [row(u.sku, "赵六", "13800138006", { qty: "4" })], { replace: true });
    expect(replaced.count).toBe(1);
    expect((await prisma.parcel.findMany({ where: { orderId: u.order.id } })).map((p) => p.recipient)).toEqual(["赵六"]);
    expect((await orderPackages(u.order.id))[0].available).toBe(6);
  });

  it("replacing is refused once a parcel of the order has shipped, and nothing changes", async () => {
    const u = await unionOrder(4);
    await importCsv(u.order.id, [row(u.sku, "张三", "13800138001"), row(u.sku, "李四", "13800138002")]);
    await payBulkOrder(prisma, u.order.id);
    const first = await prisma.parcel.findFirstOrThrow({ where: { orderId: u.order.id, recipient: "张三" } });
    await shipParcel({ coopId: u.coop.id, actorId: u.manager.id, parcelId: first.id, courier: "顺丰", trackingNumber: "SF1000000000009" });
    const checked = await checkRecipientFile(u.order.id, "r.csv", enc([HEADER, row(u.sku, "赵六", "13800138006")].join("\n")), { replace: true });
    await expect(importRecipients(u.order.id, checked.rows, { replace: true })).rejects.toThrow("已有包裹发出");
    const li = await prisma.parcel.findFirstOrThrow({ where: { orderId: u.order.id, recipient: "李四" } });
    await expect(removeRecipient(u.order.id, li.id)).rejects.toThrow("已有包裹发出");
    expect(await prisma.parcel.count({ where: { orderId: u.order.id } })).toBe(2);
  });
});

describe("gift codes only against money", () => {
  it("refuses codes before payment, by download and by SMS; after payment the file carries the full link", async () => {
    const u = await unionOrder(3);
    const expiresAt = new Date(Date.now() + 30 * DAY);
    await expect(issueGiftCodes({ orderId: u.order.id, lineId: u.line.id, count: 1, expiresAt })).rejects.toThrow(CODES_NEED_PAYMENT);
    await expect(sendGiftCodesBySms({ orderId: u.order.id, rows: [{ row: 2, name: "张三", mobile: "13800138001", lineId: u.line.id, packageName: "x" }], expiresAt })).rejects.toThrow(CODES_NEED_PAYMENT);
    expect(await prisma.giftCode.count({ where: { orderId: u.order.id } })).toBe(0);
    await payBulkOrder(prisma, u.order.id);
    const codes = await issueGiftCodes({ orderId: u.order.id, lineId: u.line.id, count: 2, expiresAt });
    const csv = giftCodesCsv(codes, expiresAt, "https://longhuo.example");
    expect(csv).toContain(`https://longhuo.example/gift/redeem?code=${codes[0].code}`);
    expect(redeemUrl("https://longhuo.example/", "AB")).toBe("https://longhuo.example/gift/redeem?code=AB");
    // the page shows the gift before the address, without the SKU
    const shown = await giftForCode(codes[0].code.toLowerCase());
    expect(shown).toMatchObject({ productName: "渭源党参礼盒", variantName: "精品装", weightGrams: 2500, awaitingPayment: false });
    expect(JSON.stringify(shown)).not.toContain(u.sku);
    expect(await giftForCode("ABCD-EFGH-JKMN-PQRS")).toBeNull();
  });

  it("pay-later, chosen by the org admin of a verified organisation: codes redeem, but their parcels ship only once paid", async () => {
    const u = await unionOrder(2);
    const unverified = await makeOrganization(prisma, { status: "PENDING" });
    await expect(allowCodesBeforePayment({ organizationId: unverified.id, orderId: u.order.id })).rejects.toThrow("通过平台认证");
    await allowCodesBeforePayment({ organizationId: u.org.id, orderId: u.order.id });
    const [gift] = await issueGiftCodes({ orderId: u.order.id, lineId: u.line.id, count: 1, expiresAt: new Date(Date.now() + DAY) });
    expect((await giftForCode(gift.code))?.awaitingPayment).toBe(true);
    expect(await redeemGiftCode({ code: gift.code, address: ADDRESS })).toMatchObject({ awaitingPayment: true });
    const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: u.order.id } });
    await expect(shipParcel({ coopId: u.coop.id, actorId: u.manager.id, parcelId: parcel.id, courier: "顺丰", trackingNumber: "SF1000000000001" })).rejects.toThrow("未付款");
    expect(await giftStatus({ code: gift.code, mobile: ADDRESS.mobile })).toMatchObject({ status: "待单位付款后发货" });
    await payBulkOrder(prisma, u.order.id);
    await shipParcel({ coopId: u.coop.id, actorId: u.manager.id, parcelId: parcel.id, courier: "顺丰", trackingNumber: "SF1000000000001" });
    expect((await prisma.parcel.findUniqueOrThrow({ where: { id: parcel.id } })).status).toBe("SHIPPED");
  });
});

describe("union welfare per head", () => {
  it("the import checks each recipient's share against the allowance, by row; the page's spend per head follows", async () => {
    const u = await unionOrder(10, 15_000); // ¥150 a box
    const { id } = await createAllowance({ organizationId: u.org.id, name: "春节慰问品", perHeadFen: 30_000 });
    await setOrderAllowance({ organizationId: u.org.id, orderId: u.order.id, allowanceId: id });
    const over = await importCsv(u.order.id, [row(u.sku, "张三", "13800138001", { qty: "2" }), row(u.sku, "李四", "13800138002", { qty: "3" })]);
    expect(over.checked.errors).toEqual([expect.objectContaining({ row: 3, column: "H", message: expect.stringContaining("超过「春节慰问品」每人 ¥300.00") })]);
    expect(await prisma.parcel.count({ where: { orderId: u.order.id } })).toBe(0);
    await importCsv(u.order.id, [row(u.sku, "张三", "13800138001", { qty: "2" }), row(u.sku, "李四", "13800138002")]);
    expect(await spendPerHead(u.order.id)).toMatchObject({ heads: 2, totalFen: 45_000, averageFen: 22_500, maxFen: 30_000, over: 0 });
    // a second standard below what someone already gets cannot be applied
    const small = await createAllowance({ organizationId: u.org.id, name: "中秋慰问品", perHeadFen: 20_000 });
    await expect(setOrderAllowance({ organizationId: u.org.id, orderId: u.order.id, allowanceId: small.id })).rejects.toThrow("已有 1 人超过");
    await expect(createAllowance({ organizationId: u.org.id, name: "春节慰问品", perHeadFen: 1 })).rejects.toThrow("已有名为");
  });
});
