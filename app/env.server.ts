import { z } from "zod";

// Safe defaults let a fresh clone run with no .env; production must bring real secrets.
const DEV_SESSION_SECRET = "dev-only-session-secret-not-for-production";

/**
 * Roughly how many bits of randomness a secret carries: its length times the Shannon entropy of
 * its characters. A real random secret (`openssl rand -base64 32`) scores about 190; "x" × 40
 * scores 0, a repeated short pattern little more.
 */
export function estimatedEntropyBits(secret: string) {
  const chars = Array.from(secret);
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
  return perChar * chars.length;
}

const MIN_SECRET_BITS = 128;
/** Stripe's secret (or restricted) keys and webhook signing secrets, as Stripe issues them. */
const STRIPE_KEY = /^(sk|rk)_(test|live)_[0-9A-Za-z_]{8,}$/;
const STRIPE_WEBHOOK_SECRET = /^whsec_[0-9A-Za-z_+/=]{8,}$/;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    SESSION_SECRET: z.string().optional(),
    DATABASE_URL: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Where the stripe client sends its requests, e.g. http://127.0.0.1:3480 (tests and e2e: a loopback fake). */
    STRIPE_API_BASE: z.string().url().optional(),
    PUBLIC_URL: z.string().url().optional(),
    // The platform's receiving account, printed on proforma invoices for bank transfers.
    PLATFORM_PAYEE: z.string().optional(),
    PLATFORM_BANK: z.string().optional(),
    PLATFORM_ACCOUNT: z.string().optional(),
    /** How long an unpaid order holds its stock (Stripe Checkout needs at least 30 minutes). */
    RESERVATION_MINUTES: z.coerce.number().int().min(30).max(24 * 60).default(30),
    /** How often the server process releases expired reservations; 0 turns the timer off. */
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    const secret = env.SESSION_SECRET ?? "";
    if (secret.length < 32 || secret === DEV_SESSION_SECRET || estimatedEntropyBits(secret) < MIN_SECRET_BITS) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "production needs a random SESSION_SECRET of at least 32 characters (e.g. openssl rand -base64 32)",
      });
    }
    if (!env.STRIPE_SECRET_KEY || !STRIPE_KEY.test(env.STRIPE_SECRET_KEY)) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_SECRET_KEY"], message: "production needs a Stripe secret key (sk_live_… or sk_test_…)" });
    }
    for (const key of ["PLATFORM_PAYEE", "PLATFORM_BANK", "PLATFORM_ACCOUNT"] as const) {
      // A proforma invoice with a demo account would send real money nowhere.
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "production needs the platform's real bank details" });
    }
    if (!env.STRIPE_WEBHOOK_SECRET || !STRIPE_WEBHOOK_SECRET.test(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "production needs the Stripe webhook signing secret (whsec_…)" });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string };

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment, the store will not start:\n${lines.join("\n")}`);
  }
  return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET ?? DEV_SESSION_SECRET };
}

let cached: Env | undefined;
/** Parsed once, at first use (module load of the session), so a bad production env fails at boot. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
