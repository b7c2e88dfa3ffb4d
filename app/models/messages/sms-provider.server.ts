// SMS through a provider shaped like Aliyun's and Tencent Cloud's: a template code and its
// parameters in a signed HTTP request. The one provider implemented is Aliyun's SendSms (RPC style,
// signature version 1.0: HMAC-SHA1 over the sorted, percent-encoded parameters). Tests and the
// browser suite point SMS_ENDPOINT at a loopback fake that checks the same signature
// (tests/support/fake-sms.ts). Without a provider, outside production, SMS are recorded in the
// outbox only and read at /dev/messages.
import crypto from "node:crypto";
import { env } from "~/env.server";
import { maskMobile } from "~/lib/phone";
import { DeliveryFailure, type OutgoingSms } from "~/models/messages/delivery.server";
import { templateCodes, type SmsTemplateKey } from "~/models/messages/sms-templates";

export interface SmsProvider {
  name: string;
  /** Returns the provider's id for the accepted message, or throws a DeliveryFailure. */
  send(message: OutgoingSms, signal: AbortSignal): Promise<string>;
}

/** Aliyun's percent-encoding: everything but A–Z a–z 0–9 - _ . ~ */
export function aliyunEncode(value: string) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature Aliyun's RPC API expects over a request's parameters (without Signature). */
export function aliyunSignature(params: Record<string, string>, secret: string, method = "POST") {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k])}`)
    .join("&");
  const stringToSign = `${method}&${aliyunEncode("/")}&${aliyunEncode(canonical)}`;
  return crypto.createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
}

// Aliyun codes that mean "not sent now, the same request may succeed later".
const RETRYABLE_CODES = new Set(["isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY", "Throttling", "Throttling.User", "ServiceUnavailable", "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH"]);
// Network errors raised before the request reached the provider.
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "DEPTH_ZERO_SELF_SIGNED_CERT"]);

export function createAliyunSms(config: { endpoint: string; accessKeyId: string; accessKeySecret: string; signName: string; templates: Partial<Record<SmsTemplateKey, string>> }): SmsProvider {
  return {
    name: "aliyun",
    async send(message, signal) {
      const templateCode = config.templates[message.template];
      if (!templateCode) throw new DeliveryFailure("refused", `短信模板「${message.template}」未在 SMS_TEMPLATES 中配置模板编号`);
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        OutId: message.id,
        PhoneNumbers: message.to,
        RegionId: "cn-hangzhou",
        SignName: config.signName,
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: crypto.randomUUID(),
        SignatureVersion: "1.0",
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(message.params),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        Version: "2017-05-25",
      };
      const body = new URLSearchParams({ ...params, Signature: aliyunSignature(params, config.accessKeySecret) });
      let response: Response;
      try {
        response = await fetch(config.endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, signal });
      } catch (error) {
        const code = ((error as { cause?: { code?: string } }).cause?.code ?? "") as string;
        if (NEVER_CONNECTED.has(code)) throw new DeliveryFailure("retry", `无法连接短信服务（${code}）`);
        if (signal.aborted) throw new DeliveryFailure("unknown", "短信服务超时未应答，无法确认是否已发出");
        throw new DeliveryFailure("unknown", `短信服务连接中断（${code || (error as Error).message}），无法确认是否已发出`);
      }
      let reply: { Code?: string; Message?: string; BizId?: string } = {};
      try {
        reply = (await response.json()) as typeof reply;
      } catch {
        if (signal.aborted) throw new DeliveryFailure("unknown", "短信服务超时未应答，无法确认是否已发出");
        // A proxy's 502/503 page: the provider never saw it. Anything else unreadable: we cannot tell.
        if (response.status === 502 || response.status === 503) throw new DeliveryFailure("retry", `短信服务暂不可用（HTTP ${response.status}）`);
        throw new DeliveryFailure("unknown", `短信服务应答无法识别（HTTP ${response.status}）`);
      }
      if (reply.Code === "OK" && reply.BizId) return reply.BizId;
      const reason = `${reply.Code ?? `HTTP ${response.status}`}: ${reply.Message ?? ""}`.slice(0, 300);
      throw new DeliveryFailure(reply.Code && RETRYABLE_CODES.has(reply.Code) ? "retry" : "refused", reason);
    },
  };
}

/** Development without a provider: accepted at once, read at /dev/messages. */
const capture: SmsProvider = {
  name: "dev",
  async send(message) {
    return `dev-sms:${message.id}`;
  },
};

export function createSmsProvider(overrides: Partial<{ endpoint: string }> = {}): SmsProvider {
  const config = env();
  if (config.SMS_PROVIDER === "aliyun") {
    return createAliyunSms({
      endpoint: overrides.endpoint ?? config.SMS_ENDPOINT,
      accessKeyId: config.SMS_ACCESS_KEY_ID ?? "",
      accessKeySecret: config.SMS_ACCESS_KEY_SECRET ?? "",
      signName: config.SMS_SIGN_NAME ?? "",
      templates: templateCodes(config.SMS_TEMPLATES),
    });
  }
  if (config.NODE_ENV === "production") throw new Error("SMS_PROVIDER is required in production");
  return capture;
}

export function describeSms(message: Pick<OutgoingSms, "to" | "template">) {
  return `${maskMobile(message.to)} ${message.template}`;
}
