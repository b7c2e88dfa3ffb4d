// E-mail over SMTP with nodemailer. SMTP_URL names the server (smtp:// with STARTTLS when the
// server offers it, smtps:// for TLS from the start, user and password in the URL). Without it,
// outside production, nodemailer's JSON transport builds the message and goes nowhere: the demo's
// e-mails are read at /dev/messages.
import nodemailer, { type NodemailerError } from "nodemailer";
import { env } from "~/env.server";
import { DeliveryFailure, type OutgoingEmail } from "~/models/messages/delivery.server";

const DEV_FROM = "陇货通（开发环境） <noreply@localhost>";

/** Socket errors that happen before anything reaches the server: nothing was sent. */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Sorts nodemailer's error into the sender's three outcomes. A reply code means the server
 * answered and refused (5xx) or deferred (4xx); a failure to connect, resolve, negotiate TLS or log
 * in means nothing was handed over. Anything else (a socket timeout or a dropped connection, which
 * nodemailer cannot place before or after the end of DATA) may have delivered the message.
 */
export function classifySmtpError(error: NodemailerError): DeliveryFailure {
  const reason = `${error.code ?? "SMTP"}: ${error.response ?? error.message}`.slice(0, 500);
  if (error.responseCode) return new DeliveryFailure(error.permanent ? "refused" : "retry", reason);
  if (error.code === "EENVELOPE" || error.code === "EMESSAGE" || error.code === "ECONFIG" || error.code === "EMAXRECIPIENTS") return new DeliveryFailure("refused", reason);
  if (error.code === "EDNS" || error.code === "ETLS" || error.code === "EAUTH" || error.code === "ENOAUTH" || error.code === "EPROXY") return new DeliveryFailure("retry", reason);
  if (error.originalCode && NEVER_CONNECTED.has(error.originalCode)) return new DeliveryFailure("retry", reason);
  if (error.timeoutType === "CONNECT_TIMEOUT" || error.timeoutType === "GREETING_TIMEOUT") return new DeliveryFailure("retry", reason);
  return new DeliveryFailure("unknown", reason);
}

function domainOf(from: string) {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "longhuo.cn";
}

export function createEmailTransport(options: { smtpUrl?: string; from?: string; timeoutMs?: number } = {}) {
  const config = env();
  const smtpUrl = options.smtpUrl ?? config.SMTP_URL;
  const from = options.from ?? config.MAIL_FROM ?? DEV_FROM;
  const timeoutMs = options.timeoutMs ?? config.MESSAGE_TIMEOUT_SECONDS * 1000;
  if (!smtpUrl && config.NODE_ENV === "production") throw new Error("SMTP_URL is required in production");
  const transporter = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        // Connecting and the greeting get less than the whole budget, so that a server that never
        // answers them is reported as such (not sent: retried) before the overall timeout (unknown).
        connectionTimeout: Math.min(10_000, timeoutMs / 2),
        greetingTimeout: Math.min(10_000, timeoutMs / 2),
        socketTimeout: timeoutMs,
        disableFileAccess: true,
        disableUrlAccess: true,
      })
    : nodemailer.createTransport({ jsonTransport: true });
  const domain = domainOf(from);
  return {
    captured: !smtpUrl,
    async send(message: OutgoingEmail, signal: AbortSignal): Promise<string> {
      try {
        const info = await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
          messageId: `<${message.id}@${domain}>`,
          signal,
        });
        const response = "response" in info && typeof info.response === "string" ? info.response : "";
        return smtpUrl ? `${info.messageId} ${response}`.trim().slice(0, 300) : `dev:${info.messageId}`;
      } catch (error) {
        if (error instanceof DeliveryFailure) throw error;
        const e = error as NodemailerError;
        // Our own overall timeout: the message may be on its way.
        if (e.code === "EABORT" || signal.aborted) throw new DeliveryFailure("unknown", `超时（${Math.round(timeoutMs / 1000)} 秒）后中止，无法确认是否已发出`);
        throw classifySmtpError(e);
      }
    },
    close: () => transporter.close(),
  };
}
