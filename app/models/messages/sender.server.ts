// The sender: delivers outbox rows, at most once each (decision 0009).
//
//   1. claim   — one conditional UPDATE moves due PENDING rows to SENDING under a fresh claim token;
//                a row another sender claimed first no longer matches, so two senders (threads,
//                worker processes, `npm run mailer`) never both send it;
//   2. send    — outside any transaction, with a timeout, the message id derived from the row;
//   3. record  — SENT with the provider's id, or FAILED with its reason, or back to PENDING with an
//                exponential backoff while attempts remain, or UNKNOWN when the provider may have
//                taken it; each update is conditional on the claim token.
// A row left in SENDING (the process died between send and record) is never sent again on its own:
// after the lease it becomes UNKNOWN, and staff decide at /admin/messages whether to send it again.
import crypto from "node:crypto";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { maskMobile, maskMobilesIn } from "~/lib/phone";
import { DeliveryFailure, type Transports } from "~/models/messages/delivery.server";
import { createEmailTransport } from "~/models/messages/email-transport.server";
import { createSmsProvider } from "~/models/messages/sms-provider.server";
import { isSmsTemplateKey, redactSecrets } from "~/models/messages/sms-templates";

/** Attempts before a message that keeps failing to connect is given up as FAILED. */
export const MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 30_000;

/** Wait before attempt n+1 after n attempts: 30 s, 1 min, 2 min, 4 min, 8 min. */
export function backoffMs(attempts: number) {
  return BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);
}

/** How long a claimed row may stay SENDING before it is taken for abandoned (a generous multiple of the send timeout). */
export function leaseMs(timeoutMs: number) {
  return 2 * timeoutMs + 60_000;
}

export const ABANDONED_REASON = "发送过程中断（进程退出或超时），无法确认对方是否已收到，未自动重发。请按消息编号到服务商后台核对后，再决定是否重新发送。";

export interface DeliveryOptions {
  transports: Transports;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  batchSize?: number;
  /** Deliveries in flight at once: one hanging provider does not hold up the rest. */
  concurrency?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Reduce a delivered SMS's secrets (gift and login codes) to their last characters; on in production. */
  redactSecrets?: boolean;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  unknown: number;
  abandoned: number;
}

const rowSelect = { id: true, channel: true, to: true, subject: true, text: true, html: true, template: true, params: true, attempts: true } as const;

/** One pass: mark abandoned claims, claim what is due, deliver it, record each outcome. */
export async function deliverDue(options: DeliveryOptions): Promise<DeliveryReport> {
  const clock = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? env().MESSAGE_TIMEOUT_SECONDS * 1000;
  const log = options.log ?? (() => {});
  const redact = options.redactSecrets ?? env().NODE_ENV === "production";
  const report: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, unknown: 0, abandoned: 0 };

  const start = clock();
  const abandoned = await prisma.outboxMessage.updateMany({
    where: { status: "SENDING", claimedAt: { lt: new Date(start.getTime() - leaseMs(timeoutMs)) } },
    data: { status: "UNKNOWN", lastError: ABANDONED_REASON },
  });
  report.abandoned = abandoned.count;

  const due = await prisma.outboxMessage.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: start } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: options.batchSize ?? 50,
    select: { id: true },
  });
  if (due.length === 0) return report;
  const claimToken = crypto.randomUUID();
  await prisma.outboxMessage.updateMany({
    where: { id: { in: due.map((d) => d.id) }, status: "PENDING", nextAttemptAt: { lte: start } },
    data: { status: "SENDING", claimToken, claimedAt: start, attempts: { increment: 1 } },
  });
  const rows = await prisma.outboxMessage.findMany({ where: { claimToken, status: "SENDING" }, select: rowSelect });
  report.claimed = rows.length;

  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const outcome = await attempt(row, options.transports, timeoutMs);
      const status = await persistently(() => record(row, claimToken, outcome, clock(), redact));
      report[status === "SENT" ? "sent" : status === "PENDING" ? "retrying" : status === "FAILED" ? "failed" : "unknown"] += 1;
      const who = row.channel === "SMS" ? maskMobile(row.to) : row.to;
      log(`[mailer] ${row.channel} ${row.id} → ${who}「${row.subject}」: ${status}${"reason" in outcome ? ` (${maskMobilesIn(outcome.reason)})` : ""}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, rows.length) }, worker));
  return report;
}

type Outcome = { kind: "sent"; providerId: string } | { kind: DeliveryFailure["kind"]; reason: string };

async function attempt(row: { id: string; channel: string; to: string; subject: string; text: string; html: string | null; template: string | null; params: string | null }, transports: Transports, timeoutMs: number): Promise<Outcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    if (row.channel === "EMAIL") {
      return { kind: "sent", providerId: await transports.email({ id: row.id, to: row.to, subject: row.subject, text: row.text, html: row.html }, signal) };
    }
    if (row.channel === "SMS" && row.template && isSmsTemplateKey(row.template)) {
      const params = JSON.parse(row.params ?? "{}") as Record<string, string>;
      return { kind: "sent", providerId: await transports.sms({ id: row.id, to: row.to, template: row.template, params }, signal) };
    }
    return { kind: "refused", reason: `无法识别的消息（${row.channel} ${row.template ?? ""}）` };
  } catch (error) {
    if (error instanceof DeliveryFailure) return { kind: error.kind, reason: error.reason };
    // A bug or an unexpected throw inside a transport: we cannot say what left the process.
    return { kind: "unknown", reason: `发送时出错：${(error as Error).message}`.slice(0, 500) };
  }
}

/**
 * Recording is retried a few times (it is conditional on the claim, so repeating it is harmless):
 * a message already handed to the provider whose outcome fails to save on a busy database would
 * otherwise end as 未确认 and need a person, although it was sent.
 */
async function persistently<T>(write: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** i));
    }
  }
}

type ClaimedRow = { id: string; attempts: number; channel: string; template: string | null; params: string | null; text: string };

async function record(row: ClaimedRow, claimToken: string, outcome: Outcome, now: Date, redact: boolean) {
  // A sender that outlived its lease may still record what it learnt, over UNKNOWN; never over a
  // row staff have since queued again (that row has a new claim token, or none).
  const where = { id: row.id, claimToken, status: { in: ["SENDING", "UNKNOWN"] } };
  const attempts = row.attempts; // read after the claim, which counted this attempt
  if (outcome.kind === "sent") {
    const hidden = redact && row.channel === "SMS" && row.template && isSmsTemplateKey(row.template) ? redactSecrets(row.template, JSON.parse(row.params ?? "{}"), row.text) : null;
    await prisma.outboxMessage.updateMany({
      where,
      data: { status: "SENT", sentAt: now, providerId: outcome.providerId, lastError: null, ...(hidden ? { params: JSON.stringify(hidden.params), text: hidden.text } : {}) },
    });
    return "SENT" as const;
  }
  const reason = maskMobilesIn(outcome.reason);
  if (outcome.kind === "retry" && attempts < MAX_ATTEMPTS) {
    await prisma.outboxMessage.updateMany({ where, data: { status: "PENDING", claimToken: null, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), lastError: reason } });
    return "PENDING" as const;
  }
  if (outcome.kind === "unknown") {
    await prisma.outboxMessage.updateMany({ where, data: { status: "UNKNOWN", lastError: reason } });
    return "UNKNOWN" as const;
  }
  const final = outcome.kind === "retry" ? `已尝试 ${attempts} 次仍未发出：${reason}` : reason;
  await prisma.outboxMessage.updateMany({ where, data: { status: "FAILED", lastError: final } });
  return "FAILED" as const;
}

/** The transports this process's configuration names (SMTP and the SMS provider, or the development captures). */
export function configuredTransports() {
  const email = createEmailTransport();
  const sms = createSmsProvider();
  return {
    transports: { email: email.send, sms: sms.send } satisfies Transports,
    describe: `e-mail ${email.captured ? "captured (no SMTP_URL)" : "via SMTP"}, SMS ${sms.name === "dev" ? "captured (no SMS_PROVIDER)" : `via ${sms.name}`}`,
    close: () => email.close(),
  };
}

const globalForSender = globalThis as unknown as { __messageSender?: NodeJS.Timeout };

/**
 * Delivers the outbox on a timer in this process (unref'd). Safe in every one of several worker
 * processes: claiming decides which of them sends a row. MESSAGE_SEND_INTERVAL_SECONDS=0 turns it
 * off where `npm run mailer` does the work instead.
 */
export function startMessageSender() {
  const seconds = env().MESSAGE_SEND_INTERVAL_SECONDS;
  if (globalForSender.__messageSender || seconds === 0 || env().NODE_ENV === "test") return;
  const { transports, describe } = configuredTransports();
  console.log(`[mailer] delivering the outbox every ${seconds} s: ${describe}`);
  let running = false;
  globalForSender.__messageSender = setInterval(() => {
    if (running) return;
    running = true;
    deliverDue({ transports, log: (line) => console.log(line) })
      .catch((error) => console.error("[mailer] failed:", error))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  globalForSender.__messageSender.unref();
}
