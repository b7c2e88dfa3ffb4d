import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { BulkOrderError, decideOrder, getOrgOrder, needsApproval, previewBulkOrder, submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { InvalidOrderError } from "~/models/orders/order.server";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";

const HEADER = { poNumber: "PO-1", costCentre: "工会", paymentMethod: "BANK_TRANSFER" as const, invoiceType: "PLAIN", invoiceTitle: "测试单位", invoiceTaxNo: "91350100MA1234567X" };

async function setup(opts: { limitFen?: number; priceFen?: number; stock?: number; minOrderQty?: number } = {}) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, {
    countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id,
    variants: [{ priceFen: opts.priceFen ?? 10000, stock: opts.stock ?? 1000, minOrderQty: opts.minOrderQty ?? 1, giftBox: true }],
  });
  const variant = product.variants[0];
  await prisma.priceTier.createMany({ data: [{ variantId: variant.id, minQty: 50, priceFen: 9500 }, { variantId: variant.id, minQty: 200, priceFen: 9000 }] });
  const org = await makeOrganization(prisma, { approvalLimitFen: opts.limitFen ?? 100000 });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const approver = await makeUser(prisma, { roles: ["org_approver"], organizationId: org.id });
  const admin = await makeUser(prisma, { roles: ["org_admin"], organizationId: org.id });
  return { w, product, variant, org, buyer, approver, admin };
}

const withRoles = (u: { id: string }, roles: ("org_buyer" | "org_approver" | "org_admin")[]) => ({ id: u.id, roles });

describe("volume prices", () => {
  it("switches tier exactly at 50 and 200 units, and an organisation-only price only for that organisation", async () => {
    const s = await setup();
    const other = await makeOrganization(prisma);
    await prisma.priceTier.create({ data: { variantId: s.variant.id, minQty: 100, priceFen: 8800, organizationId: s.org.id } });
    const price = async (orgId: string, quantity: number) =>
      (await previewBulkOrder(orgId, [{ row: 0, sku: s.variant.sku, quantity }])).lines[0].unitPriceFen;
    expect(await price(s.org.id, 49)).toBe(10000);
    expect(await price(s.org.id, 50)).toBe(9500);
    expect(await price(s.org.id, 99)).toBe(9500);
    expect(await price(s.org.id, 100)).toBe(8800);
    expect(await price(other.id, 100)).toBe(9500);
    expect(await price(other.id, 199)).toBe(9500);
    expect(await price(other.id, 200)).toBe(9000);
    // The preview names the next cheaper tier so the buyer sees what more units would cost.
    const preview = await previewBulkOrder(other.id, [{ row: 0, sku: s.variant.sku, quantity: 49 }]);
    expect(preview.lines[0].nextTier).toEqual({ minQty: 50, priceFen: 9500 });
    expect(preview.totalFen).toBe(49 * 10000);
  });

  it("the submitted order is priced like the preview", async () => {
    const s = await setup({ limitFen: 10_000_000 });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 200 }], header: HEADER });
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true, kind: true, poNumber: true, invoiceRequest: { select: { type: true } }, paymentRef: true } });
    expect(saved).toMatchObject({ totalFen: 200 * 9000, kind: "BULK", poNumber: "PO-1", invoiceRequest: { type: "PLAIN" }, paymentRef: `DG${order.number}` });
  });

  it("reports unknown SKUs, below-minimum and over-stock quantities per row; placeOrder refuses below the minimum", async () => {
    const s = await setup({ minOrderQty: 10, stock: 30 });
    const preview = await previewBulkOrder(s.org.id, [
      { row: 0, sku: s.variant.sku, quantity: 9 },
      { row: 1, sku: "NO-SUCH-SKU", quantity: 5 },
    ]);
    expect(preview.errors).toEqual({ qty_0: "起订量为 10", sku_1: "没有 SKU 为 NO-SUCH-SKU 的在售商品" });
    expect((await previewBulkOrder(s.org.id, [{ row: 3, sku: s.variant.sku, quantity: 31 }])).errors).toEqual({ qty_3: "库存仅剩 30" });
    await expect(submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 9 }], header: HEADER })).rejects.toBeInstanceOf(InvalidOrderError);
  });
});

describe("approval rules", () => {
  it("needs approval above the limit, not at or below it; a limit of 0 means always", () => {
    expect(needsApproval(100000, 100000)).toBe(false);
    expect(needsApproval(100001, 100000)).toBe(true);
    expect(needsApproval(1, 0)).toBe(true);
  });

  it("an order within the limit goes straight to payment and reserves stock", async () => {
    const s = await setup({ limitFen: 100000, stock: 100 });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 10 }], header: HEADER });
    expect(order.autoApproved).toBe(true);
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, reservedUntil: true } });
    expect(saved.status).toBe("PENDING_PAYMENT");
    expect(saved.reservedUntil).not.toBeNull();
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(90);
  });

  it("an order above the limit waits; a buyer cannot approve, an approver cannot approve their own order, another approver can", async () => {
    const s = await setup({ limitFen: 100000, stock: 100 });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 11 }], header: HEADER });
    expect(order.autoApproved).toBe(false);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(100);
    const decide = (user: { id: string; roles: ("org_buyer" | "org_approver" | "org_admin")[] }, intent: "approve" | "return", comment = "") =>
      decideOrder({ organizationId: s.org.id, number: order.number, user, intent, comment });
    await expect(decide(withRoles(s.buyer, ["org_buyer"]), "approve")).rejects.toThrow("不能审批自己提交的订单");
    const colleague = await makeUser(prisma, { roles: ["org_buyer"], organizationId: s.org.id });
    await expect(decide(withRoles(colleague, ["org_buyer"]), "approve")).rejects.toBeInstanceOf(BulkOrderError);
    // An approver who is also the order's buyer may not approve it either.
    const approverBuyer = await makeUser(prisma, { roles: ["org_buyer", "org_approver"], organizationId: s.org.id });
    const own = await submitBulkOrder({ buyer: approverBuyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 11 }], header: HEADER });
    await expect(decideOrder({ organizationId: s.org.id, number: own.number, user: withRoles(approverBuyer, ["org_buyer", "org_approver"]), intent: "approve", comment: "" })).rejects.toThrow("不能审批自己提交的订单");

    await expect(decide(withRoles(s.approver, ["org_approver"]), "return")).rejects.toThrow("退回时请填写意见");
    await decide(withRoles(s.approver, ["org_approver"]), "return", "请补充成本中心");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("RETURNED");
    await decideOrder({ organizationId: s.org.id, number: order.number, user: withRoles(s.buyer, ["org_buyer"]), intent: "resubmit", comment: "已补充" });
    await decide(withRoles(s.approver, ["org_approver"]), "approve", "同意");
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, events: { orderBy: { createdAt: "asc" }, select: { toStatus: true, note: true } } } });
    expect(saved.status).toBe("PENDING_PAYMENT");
    expect(saved.events.map((e) => e.toStatus)).toEqual(["PENDING_APPROVAL", "RETURNED", "PENDING_APPROVAL", "PENDING_PAYMENT"]);
    expect(saved.events[1].note).toContain("请补充成本中心");
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(89);
    // Approving twice does nothing more.
    await expect(decide(withRoles(s.approver, ["org_approver"]), "approve")).rejects.toBeInstanceOf(BulkOrderError);
  });

  it("e-mails each step: approvers when an order waits, the buyer when it is returned and when it is to be paid", async () => {
    const s = await setup({ limitFen: 100000, stock: 100 });
    const origin = "https://lht.example";
    const inbox = async (to: string) => prisma.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 11 }], header: HEADER, origin });

    for (const approver of [s.approver, s.admin]) {
      const [mail] = await inbox(approver.email);
      expect(mail.subject).toBe(`采购订单 ${order.number} 待您审批`);
      expect(mail.text).toContain(`${origin}/org/orders/${order.number}`);
      expect(mail.text).toContain("¥1,100.00");
    }
    expect(await inbox(s.buyer.email)).toEqual([]); // the buyer is not asked to approve their own order

    const decide = (user: { id: string }, intent: "approve" | "return" | "resubmit", comment = "") =>
      decideOrder({ organizationId: s.org.id, number: order.number, user: withRoles(user, ["org_approver", "org_buyer"]), intent, comment, origin });
    await decide(s.approver, "return", "请补充成本中心");
    expect((await inbox(s.buyer.email)).map((m) => m.subject)).toEqual([`采购订单 ${order.number} 被退回`]);
    expect((await inbox(s.buyer.email))[0].text).toContain("请补充成本中心");
    await decide(s.buyer, "resubmit");
    expect(await inbox(s.approver.email)).toHaveLength(2);
    await decide(s.approver, "approve");

    const due = (await inbox(s.buyer.email))[1];
    expect(due.subject).toBe(`采购订单 ${order.number} 已通过审批，请付款`);
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { paymentRef: true } });
    for (const fact of ["¥1,100.00", "收款单位：", "银行账号：", `付款备注（务必填写）：${saved.paymentRef}`, "北京时间"]) expect(due.text).toContain(fact);

    // within the limit: no approver is asked, the buyer gets the payment notice at once
    const small = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 2 }], header: { ...HEADER, paymentMethod: "CARD" }, origin });
    expect(await inbox(s.approver.email)).toHaveLength(2);
    const card = (await inbox(s.buyer.email)).at(-1)!;
    expect(card.subject).toBe(`采购订单 ${small.number} 待付款`);
    expect(card.text).toContain("金额在单位审批额度内，无需审批");
    expect(card.text).toContain("请登录后在线付款 ¥200.00");
    expect(card.text).toContain(`在线付款：${origin}/org/orders/${small.number}`);
  });

  it("an order within the limit that stock can no longer fill is cancelled, not left behind", async () => {
    const s = await setup({ limitFen: 10_000_000, stock: 5 });
    await expect(submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 6 }], header: HEADER })).rejects.toThrow("库存刚刚不足");
    const orders = await prisma.order.findMany({ where: { organizationId: s.org.id }, select: { status: true } });
    expect(orders).toEqual([{ status: "CANCELLED" }]);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(5);
  });

  it("two approvers approving at once reserve the stock once", async () => {
    const s = await setup({ limitFen: 0, stock: 100 });
    const second = await makeUser(prisma, { roles: ["org_approver"], organizationId: s.org.id });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 30 }], header: HEADER });
    const results = await Promise.allSettled(
      [s.approver, second].map((u) => decideOrder({ organizationId: s.org.id, number: order.number, user: withRoles(u, ["org_approver"]), intent: "approve", comment: "" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(70);
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, toStatus: "PENDING_PAYMENT" } })).toBe(1);
  });

  it("an unverified organisation cannot order", async () => {
    const s = await setup();
    const pending = await makeOrganization(prisma, { status: "PENDING" });
    await expect(submitBulkOrder({ buyer: s.buyer, organization: pending, lines: [{ variantId: s.variant.id, quantity: 1 }], header: HEADER })).rejects.toThrow("尚未通过平台审核");
  });
});

describe("organisation isolation", () => {
  it("another organisation's order is unknown to every role of this one", async () => {
    const a = await setup();
    const b = await setup();
    const orderB = await submitBulkOrder({ buyer: b.buyer, organization: b.org, lines: [{ variantId: b.variant.id, quantity: 20 }], header: HEADER });
    expect(await getOrgOrder(a.org.id, orderB.number)).toBeNull();
    for (const [user, roles] of [[a.buyer, ["org_buyer"]], [a.approver, ["org_approver"]], [a.admin, ["org_admin"]]] as const) {
      for (const intent of ["approve", "return", "resubmit", "cancel"] as const) {
        expect(await decideOrder({ organizationId: a.org.id, number: orderB.number, user: { id: user.id, roles: [...roles] }, intent, comment: "x" })).toBeNull();
      }
    }
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderB.id } })).status).toBe("PENDING_APPROVAL");
  });
});

describe("bank transfer", () => {
  it("staff record the receipt: a part leaves it waiting, the rest pays it once, the same serial counts once, the ledger is written", async () => {
    const s = await setup({ limitFen: 10_000_000 });
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 60 }], header: HEADER });
    const input = { orderNumber: `DG${order.number}`, amountFen: 60 * 9500 - 100, bankSerial: "ABC123456", receivedOn: new Date(), staffId: staff.id };
    expect(await recordBankTransfer(input)).toMatchObject({ result: "partial" });
    expect(await recordBankTransfer(input)).toMatchObject({ result: "duplicate" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");
    expect(await recordBankTransfer({ ...input, amountFen: 100, bankSerial: "ABC123457" })).toMatchObject({ result: "paid" });
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, paymentMethod: true, payments: { select: { provider: true, providerRef: true, amountFen: true } } } });
    expect(saved).toMatchObject({ status: "PAID", paymentMethod: "BANK_TRANSFER", payments: [{ provider: "bank", providerRef: `bank:${order.number}`, amountFen: 60 * 9500 }] });
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: order.id }, level: "COUNTY" } })).toBe(1);
  });

  it("an order still awaiting approval cannot be marked paid", async () => {
    const s = await setup({ limitFen: 0 });
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const order = await submitBulkOrder({ buyer: s.buyer, organization: s.org, lines: [{ variantId: s.variant.id, quantity: 1 }], header: HEADER });
    await expect(recordBankTransfer({ orderNumber: order.number, amountFen: 10000, bankSerial: "X0001", receivedOn: new Date(), staffId: staff.id })).rejects.toThrow("尚未审批通过");
  });
});
