// A sender that dies between handing a message to the provider and recording it: the message
// reached the SMTP server, the row still says SENDING. It must not be sent again on its own.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { listMessages, resendMessage } from "~/models/messages/message-log.server";
import { queueEmail } from "~/models/messages/outbox.server";
import { ABANDONED_REASON, deliverDue, leaseMs } from "~/models/messages/sender.server";
import { startMessagingFakes } from "../../support/messaging";

const ROOT = path.resolve(import.meta.dirname, "../../..");
let fakes: Awaited<ReturnType<typeof startMessagingFakes>>;
beforeAll(async () => {
  fakes = await startMessagingFakes();
});
afterAll(async () => {
  await fakes?.close();
});

describe("a sender killed between send and record", () => {
  it("leaves the message delivered once and marked 未确认 for staff, who may send it again", async () => {
    const id = await prisma.$transaction((tx) =>
      queueEmail(tx, { to: "approver@example.test", kind: "invitation", subject: "采购订单待您审批", content: { paragraphs: ["请审批。"] } }),
    );
    // `npm run mailer --once` in its own process, against this test's database and the fake SMTP
    // server, which kills it the moment the whole message has arrived and before it says 250.
    // (node with tsx's loader, not the tsx CLI, which would run the script in a grandchild)
    const mailer = spawn(process.execPath, ["--import", "tsx", "scripts/mailer.ts", "--once"], {
      cwd: ROOT,
      env: { ...process.env, SMTP_URL: fakes.smtp.url, MAIL_FROM: "陇货通 <noreply@longhuo.test>", MESSAGE_TIMEOUT_SECONDS: "30" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    mailer.stdout.on("data", (c) => (output += c));
    mailer.stderr.on("data", (c) => (output += c));
    fakes.smtp.hang(true);
    fakes.smtp.beforeAck(() => {
      mailer.kill("SIGKILL");
    });
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) => mailer.on("exit", (code, signal) => resolve(signal ?? code)));
    fakes.smtp.beforeAck(null);
    fakes.smtp.hang(false);
    expect(exit, output).toBe("SIGKILL");
    expect(fakes.smtp.received.filter((m) => m.messageId === `<${id}@longhuo.test>`)).toHaveLength(1);
    const claimed = await prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(claimed).toMatchObject({ status: "SENDING", attempts: 1, sentAt: null });

    // Another sender right away: the row is claimed by someone, so it is left alone.
    await deliverDue({ transports: fakes.transports });
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("SENDING");
    // Once the claim is older than any send could take, it is given up as 未确认 — not resent.
    const later = new Date(claimed.claimedAt!.getTime() + leaseMs(30_000) + 1000);
    const report = await deliverDue({ transports: fakes.transports, timeoutMs: 30_000, now: () => later });
    expect(report.abandoned).toBe(1);
    const unknown = await prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(unknown).toMatchObject({ status: "UNKNOWN", lastError: ABANDONED_REASON });
    await deliverDue({ transports: fakes.transports, now: () => new Date(later.getTime() + 86_400_000) });
    expect(fakes.smtp.received.filter((m) => m.messageId === `<${id}@longhuo.test>`)).toHaveLength(1);

    // Staff see it among the failures and choose to send it again: same Message-ID.
    const failed = await listMessages("failed");
    expect(failed.messages.map((m) => m.id)).toContain(id);
    await resendMessage(id);
    await expect(resendMessage(id)).rejects.toThrow("没有这条失败的消息");
    await deliverDue({ transports: fakes.transports });
    expect(fakes.smtp.received.filter((m) => m.messageId === `<${id}@longhuo.test>`)).toHaveLength(2);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
  }, 90_000);
});
