import Stripe from "stripe";
import { env } from "~/env.server";

// The real stripe client, built once per configuration. STRIPE_API_BASE points it elsewhere
// (tests and the browser suite run a loopback server that plays Stripe's API). Values are read
// from the environment at call time so a test file can configure them before its first payment.

let cached: { signature: string; client: Stripe } | undefined;

function stripeSettings() {
  return {
    key: process.env.STRIPE_SECRET_KEY || undefined,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || undefined,
    apiBase: process.env.STRIPE_API_BASE || undefined,
  };
}

/** The configured Stripe client, or null when no key is set (development: local test payments). */
export function getStripe(): Stripe | null {
  const { key, apiBase } = stripeSettings();
  if (!key) return null;
  const signature = `${key}|${apiBase ?? ""}`;
  if (cached?.signature !== signature) {
    const options: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 15_000 };
    if (apiBase) {
      const url = new URL(apiBase);
      Object.assign(options, {
        host: url.hostname,
        port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
        protocol: url.protocol.replace(":", "") as "http" | "https",
      });
    }
    cached = { signature, client: new Stripe(key, options) };
  }
  return cached.client;
}

export function webhookSecret(): string | null {
  return stripeSettings().webhookSecret ?? null;
}

/**
 * The local 测试支付 page is available only when no Stripe key is configured and we are not in
 * production (production refuses to start without keys, so this is doubly closed there).
 */
export function testPaymentsEnabled(): boolean {
  return env().NODE_ENV !== "production" && !stripeSettings().key;
}

export type { Stripe };
