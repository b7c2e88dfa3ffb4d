// A loopback HTTP server that plays the part of Stripe's API for the calls this app makes, so the
// real `stripe` client can be exercised offline. It records every request (path, form body,
// Idempotency-Key), honours idempotency keys like Stripe does, refuses to refund more than a payment
// took (a second full refund is "charge_already_refunded"), and hosts a minimal "checkout page"
// whose pay button sends a signed `checkout.session.completed` webhook to the app — the same event
// Stripe would send. Used by the integration tests and by the browser suite (tests/e2e/global-setup.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, string>;
}

interface Session {
  id: string;
  object: "checkout.session";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  payment_status: "unpaid" | "paid";
  /** The methods the session offers (from allowed_payment_method_types), as Stripe reports them. */
  payment_method_types: string[];
  payment_method_options: Record<string, Record<string, string>>;
  status: "open" | "complete" | "expired";
  success_url: string;
  cancel_url: string;
  expires_at: number;
  url: string | null;
}

const signer = new Stripe("sk_test_signer");

export async function startFakeStripe(options: { port?: number; webhookUrl?: string; webhookSecret: string }) {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Session>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  // What each payment took and what has gone back, so a second full refund is refused as Stripe does.
  const charges = new Map<string, { amount: number; refunded: number }>();
  let counter = 0;
  let failRefunds = false;
  let webhookUrl = options.webhookUrl;
  const nextId = (prefix: string) => `${prefix}_test_${Date.now().toString(36)}${(++counter).toString(36)}`;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const params = Object.fromEntries(new URLSearchParams(raw));
    const send = (status: number, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => {
      res.writeHead(status, headers);
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };

    // The hosted checkout page a buyer is sent to.
    const payPage = /^\/pay\/([\w]+)$/.exec(url.pathname);
    if (payPage) {
      const session = sessions.get(payPage[1]);
      if (!session) return send(404, "no such session", { "content-type": "text/plain" });
      if (req.method === "GET") {
        return send(
          200,
          `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Fake Stripe Checkout</title>
<h1>模拟 Stripe 收银台（测试环境）</h1><p>金额 ¥${(session.amount_total / 100).toFixed(2)}</p>
<p data-testid="methods">支付方式：${session.payment_method_types.join(", ")}</p>
<form method="post"><button type="submit">确认支付</button></form></html>`,
          { "content-type": "text/html; charset=utf-8" },
        );
      }
      await complete(session);
      res.writeHead(303, { location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
      return res.end();
    }

    if (!url.pathname.startsWith("/v1/")) return send(404, { error: { message: "not found" } });
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ method: req.method ?? "GET", path: url.pathname, idempotencyKey, params });
    if (idempotencyKey && idempotent.has(`${url.pathname}|${idempotencyKey}`)) {
      const earlier = idempotent.get(`${url.pathname}|${idempotencyKey}`)!;
      return send(earlier.status, earlier.body);
    }
    const reply = (status: number, body: unknown) => {
      if (idempotencyKey && req.method === "POST") idempotent.set(`${url.pathname}|${idempotencyKey}`, { status, body });
      send(status, body);
    };
    const error = (status: number, message: string) => reply(status, { error: { type: "invalid_request_error", message } });

    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      // as the API versions from 2026-09-30 answer: the old parameter is gone
      if (params["payment_method_types[0]"]) return error(400, "Received unknown parameter: payment_method_types");
      const types: string[] = [];
      for (let i = 0; params[`allowed_payment_method_types[${i}]`]; i++) types.push(params[`allowed_payment_method_types[${i}]`]);
      const options: Record<string, Record<string, string>> = {};
      for (const [k, v] of Object.entries(params)) {
        const m = /^payment_method_options\[(\w+)\]\[(\w+)\]$/.exec(k);
        if (m) (options[m[1]] ??= {})[m[2]] = v;
      }
      if (types.includes("wechat_pay") && !options.wechat_pay?.client) return error(400, "payment_method_options[wechat_pay][client] is required for wechat_pay");
      let amount = 0;
      for (let i = 0; params[`line_items[${i}][quantity]`]; i++) {
        amount += Number(params[`line_items[${i}][quantity]`]) * Number(params[`line_items[${i}][price_data][unit_amount]`]);
      }
      const id = nextId("cs");
      const base = `http://${req.headers.host}`;
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(params)) {
        const m = /^metadata\[(\w+)\]$/.exec(k);
        if (m) metadata[m[1]] = v;
      }
      const session: Session = {
        id,
        object: "checkout.session",
        amount_total: amount,
        currency: params.currency ?? params["line_items[0][price_data][currency]"],
        client_reference_id: params.client_reference_id ?? null,
        metadata,
        payment_intent: null,
        payment_status: "unpaid",
        payment_method_types: types.length ? types : ["card"],
        payment_method_options: options,
        status: "open",
        success_url: params.success_url,
        cancel_url: params.cancel_url,
        expires_at: Number(params.expires_at ?? 0),
        url: `${base}/pay/${id}`,
      };
      sessions.set(id, session);
      return reply(200, session);
    }
    const sessionPath = /^\/v1\/checkout\/sessions\/([\w]+)(\/expire)?$/.exec(url.pathname);
    if (sessionPath) {
      const session = sessions.get(sessionPath[1]);
      if (!session) return error(404, "No such checkout.session");
      if (sessionPath[2] && req.method === "POST") {
        if (session.status !== "open") return error(400, `Only Checkout Sessions with a status of open can be expired (is ${session.status})`);
        session.status = "expired";
        session.url = null;
      }
      return reply(200, session);
    }
    if (req.method === "POST" && url.pathname === "/v1/refunds") {
      if (failRefunds) return error(402, "refund declined by the fake");
      const charge = charges.get(params.payment_intent);
      const left = charge ? charge.amount - charge.refunded : null;
      const amount = params.amount ? Number(params.amount) : left;
      if (left !== null && left <= 0) return reply(400, { error: { type: "invalid_request_error", code: "charge_already_refunded", message: `Charge ${params.payment_intent} has already been refunded.` } });
      if (left !== null && amount !== null && amount > left) return error(400, `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`);
      if (charge && amount !== null) charge.refunded += amount;
      return reply(200, { id: nextId("re"), object: "refund", amount, payment_intent: params.payment_intent, status: "succeeded" });
    }
    return error(404, `unhandled ${req.method} ${url.pathname}`);
  });

  function takePayment(session: Session) {
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = nextId("pi");
    charges.set(session.payment_intent, { amount: session.amount_total, refunded: 0 });
  }

  async function complete(session: Session) {
    if (session.status !== "open") return;
    takePayment(session);
    if (webhookUrl) await deliver(eventFor("checkout.session.completed", session));
  }

  function eventFor(type: string, object: unknown, id = nextId("evt")) {
    return { id, object: "event", type, created: Math.floor(Date.now() / 1000), data: { object }, livemode: false, api_version: "2025-01-01" };
  }

  function sign(payload: string, timestamp?: number) {
    return signer.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret, timestamp });
  }

  async function deliver(event: object, target = webhookUrl!) {
    const payload = JSON.stringify(event);
    const response = await fetch(target, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": sign(payload) }, body: payload });
    return response.status;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    sessions,
    /** Marks a session paid as the buyer would on Stripe's page; returns the completed session. */
    pay(sessionId: string) {
      const s = sessions.get(sessionId)!;
      takePayment(s);
      return { ...s };
    },
    /**
     * A method that confirms later (as 支付宝 / 微信支付 may): the session completes unpaid now;
     * `settle` then makes it paid or leaves it failed. Returns the session for the webhook events.
     */
    startAsync(sessionId: string) {
      const s = sessions.get(sessionId)!;
      s.status = "complete";
      s.payment_status = "unpaid";
      s.payment_intent = nextId("pi");
      return { ...s };
    },
    settle(sessionId: string, outcome: "paid" | "failed") {
      const s = sessions.get(sessionId)!;
      if (outcome === "paid") {
        s.payment_status = "paid";
        charges.set(s.payment_intent!, { amount: s.amount_total, refunded: 0 });
      }
      return { ...s };
    },
    /** A payment made outside a session (tests that pay an order directly): refunds are checked against it. */
    charge(paymentIntent: string, amount: number) {
      charges.set(paymentIntent, { amount, refunded: 0 });
    },
    /** How much of a payment has been refunded at the fake. */
    refundedOf(paymentIntent: string) {
      return charges.get(paymentIntent)?.refunded ?? 0;
    },
    eventFor,
    sign,
    deliver,
    setWebhookUrl(url: string) {
      webhookUrl = url;
    },
    failRefunds(on: boolean) {
      failRefunds = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
