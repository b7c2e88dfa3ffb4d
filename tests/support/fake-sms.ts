// A loopback HTTP server that plays Aliyun's SMS API (SendSms, RPC style) for the calls the store
// makes: it checks the request's signature the way Aliyun documents it, answers like Aliyun (Code,
// Message, BizId, RequestId) and keeps every accepted message. It can refuse a number (as Aliyun
// refuses an invalid one), throttle, hang without answering, and stop listening. With a fixed port
// it also serves what it accepted as JSON (GET /messages). Used by the integration tests and the
// browser suite, as fake-stripe.ts is for Stripe.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedSms {
  outId: string;
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  bizId: string;
}

// RFC 3986 unreserved characters stay, everything else is %XX (upper case) — Aliyun's rule.
const encode = (s: string) => Array.from(new TextEncoder().encode(s), (b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");

function expectedSignature(form: URLSearchParams, secret: string) {
  const pairs = [...form.entries()].filter(([k]) => k !== "Signature").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
  return crypto.createHmac("sha1", `${secret}&`).update(`POST&%2F&${encode(query)}`).digest("base64");
}

export async function startFakeSms(options: { accessKeyId: string; accessKeySecret: string; port?: number }) {
  const received: ReceivedSms[] = [];
  const refused = new Map<string, { code: string; message: string }>();
  const hanging = new Set<string>();
  let throttleNext = 0;
  let counter = 0;

  const server = http.createServer(async (req, res) => {
    if (req.method === "GET" && req.url?.startsWith("/messages")) {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      return res.end(JSON.stringify(received));
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const reply = (status: number, body: Record<string, string>) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ RequestId: crypto.randomUUID(), ...body }));
    };
    if (form.get("AccessKeyId") !== options.accessKeyId) return reply(404, { Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found." });
    if (form.get("Signature") !== expectedSignature(form, options.accessKeySecret)) {
      return reply(400, { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation." });
    }
    if (form.get("Action") !== "SendSms") return reply(400, { Code: "InvalidAction", Message: `unhandled ${form.get("Action")}` });
    const phone = form.get("PhoneNumbers") ?? "";
    if (hanging.has(phone)) return; // never answers
    const refusal = refused.get(phone);
    if (refusal) return reply(200, { Code: refusal.code, Message: refusal.message });
    if (throttleNext > 0) {
      throttleNext -= 1;
      return reply(200, { Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发小时级流控Permits:5" });
    }
    let params: Record<string, string>;
    try {
      params = JSON.parse(form.get("TemplateParam") ?? "{}");
    } catch {
      return reply(200, { Code: "isv.INVALID_JSON_PARAM", Message: "JSON参数不合法" });
    }
    const tooLong = Object.entries(params).find(([, v]) => [...v].length > 35);
    if (tooLong) return reply(200, { Code: "isv.PARAM_LENGTH_LIMIT", Message: `参数超出长度限制: ${tooLong[0]}` });
    const bizId = `${Date.now()}${(++counter).toString().padStart(4, "0")}^0`;
    received.push({ outId: form.get("OutId") ?? "", phone, signName: form.get("SignName") ?? "", templateCode: form.get("TemplateCode") ?? "", params, bizId });
    reply(200, { Code: "OK", Message: "OK", BizId: bizId });
  });

  let port = options.port ?? 0;
  const listen = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  await listen();
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    to: (phone: string) => received.filter((m) => m.phone === phone),
    /** Aliyun's answer for a number it will not send to; its message quotes the number, as real ones can. */
    refuse(phone: string, code = "isv.MOBILE_NUMBER_ILLEGAL", message = `非法手机号 ${phone}`) {
      refused.set(phone, { code, message });
    },
    hang(phone: string) {
      hanging.add(phone);
    },
    throttle(times = 1) {
      throttleNext = times;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    start: listen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeSms = Awaited<ReturnType<typeof startFakeSms>>;
