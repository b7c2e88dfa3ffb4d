import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { queueEmail, queueSms } from "~/models/messages/outbox.server";
import { backoffMs, deliverDue, MAX_ATTEMPTS } from "~/models/messages/sender.server";
import { uniq } from "../../factories";
import { startMessagingFakes } from "../../support/messaging";

let fakes: Awaited<ReturnType<typeof startMessagingFakes>>;
beforeAll(async () => {
  fakes = await startMessagingFakes({ timeoutMs: 1500 });
});
afterAll(async () => {
  await fakes?.close();
});

const email = (to: string, subject = "测试通知") =>
  prisma.$transaction((tx) =>
    queueEmail(tx, { to, kind: "invitation", subject, content: { greeting: "您好：", paragraphs: ["这是一封测试邮件。"], action: { label: "打开订单", url: "/orders/LH-1" } } }),
  );
const sms = (to: string, gift = "花牛苹果礼盒") =>
  prisma.$transaction((tx) => queueSms(tx, { to, kind: "gift", template: "gift_code", params: { org: "福州市鼓楼区机关事务服务中心", gift, code: "ABCD-EFGH-JKMN-PQRS", until: "2027-01-31" } }));
const row = (id: string) => prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const mobile = () => `139${String(Date.now() % 1e8).padStart(8, "0")}`.slice(0, 11);
const at = (date: Date) => () => date;

describe("the sender delivers the outbox", () => {
  it("sends an e-mail over SMTP (HTML and text, absolute links, Message-ID from the row) and an SMS through the signed provider API, and records both", async () => {
    const to = `${uniq("buyer")}@example.test`;
    const phone = "13800138000";
    const emailId = await email(to, "订单 LH-1 已发货");
    const smsId = await sms(phone);
    const report = await deliverDue({ transports: fakes.transports });
    expect(report.sent).toBeGreaterThanOrEqual(2);

    const [mail] = fakes.smtp.to(to);
    expect(mail.subject).toBe("订单 LH-1 已发货");
    expect(mail.messageId).toBe(`<${emailId}@longhuo.test>`);
    expect(mail.from).toContain("noreply@longhuo.test");
    expect(mail.text).toContain("打开订单：http://localhost:3000/orders/LH-1");
    expect(mail.html).toContain('href="http://localhost:3000/orders/LH-1"');
    expect(mail.html).toContain("陇货通");
    const sentMail = await row(emailId);
    expect(sentMail).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(sentMail.sentAt).not.toBeNull();
    expect(sentMail.providerId).toContain(`<${emailId}@longhuo.test>`);
    expect(sentMail.providerId).toContain("queued as");

    const [text] = fakes.sms.to(phone);
    expect(text).toMatchObject({ outId: smsId, signName: "陇货通", templateCode: "SMS_100002" });
    expect(text.params.code).toBe("ABCD-EFGH-JKMN-PQRS");
    expect(await row(smsId)).toMatchObject({ status: "SENT", providerId: text.bizId });
  });

  it("shortens a template parameter longer than the provider allows instead of having it refused", async () => {
    const phone = mobile();
    const long = "甘肃定西渭源县高山有机马铃薯与当归黄芪中药材组合礼盒（春节特供·每盒十斤装）";
    const id = await sms(phone, long);
    const stored = JSON.parse((await row(id)).params!) as Record<string, string>;
    expect([...stored.gift]).toHaveLength(35);
    expect(stored.gift.endsWith("…")).toBe(true);
    await deliverDue({ transports: fakes.transports });
    expect(await row(id)).toMatchObject({ status: "SENT" });
    expect(fakes.sms.to(phone)[0].params.gift).toBe(stored.gift);
    expect((await row(id)).text).toContain(stored.gift);
  });

  it("retries after a refused connection with exponential backoff, and gives up after the limit", async () => {
    const to = `${uniq("retry")}@example.test`;
    const id = await email(to);
    await fakes.smtp.stop();
    try {
      const t0 = new Date();
      await deliverDue({ transports: fakes.transports, now: at(t0) });
      let r = await row(id);
      expect(r).toMatchObject({ status: "PENDING", attempts: 1 });
      expect(r.lastError).toMatch(/ECONNREFUSED/);
      expect(r.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
      // not due yet: nothing is attempted
      await deliverDue({ transports: fakes.transports, now: at(new Date(t0.getTime() + backoffMs(1) - 1)) });
      expect((await row(id)).attempts).toBe(1);
      await deliverDue({ transports: fakes.transports, now: at(new Date(t0.getTime() + backoffMs(1))) });
      r = await row(id);
      expect(r).toMatchObject({ status: "PENDING", attempts: 2 });
      expect(r.nextAttemptAt.getTime() - (t0.getTime() + backoffMs(1))).toBe(backoffMs(2));
      expect(backoffMs(2)).toBe(2 * backoffMs(1));
    } finally {
      await fakes.smtp.start();
    }
    await deliverDue({ transports: fakes.transports, now: at(new Date(Date.now() + 3_600_000)) });
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 3 });
    expect(fakes.smtp.to(to)).toHaveLength(1);

    // a server that stays away: FAILED after MAX_ATTEMPTS, with the reason
    const lost = await email(`${uniq("lost")}@example.test`);
    await fakes.smtp.stop();
    try {
      let clock = Date.now() + 2 * 3_600_000;
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await deliverDue({ transports: fakes.transports, now: at(new Date(clock)) });
        clock += 3_600_000;
      }
    } finally {
      await fakes.smtp.start();
    }
    const gaveUp = await row(lost);
    expect(gaveUp).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    expect(gaveUp.lastError).toMatch(new RegExp(`已尝试 ${MAX_ATTEMPTS} 次仍未发出.*ECONNREFUSED`));
  });

  it("marks a refused address or number failed with the provider's reason and still delivers the rest", async () => {
    const bad = `${uniq("nobody")}@example.test`;
    const good = `${uniq("somebody")}@example.test`;
    const badPhone = "13700000001";
    const goodPhone = "13700000002";
    fakes.smtp.refuse(bad, "No such user here");
    fakes.sms.refuse(badPhone);
    const ids = { bad: await email(bad), good: await email(good), badPhone: await sms(badPhone), goodPhone: await sms(goodPhone) };
    await deliverDue({ transports: fakes.transports });
    const refusedMail = await row(ids.bad);
    expect(refusedMail.status).toBe("FAILED");
    expect(refusedMail.lastError).toMatch(/550.*No such user here/);
    const refusedSms = await row(ids.badPhone);
    expect(refusedSms.status).toBe("FAILED");
    expect(refusedSms.lastError).toContain("isv.MOBILE_NUMBER_ILLEGAL");
    // the provider quoted the number; what is stored is masked
    expect(refusedSms.lastError).toContain("137****0001");
    expect(refusedSms.lastError).not.toContain(badPhone);
    expect((await row(ids.good)).status).toBe("SENT");
    expect((await row(ids.goodPhone)).status).toBe("SENT");
    expect(fakes.smtp.to(bad)).toHaveLength(0);
  });

  it("retries a throttled SMS (the provider said it did not send)", async () => {
    const phone = "13600000003";
    const id = await sms(phone);
    fakes.sms.throttle(1);
    await deliverDue({ transports: fakes.transports });
    expect(await row(id)).toMatchObject({ status: "PENDING", attempts: 1 });
    expect((await row(id)).lastError).toContain("isv.BUSINESS_LIMIT_CONTROL");
    await deliverDue({ transports: fakes.transports, now: at(new Date(Date.now() + backoffMs(1) + 1000)) });
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2 });
    expect(fakes.sms.to(phone)).toHaveLength(1);
  });

  it("cuts off a provider that hangs: the message is left 未确认 (never resent on its own) and the others go out", async () => {
    const hanging = "13500000004";
    const fine = "13500000005";
    fakes.sms.hang(hanging);
    const ids = { hanging: await sms(hanging), fine: await sms(fine) };
    const lines: string[] = [];
    const report = await deliverDue({ transports: fakes.transports, timeoutMs: 500, log: (l) => lines.push(l) });
    expect(report.unknown).toBeGreaterThanOrEqual(1);
    const stuck = await row(ids.hanging);
    expect(stuck.status).toBe("UNKNOWN");
    expect(stuck.lastError).toContain("超时");
    expect((await row(ids.fine)).status).toBe("SENT");
    await deliverDue({ transports: fakes.transports, now: at(new Date(Date.now() + 86_400_000)) });
    expect((await row(ids.hanging)).status).toBe("UNKNOWN");
    // numbers are masked in the sender's log
    expect(lines.some((l) => l.includes("135****0004"))).toBe(true);
    expect(lines.join("\n")).not.toMatch(/1350000000[45]/);
  });

  it("cuts off an SMTP server that never acknowledges the message", async () => {
    const to = `${uniq("slow")}@example.test`;
    const id = await email(to);
    fakes.smtp.hang(true);
    try {
      await deliverDue({ transports: fakes.transports, timeoutMs: 500 });
    } finally {
      fakes.smtp.hang(false);
    }
    const r = await row(id);
    expect(r.status).toBe("UNKNOWN");
  });

  it("sends each message once when two senders race for the same rows", async () => {
    const batch = uniq("race");
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await email(`${batch}-${i}@example.test`));
    for (let i = 0; i < 6; i++) ids.push(await sms(`1590000${String(1000 + i)}`));
    const before = { mail: fakes.smtp.received.length, sms: fakes.sms.received.length };
    const [a, b] = await Promise.all([deliverDue({ transports: fakes.transports }), deliverDue({ transports: fakes.transports })]);
    expect(a.claimed + b.claimed).toBe(ids.length);
    const rows = await prisma.outboxMessage.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
    const mails = fakes.smtp.received.slice(before.mail).map((m) => m.messageId);
    expect(mails).toHaveLength(12);
    expect(new Set(mails).size).toBe(12);
    const texts = fakes.sms.received.slice(before.sms).map((m) => m.outId);
    expect(texts).toHaveLength(6);
    expect(new Set(texts).size).toBe(6);
  });
});

describe("a delivered code does not stay readable in the outbox", () => {
  it("reduces a sent gift code to its last characters (production does this by default)", async () => {
    const phone = "13300000009";
    const id = await sms(phone);
    await deliverDue({ transports: fakes.transports, redactSecrets: true });
    expect(fakes.sms.to(phone)[0].params.code).toBe("ABCD-EFGH-JKMN-PQRS");
    const stored = await row(id);
    expect(JSON.parse(stored.params!).code).toBe("••••PQRS");
    expect(stored.text).not.toContain("ABCD-EFGH");
    expect(stored.text).toContain("兑换码••••PQRS");
  });
});

describe("an SMTP server that accepts the connection and never greets", () => {
  it("is retried: nothing can have been sent before the greeting", async () => {
    const net = await import("node:net");
    const silent = net.createServer(() => {}); // holds the socket, says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const { createEmailTransport } = await import("~/models/messages/email-transport.server");
    const port = (silent.address() as import("node:net").AddressInfo).port;
    const mute = createEmailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "陇货通 <noreply@longhuo.test>", timeoutMs: 1000 });
    try {
      const id = await email(`${uniq("mute")}@example.test`);
      await deliverDue({ transports: { ...fakes.transports, email: mute.send }, timeoutMs: 1000 });
      const r = await row(id);
      expect(r.status).toBe("PENDING");
      expect(r.lastError).toMatch(/ETIMEDOUT/);
    } finally {
      mute.close();
      silent.close();
    }
  });
});
