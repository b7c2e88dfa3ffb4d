// An order is split into one parcel per co-op (its own address) and one per recipient imported or
// gift code redeemed; each co-op ships its own, and the order follows its parcels.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { allowCodesBeforePayment, issueGiftCodes, redeemGiftCode } from "~/models/institutions/gift-code.server";
import { checkRecipientFile, importRecipients } from "~/models/institutions/recipients.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { confirmReceipt, shipParcel } from "~/models/parcels/shipping.server";
import { createParcels, planPaidOrderSplit, writePlannedSplit } from "~/models/parcels/split.server";
import { coopParcels } from "~/models/parcels/view.server";
import { makeOrganization, makeUser } from "../../factories";
import { ADDRESS, threeCoops } from "../../support/parcels";

const orderStatus = async (id: string) => (await prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const tracking = (n: number) => `SF${String(1_000_000_000_000 + n)}`;

describe("splitting an order into parcels", () => {
  it("one retail order from three co-ops: three parcels, each shipped by its co-op; the order is shipped when all are, delivered when all are received", async () => {
    const s = await threeCoops();
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", address: ADDRESS, lines: s.variants.map((v, i) => ({ variantId: v.id, quantity: i + 1 })) });
    expect(await prisma.parcel.count({ where: { orderId: placed.id } })).toBe(0); // nothing to pack before payment
    const total = (await prisma.order.findUniqueOrThrow({ where: { id: placed.id } })).totalFen;
    await markOrderPaid({ orderId: placed.id, method: "TEST", provider: "test", amountFen: total });
    await markOrderPaid({ orderId: placed.id, method: "TEST", provider: "test", amountFen: total }); // a repeated webhook splits nothing twice

    const parcels = await prisma.parcel.findMany({ where: { orderId: placed.id }, orderBy: { seq: "asc" }, include: { items: { include: { orderLine: true } } } });
    expect(parcels).toHaveLength(3);
    expect(parcels.map((p) => p.seq)).toEqual([1, 2, 3]);
    for (const p of parcels) {
      expect(p).toMatchObject({ source: "ORDER", status: "PENDING", recipient: ADDRESS.recipient, street: ADDRESS.street });
      expect(p.items).toHaveLength(1);
      const i = s.coops.findIndex((c) => c.id === p.coopId);
      expect(p.items[0].orderLine.variantId).toBe(s.variants[i].id);
      expect(p.items[0].quantity).toBe(i + 1);
    }
    // each co-op sees only its own parcel to pack
    for (const [i, coop] of s.coops.entries()) {
      const list = await coopParcels(coop.id, "pending");
      expect(list.parcels.map((p) => p.id)).toEqual([parcels.find((p) => p.coopId === coop.id)!.id]);
      expect(list.parcels[0].code).toBe(`${placed.number}-${parcels.find((p) => p.coopId === coop.id)!.seq}`);
      expect(i).toBeGreaterThanOrEqual(0);
    }
    // a co-op cannot ship another's parcel
    const [first, second, third] = parcels;
    const managerOf = (coopId: string) => s.managers[s.coops.findIndex((c) => c.id === coopId)];
    await expect(shipParcel({ coopId: second.coopId, actorId: managerOf(second.coopId).id, parcelId: first.id, courier: "顺丰", trackingNumber: tracking(1) })).rejects.toThrow("没有这个包裹");

    await shipParcel({ coopId: first.coopId, actorId: managerOf(first.coopId).id, parcelId: first.id, courier: "顺丰", trackingNumber: tracking(1) });
    await shipParcel({ coopId: second.coopId, actorId: managerOf(second.coopId).id, parcelId: second.id, courier: "京东", trackingNumber: "JDVA01234567890" });
    expect(await orderStatus(placed.id)).toBe("PAID");
    await shipParcel({ coopId: third.coopId, actorId: managerOf(third.coopId).id, parcelId: third.id, courier: "邮政", trackingNumber: "9812345678901" });
    expect(await orderStatus(placed.id)).toBe("SHIPPED");
    expect(await prisma.outboxMessage.count({ where: { to: s.buyer.email, subject: { contains: "已发货" } } })).toBe(3);

    await confirmReceipt({ parcelId: first.id, buyerId: s.buyer.id });
    await confirmReceipt({ parcelId: second.id, buyerId: s.buyer.id });
    expect(await orderStatus(placed.id)).toBe("SHIPPED");
    const other = await makeUser(prisma);
    await expect(confirmReceipt({ parcelId: third.id, buyerId: other.id })).rejects.toThrow("没有这个包裹");
    await confirmReceipt({ parcelId: third.id, buyerId: s.buyer.id });
    expect(await orderStatus(placed.id)).toBe("DELIVERED");
  });

  it("an institution order: one parcel per imported recipient and per redeemed code, from the line's co-op; it ships once every box has a parcel and every parcel has shipped", async () => {
    const s = await threeCoops();
    const org = await makeOrganization(prisma, { type: "UNION", approvalLimitFen: 100_000_000 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const order = await submitBulkOrder({
      buyer,
      organization: org,
      lines: [{ variantId: s.variants[0].id, quantity: 4 }, { variantId: s.variants[1].id, quantity: 3 }],
      header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
    });
    const lines = await prisma.orderLine.findMany({ where: { orderId: order.id }, include: { variant: true } });
    const lineA = lines.find((l) => l.variantId === s.variants[0].id)!;
    const lineB = lines.find((l) => l.variantId === s.variants[1].id)!;
    const header = "姓名,手机号,省份,城市,区县,详细地址,礼盒,数量";
    const csv = [header, `张三,13800138001,福建省,福州市,鼓楼区,五四路 100 号,${lineA.variant.sku},2`, `李四,13800138002,福建省,福州市,台江区,工业路 5 号,${lineA.variant.sku},1`, `王五,13800138003,福建省,厦门市,思明区,中山路 9 号,${lineB.variant.sku},2`].join("\n");
    const checked = await checkRecipientFile(order.id, "r.csv", new TextEncoder().encode(csv));
    expect(checked.errors).toEqual([]);
    await importRecipients(order.id, checked.rows);
    // codes only against money, or before it when an org admin chooses so (issue 16): their parcels wait
    await allowCodesBeforePayment({ organizationId: org.id, orderId: order.id });
    const [codeA] = await issueGiftCodes({ orderId: order.id, lineId: lineA.id, count: 1, expiresAt: new Date(Date.now() + 86_400_000) });
    const [codeB] = await issueGiftCodes({ orderId: order.id, lineId: lineB.id, count: 1, expiresAt: new Date(Date.now() + 86_400_000) });
    await redeemGiftCode({ code: codeA.code, address: { ...ADDRESS, recipient: "赵六" } });

    // before payment the co-ops see nothing to pack
    expect((await coopParcels(s.coops[0].id, "pending")).total).toBe(0);
    const total = (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).totalFen;
    await recordBankTransfer({ orderNumber: order.number, amountFen: total, bankSerial: "SPLIT-1", receivedOn: new Date(), staffId: s.staff.id });

    const parcels = await prisma.parcel.findMany({ where: { orderId: order.id }, orderBy: { seq: "asc" }, include: { items: true } });
    expect(parcels.map((p) => [p.recipient, p.source, p.coopId, p.items[0].quantity])).toEqual([
      ["张三", "RECIPIENT", s.coops[0].id, 2],
      ["李四", "RECIPIENT", s.coops[0].id, 1],
      ["王五", "RECIPIENT", s.coops[1].id, 2],
      ["赵六", "GIFT_CODE", s.coops[0].id, 1],
    ]);
    expect((await coopParcels(s.coops[0].id, "pending")).total).toBe(3);
    expect((await coopParcels(s.coops[1].id, "pending")).total).toBe(1);

    for (const [i, p] of parcels.entries()) {
      await shipParcel({ coopId: p.coopId, actorId: s.managers[s.coops.findIndex((c) => c.id === p.coopId)].id, parcelId: p.id, courier: "顺丰", trackingNumber: tracking(10 + i) });
    }
    // one box of B is still held by an unredeemed code: the order has not shipped in full
    expect(await orderStatus(order.id)).toBe("PAID");
    await redeemGiftCode({ code: codeB.code, address: { ...ADDRESS, recipient: "钱七" } });
    const last = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id, recipient: "钱七" } });
    expect(last).toMatchObject({ coopId: s.coops[1].id, seq: 5, status: "PENDING" });
    await shipParcel({ coopId: null, actorId: s.staff.id, parcelId: last.id, courier: "中通", trackingNumber: "75123456789012" });
    expect(await orderStatus(order.id)).toBe("SHIPPED");
  });

  it("a split planned before the payment's transaction is worked out again if the order's parcels changed meanwhile", async () => {
    const s = await threeCoops();
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 5 }] });
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: placed.id }, select: { id: true } });
    const plan = await planPaidOrderSplit(prisma, placed.id);
    expect(plan.parcels.map((p) => p.items)).toEqual([[{ orderLineId: line.id, quantity: 5 }]]);
    // between the plan and the transaction, 2 units go to a recipient's parcel
    await prisma.$transaction((tx) => createParcels(tx, placed.id, [{ coopId: s.coops[0].id, source: "RECIPIENT", address: ADDRESS, items: [{ orderLineId: line.id, quantity: 2 }] }]));
    await prisma.$transaction((tx) => writePlannedSplit(tx, plan));
    const parcels = await prisma.parcel.findMany({ where: { orderId: placed.id }, orderBy: { seq: "asc" }, select: { seq: true, source: true, items: { select: { quantity: true } } } });
    expect(parcels).toEqual([
      { seq: 1, source: "RECIPIENT", items: [{ quantity: 2 }] },
      { seq: 2, source: "ORDER", items: [{ quantity: 3 }] },
    ]);
  });
});
