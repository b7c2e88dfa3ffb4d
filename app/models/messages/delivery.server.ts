// What a transport (SMTP, an SMS provider) tells the sender about one attempt. The distinction that
// matters for "at most once" is whether the provider may have accepted the message:
//   refused  — it answered no (a bad address or number): failed for good, with its reason;
//   retry    — it certainly did not take it (connection refused, throttled, 4xx): try again later;
//   unknown  — we cannot tell (a timeout or a cut connection after the message left): never retried
//              automatically; staff decide (decision 0009).
import type { SmsTemplateKey } from "~/models/messages/sms-templates";

export type FailureKind = "refused" | "retry" | "unknown";

export class DeliveryFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "DeliveryFailure";
  }
}

export interface OutgoingEmail {
  /** The outbox row's id: the Message-ID is derived from it, so a resend carries the same one. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface OutgoingSms {
  /** The outbox row's id, sent as the provider's out id (Aliyun OutId, Tencent SessionContext). */
  id: string;
  to: string;
  template: SmsTemplateKey;
  params: Record<string, string>;
}

/** Each returns the provider's id for the accepted message, or throws a DeliveryFailure. */
export interface Transports {
  email(message: OutgoingEmail, signal: AbortSignal): Promise<string>;
  sms(message: OutgoingSms, signal: AbortSignal): Promise<string>;
}
