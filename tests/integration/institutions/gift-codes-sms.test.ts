// Gift codes sent to employees' mobiles: the organisation uploads names and numbers; each row gets
// one code by SMS, delivered through the outbox to the (fake) SMS provider, and redeemable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { redeemGiftCode, reissueGiftCodes } from "~/models/institutions/gift-code.server";
import { deliverDue } from "~/models/messages/sender.server";
import * as orderPage from "~/routes/org.orders.$number";
import { makeOrganization, makeProduct, makeUser, makeWorld, payBulkOrder } from "../../factories";
import { cookieFor } from "../../requests";
import { startMessagingFakes } from "../../support/messaging";

let fakes: Awaited<ReturnType<typeof startMessagingFakes>>;
beforeAll(async () => {
  fakes = await startMessagingFakes();
});
afterAll(async () => {
  await fakes?.close();
});

const ADDRESS = { recipient: "王五", mobile: "13900139000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五四路 100 号" };

describe("gift codes by SMS", () => {
  it("reports every bad row and sends nothing; a clean list issues one code per employee and texts it", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "定西马铃薯礼盒", variants: [{ name: "精品装", priceFen: 8800, stock: 100, giftBox: true }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 10_000_000, name: "福州市鼓楼区总工会" });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const order = await submitBulkOrder({
      buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity: 3 }],
      header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
    });
    await payBulkOrder(prisma, order.id); // codes only against money (issue 16)
    const cookie = await cookieFor(buyer.id);
    const upload = async (text: string, expiresOn = "2099-01-31") => {
      const form = new FormData();
      form.append("intent", "gift-sms");
      form.append("expiresOn", expiresOn);
      form.append("file", new File([text], "staff.csv", { type: "text/csv" }));
      const response = (await orderPage.action({ request: new Request(`http://x/org/orders/${order.number}`, { method: "POST", headers: { Cookie: cookie }, body: form }), params: { number: order.number }, context: {} })) as Response;
      return { status: response.status, body: (await response.json()) as { giftRowErrors?: { row: number; column: string | null; message: string }[] } };
    };
    const bad = await upload(["姓名,手机号,礼盒", "张三,1380013800,精品装", ",13800138001,精品装", "李四,13800138002,豪华装", "赵六,+86 138 0013 8003,精品装", "钱七,13800138004,精品装", "孙八,13800138004,精品装"].join("\n"));
    expect(bad.status).toBe(400);
    // bad number, no name, unknown box, a leading + (read as a formula), the same mobile twice
    expect(bad.body.giftRowErrors!.map((e) => [e.row, e.column])).toEqual([[2, "B"], [3, "A"], [4, "C"], [5, "B"], [7, "B"]]);
    expect(await prisma.giftCode.count({ where: { orderId: order.id } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { channel: "SMS", kind: "gift" } })).toBe(0);
    const tooMany = await upload(["姓名,手机号,礼盒", ...Array.from({ length: 4 }, (_, i) => `员工${i},1380013810${i},精品装`)].join("\n"));
    expect(tooMany.body.giftRowErrors![0].message).toContain("需要 4 个兑换码，订单还可发放 3 个");

    const good = await upload(["姓名,手机号,礼盒", "张三,138 0013 8000,精品装", "赵六,86 138 0013 8003,精品装"].join("\n"));
    expect(good.status).toBe(200);
    const codes = await prisma.giftCode.findMany({ where: { orderId: order.id }, select: { mobile: true, recipientName: true } });
    expect(codes.map((c) => c.mobile).sort()).toEqual(["13800138000", "13800138003"]);

    await deliverDue({ transports: fakes.transports });
    const [text] = fakes.sms.to("13800138000");
    expect(text.templateCode).toBe("SMS_100002");
    expect(text.params).toMatchObject({ org: "福州市鼓楼区总工会", gift: "定西马铃薯礼盒·精品装", until: "2099-01-31" });
    // the code in the SMS is a real one: the employee redeems it
    await expect(redeemGiftCode({ code: text.params.code, address: ADDRESS })).resolves.toMatchObject({ packageName: expect.stringContaining("精品装") });

    // a lost batch is reissued: the other employee gets a new code by SMS, the old one stops working
    const old = fakes.sms.to("13800138003")[0].params.code;
    await reissueGiftCodes({ orderId: order.id, expiresAt: new Date("2099-02-28T15:59:59Z") });
    await deliverDue({ transports: fakes.transports });
    const texts = fakes.sms.to("13800138003");
    expect(texts).toHaveLength(2);
    expect(texts[1].params.code).not.toBe(old);
    await expect(redeemGiftCode({ code: old, address: ADDRESS })).rejects.toThrow();
    await expect(redeemGiftCode({ code: texts[1].params.code, address: ADDRESS })).resolves.toBeTruthy();
  });
});
