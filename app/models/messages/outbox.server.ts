// The outbox: every e-mail and SMS is written in the same transaction as the change it announces,
// so a notice exists exactly when its change does, and nothing is sent while a transaction is open.
// The sender (sender.server.ts) delivers the rows afterwards. Bodies are rendered here, once.
//
// The channel API for the rest of the store:
//   notify(tx, { userId, kind, email, sms })  a notice to an account, on the channels it chose;
//   queueEmail(tx, …) / queueSms(tx, …)       a message to an address or number with no account
//                                             (an invitation, a gift code to an employee, a login code).
import type { Tx } from "~/db.server";
import { siteUrl } from "~/lib/public-origin.server";
import { renderEmail, type EmailContent } from "~/models/messages/email-layout.server";
import { kindInfo, usesChannel, type NoticeKind } from "~/models/messages/kinds";
import { channelsFor } from "~/models/messages/preferences.server";
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

/** +86 138 0013 8000 → 13800138000: the form providers take. */
export function normaliseMobile(mobile: string) {
  return mobile.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export async function queueEmail(tx: Tx, message: EmailMessage) {
  const info = kindInfo(message.kind);
  const { html, text } = renderEmail({
    subject: message.subject,
    content: message.content,
    siteUrl: siteUrl("/"),
    // Only a notice the person could turn off points to where they would do it.
    preferencesUrl: message.userId && info.choosable && !info.locked ? siteUrl("/account/notifications") : undefined,
  });
  const row = await tx.outboxMessage.create({
    data: { channel: "EMAIL", kind: message.kind, userId: message.userId ?? null, to: message.to.trim(), subject: message.subject, text, html },
    select: { id: true },
  });
  return row.id;
}

export async function queueSms<K extends SmsTemplateKey>(tx: Tx, message: SmsMessage<K>) {
  const { params, text } = renderSms(message.template, message.params);
  const row = await tx.outboxMessage.create({
    data: {
      channel: "SMS",
      kind: message.kind,
      userId: message.userId ?? null,
      to: normaliseMobile(message.to),
      subject: SMS_TEMPLATES[message.template].name,
      text,
      template: message.template,
      params: JSON.stringify(params),
    },
    select: { id: true },
  });
  return row.id;
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
  const [user, channels] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, phone: true } }),
    channelsFor(tx, input.userId, input.kind),
  ]);
  const ids: string[] = [];
  if (input.email && channels.EMAIL) {
    ids.push(await queueEmail(tx, { to: user.email, kind: input.kind, userId: input.userId, ...input.email }));
  }
  const mobile = input.sms?.to || user.phone;
  if (input.sms && channels.SMS && usesChannel(input.kind, "SMS") && mobile) {
    ids.push(await queueSms(tx, { to: mobile, kind: input.kind, userId: input.userId, template: input.sms.template, params: input.sms.params }));
  }
  return ids;
}
