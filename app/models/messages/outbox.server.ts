// The outbox: every e-mail and SMS is written in the same transaction as the change it announces,
// so a notice exists exactly when its change does, and nothing is sent while a transaction is open.
// The sender (sender.server.ts) delivers the rows afterwards. Bodies are rendered here, once.
//
// The channel API for the rest of the store:
//   notify(tx, { userId, kind, email, sms })  a notice to an account, on the channels it chose;
//   queueEmail(tx, …) / queueSms(tx, …)       a message to an address or number with no account
//                                             (an invitation, a gift code to an employee, a login code);
//   prepareNotice(db, …) then writeNotice(tx, …)  notify in two halves, for a transaction that must
//                                             hold the database for its writes only (the payment):
//                                             reads and rendering before it, one INSERT inside.
import crypto from "node:crypto";
import { insertRows, raw, type PrismaClient, type Tx } from "~/db.server";
import { normaliseMobile } from "~/lib/phone";
import { siteUrl } from "~/lib/public-origin.server";
import { renderEmail, type EmailContent } from "~/models/messages/email-layout.server";
import { kindInfo, usesChannel, type NoticeKind } from "~/models/messages/kinds";
import { channelsFromStored } from "~/models/messages/preferences.server";
import { renderSms, SMS_TEMPLATES, type SmsParams, type SmsTemplateKey } from "~/models/messages/sms-templates";

export type { EmailContent };

export interface EmailMessage {
  to: string;
  kind: NoticeKind;
  userId?: string | null;
  subject: string;
  content: EmailContent;
}

export interface SmsMessage<K extends SmsTemplateKey = SmsTemplateKey> {
  to: string;
  kind: NoticeKind;
  userId?: string | null;
  template: K;
  params: SmsParams<K>;
}

// the one normalising rule lives with the other phone helpers; re-exported for the callers that
// already import it from here
export { normaliseMobile } from "~/lib/phone";

/** An OutboxMessage row ready to insert: everything read and rendered. */
export type PreparedMessage = {
  channel: "EMAIL" | "SMS";
  kind: NoticeKind;
  userId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  template?: string;
  params?: string;
};

function emailRow(message: EmailMessage): PreparedMessage {
  const info = kindInfo(message.kind);
  const { html, text } = renderEmail({
    subject: message.subject,
    content: message.content,
    siteUrl: siteUrl("/"),
    // Only a notice the person could turn off points to where they would do it.
    preferencesUrl: message.userId && info.choosable && !info.locked ? siteUrl("/account/notifications") : undefined,
  });
  return { channel: "EMAIL", kind: message.kind, userId: message.userId ?? null, to: message.to.trim(), subject: message.subject, text, html };
}

function smsRow<K extends SmsTemplateKey>(message: SmsMessage<K>): PreparedMessage {
  const { params, text } = renderSms(message.template, message.params);
  return {
    channel: "SMS",
    kind: message.kind,
    userId: message.userId ?? null,
    to: normaliseMobile(message.to),
    subject: SMS_TEMPLATES[message.template].name,
    text,
    template: message.template,
    params: JSON.stringify(params),
  };
}

async function insertMessage(tx: Tx, row: PreparedMessage) {
  const created = await tx.outboxMessage.create({ data: row, select: { id: true } });
  return created.id;
}

export async function queueEmail(tx: Tx, message: EmailMessage) {
  return insertMessage(tx, emailRow(message));
}

export async function queueSms<K extends SmsTemplateKey>(tx: Tx, message: SmsMessage<K>) {
  return insertMessage(tx, smsRow(message));
}

/**
 * A notice to an account holder, on each channel its kind uses and the person has on. E-mail goes to
 * the account's address; SMS to `sms.to` when given (a parcel's recipient) or the account's mobile.
 * Returns the ids of the messages queued (none when the person turned the kind off).
 */
export async function notify<K extends SmsTemplateKey>(
  tx: Tx,
  input: {
    userId: string;
    kind: NoticeKind;
    email?: { subject: string; content: EmailContent };
    sms?: { template: K; params: SmsParams<K>; to?: string | null };
  },
) {
  const ids: string[] = [];
  for (const row of await prepareNotice(tx, input)) ids.push(await insertMessage(tx, row));
  return ids;
}

/**
 * What notify would queue — the person's address and choices read, the bodies rendered — without
 * writing it. With `prisma` before a short transaction, then writeNotice inside it: a choice
 * changed in the milliseconds between applies to the next notice.
 */
export async function prepareNotice<K extends SmsTemplateKey>(
  db: Tx | PrismaClient,
  input: {
    userId: string;
    kind: NoticeKind;
    email?: { subject: string; content: EmailContent };
    sms?: { template: K; params: SmsParams<K>; to?: string | null };
  },
): Promise<PreparedMessage[]> {
  // One raw read of the address and the stored choice (every payment sends a notice; two Prisma
  // reads cost their query compiler over a millisecond). A test holds it to channelsFor.
  const [user] = await raw(db).query<{ email: string; phone: string | null; prefEmail: number | null; prefSms: number | null }>(
    `SELECT u."email", u."phone", p."email" AS "prefEmail", p."sms" AS "prefSms"
     FROM "User" u LEFT JOIN "NotificationPreference" p ON p."userId" = u."id" AND p."kind" = ? WHERE u."id" = ?`,
    input.kind,
    input.userId,
  );
  if (!user) throw new Error(`no user ${input.userId}`);
  const channels = channelsFromStored(input.kind, user.prefEmail === null ? null : { email: Boolean(user.prefEmail), sms: Boolean(user.prefSms) });
  const rows: PreparedMessage[] = [];
  if (input.email && channels.EMAIL) rows.push(emailRow({ to: user.email, kind: input.kind, userId: input.userId, ...input.email }));
  const mobile = input.sms?.to || user.phone;
  if (input.sms && channels.SMS && usesChannel(input.kind, "SMS") && mobile) {
    rows.push(smsRow({ to: mobile, kind: input.kind, userId: input.userId, template: input.sms.template, params: input.sms.params }));
  }
  return rows;
}

/** Writes prepared notices in one raw INSERT (no query compiler inside the transaction); returns their ids. */
export async function writeNotice(tx: Tx, rows: PreparedMessage[]) {
  const now = new Date();
  const withIds = rows.map((row) => ({
    id: crypto.randomUUID(),
    channel: row.channel,
    kind: row.kind,
    userId: row.userId,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html ?? null,
    template: row.template ?? null,
    params: row.params ?? null,
    status: "PENDING",
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }));
  await insertRows(tx, "OutboxMessage", withIds);
  return withIds.map((row) => row.id);
}
