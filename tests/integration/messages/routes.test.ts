import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { devPagesEnabled } from "~/lib/dev-only.server";
import { notify, queueEmail, queueSms } from "~/models/messages/outbox.server";
import { channelsFor } from "~/models/messages/preferences.server";
import { shipParcel } from "~/models/parcels/shipping.server";
import * as notifications from "~/routes/account_.notifications";
import * as adminMessages from "~/routes/admin.messages";
import * as devMessages from "~/routes/dev.messages";
import { makePaidOrder, makeProduct, makeUser, makeWorld, uniq } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

async function failedSms(phone: string) {
  const id = await prisma.$transaction((tx) => queueSms(tx, { to: phone, kind: "gift", template: "login_code", params: { code: "123456", minutes: "5" } }));
  await prisma.outboxMessage.update({ where: { id }, data: { status: "FAILED", attempts: 1, lastError: `isv.MOBILE_NUMBER_ILLEGAL: 非法手机号 ${phone}` } });
  return id;
}

async function paidOrderWithMobile(buyerId: string, mobile: string) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000, stock: 10 }] });
  const order = await makePaidOrder(prisma, { buyerId, address: { recipient: "张三", mobile, province: "福建省", city: "福州市", district: "鼓楼区", street: "五四路 100 号" }, lines: [{ variantId: product.variants[0].id, quantity: 1 }] });
  const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: order.id }, select: { id: true } });
  return { ...order, parcelId: parcel.id };
}

describe("staff see the outbox at /admin/messages", () => {
  it("lists failed messages with numbers masked and sends one again (who may: route-permissions.test.ts)", async () => {
    const id = await failedSms("13912345678");
    const staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
    const page = (await (await adminMessages.loader(routeArgs("/admin/messages?status=failed", { cookie: staff }))).json()) as {
      counts: Record<string, number>;
      messages: { id: string; to: string; lastError: string; status: string }[];
    };
    const shown = page.messages.find((m) => m.id === id)!;
    expect(shown).toMatchObject({ to: "139****5678", status: "FAILED" });
    expect(shown.lastError).toBe("isv.MOBILE_NUMBER_ILLEGAL: 非法手机号 139****5678");
    expect(JSON.stringify(page)).not.toContain("13912345678");
    expect(page.counts.failed).toBeGreaterThanOrEqual(1);

    const resent = await responseOf(() => adminMessages.action(routeArgs("/admin/messages", { cookie: staff, form: { intent: "resend", id } })));
    expect(resent.status).toBe(200);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", attempts: 0 });
    // a message that is not failed cannot be "sent again"
    const again = await responseOf(() => adminMessages.action(routeArgs("/admin/messages", { cookie: staff, form: { intent: "resend", id } })));
    expect(again.status).toBe(404);
  });
});

describe("/dev/messages", () => {
  it("shows every message newest first, numbers masked, outside production only", async () => {
    const older = await prisma.$transaction((tx) =>
      queueEmail(tx, { to: "newcomer@example.test", kind: "invitation", subject: "邀请您加入", content: { paragraphs: ["请接受邀请。"], action: { label: "接受邀请", url: "/org/invite/abc" } } }),
    );
    await prisma.outboxMessage.update({ where: { id: older }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const newer = await failedSms("13800001111");
    const data = (await (await devMessages.loader(routeArgs("/dev/messages"))).json()) as { messages: { id: string; to: string; text: string }[] };
    const ids = data.messages.map((m) => m.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(data.messages.find((m) => m.id === older)!.text).toContain("接受邀请：http://localhost:3000/org/invite/abc");
    expect(data.messages.find((m) => m.id === newer)!.to).toBe("138****1111");
    expect(devPagesEnabled("development")).toBe(true);
    expect(devPagesEnabled("test")).toBe(true);
    expect(devPagesEnabled("production")).toBe(false); // and the browser suite asks the production build for it: 404
  });
});

describe("people choose their notices at /account/notifications", () => {
  it("saves e-mail and SMS choices; transactional notices stay on; a bad number is a field error", async () => {
    const user = await makeUser(prisma, { email: `${uniq("pref")}@example.test` });
    const cookie = await cookieFor(user.id);
    expect((await responseOf(() => notifications.loader(routeArgs("/account/notifications")))).status).toBe(302);

    const bad = await responseOf(() => notifications.action(routeArgs("/account/notifications", { cookie, form: { phone: "12345", presale_SMS: "on" } })));
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(badBody.errors.phone).toBe("请输入 11 位手机号码，或留空");
    expect(badBody.values).toMatchObject({ phone: "12345", presale_SMS: "on", order_EMAIL: "" });
    const noPhone = await responseOf(() => notifications.action(routeArgs("/account/notifications", { cookie, form: { phone: "", presale_SMS: "on" } })));
    expect(((await noPhone.json()) as { errors: Record<string, string> }).errors.phone).toBe("要接收短信通知，请填写手机号码");

    // Everything unticked, even the transactional ones someone might try to post off.
    const saved = await responseOf(() => notifications.action(routeArgs("/account/notifications", { cookie, form: { phone: "138 0013 8000", presale_EMAIL: "on" } })));
    expect(saved.status).toBe(200);
    expect(await channelsFor(prisma, user.id, "shipping")).toEqual({ EMAIL: false, SMS: false });
    expect(await channelsFor(prisma, user.id, "presale")).toEqual({ EMAIL: true, SMS: false });
    expect(await channelsFor(prisma, user.id, "payment")).toEqual({ EMAIL: true, SMS: true });
    expect(await channelsFor(prisma, user.id, "security")).toEqual({ EMAIL: true, SMS: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).phone).toBe("13800138000");
    const page = (await (await notifications.loader(routeArgs("/account/notifications", { cookie }))).json()) as { kinds: { kind: string; locked: boolean; on: Record<string, boolean> }[] };
    expect(page.kinds.find((k) => k.kind === "payment")).toMatchObject({ locked: true, on: { EMAIL: true } });
    expect(page.kinds.find((k) => k.kind === "order")).toMatchObject({ locked: false, on: { EMAIL: false } });
  });

  it("pre-sale and tour notices go only to people who opted in, to their own mobile; login codes always go", async () => {
    const quiet = await makeUser(prisma, { phone: "13600001111" });
    const keen = await makeUser(prisma, { phone: "13600002222" });
    await notifications.action(routeArgs("/account/notifications", { cookie: await cookieFor(keen.id), form: { phone: "13600002222", presale_SMS: "on", presale_EMAIL: "on" } }));
    const notice = { kind: "presale" as const, email: { subject: "花牛苹果预售开团", content: { paragraphs: ["天水花牛苹果预售今日开团。"], action: { label: "去看看", url: "/halls/tianjin" } } }, sms: { template: "notice" as const, params: { title: "花牛苹果预售", detail: "今日开团，产地直发" } } };
    const none = await prisma.$transaction((tx) => notify(tx, { userId: quiet.id, ...notice }));
    const both = await prisma.$transaction((tx) => notify(tx, { userId: keen.id, ...notice }));
    expect(none).toEqual([]);
    expect(both).toHaveLength(2);
    const sms = await prisma.outboxMessage.findFirstOrThrow({ where: { id: { in: both }, channel: "SMS" } });
    expect(sms).toMatchObject({ to: "13600002222", template: "notice", text: "花牛苹果预售：今日开团，产地直发。详情请登录陇货通查看。" });
    // a login code (a later feature) is a direct SMS to the number typed, whatever the settings say
    const code = await prisma.$transaction((tx) => queueSms(tx, { to: "+86 136 0000 1111", kind: "security", template: "login_code", params: { code: "482913", minutes: "5" } }));
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: code } })).toMatchObject({ to: "13600001111", channel: "SMS", status: "PENDING" });
  });

  it("a shipped order tells the buyer by e-mail and the parcel's mobile by SMS, as the buyer chose", async () => {
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const buyer = await makeUser(prisma, { email: `${uniq("ship")}@example.test`, name: "李四" });
    const first = await paidOrderWithMobile(buyer.id, "13700002222");
    await shipParcel({ coopId: null, actorId: staff.id, parcelId: first.parcelId, courier: "顺丰", trackingNumber: "SF1234567890123" });
    const sent = await prisma.outboxMessage.findMany({ where: { OR: [{ to: buyer.email }, { to: "13700002222" }] }, select: { channel: true, to: true, text: true, html: true, kind: true, userId: true } });
    expect(sent.map((m) => m.channel).sort()).toEqual(["EMAIL", "SMS"]);
    const mail = sent.find((m) => m.channel === "EMAIL")!;
    expect(mail.text).toContain("运单号：SF1234567890123");
    expect(mail.text).toContain(`查看物流进度：http://localhost:3000/orders/${first.number}`);
    expect(mail.html).toContain("/account/notifications"); // an optional notice says where to turn it off
    expect(sent.find((m) => m.channel === "SMS")!.text).toBe(`您的订单${first.number}已由顺丰发出，运单号SF1234567890123，请注意查收。`);

    // SMS off for shipping notices: the next parcel only e-mails.
    const cookie = await cookieFor(buyer.id);
    await notifications.action(routeArgs("/account/notifications", { cookie, form: { phone: "", shipping_EMAIL: "on", order_EMAIL: "on", approval_EMAIL: "on" } }));
    const second = await paidOrderWithMobile(buyer.id, "13700003333");
    await shipParcel({ coopId: null, actorId: staff.id, parcelId: second.parcelId, courier: "EMS", trackingNumber: "1012345678901" });
    expect(await prisma.outboxMessage.count({ where: { to: "13700003333" } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { to: buyer.email, subject: { contains: second.number } } })).toBe(1);
  });
});
