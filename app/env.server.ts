import { z } from "zod";

// Safe defaults let a fresh clone run with no .env; production must bring real secrets.
const DEV_SESSION_SECRET = "dev-only-session-secret-not-for-production";
// 32 bytes in hex. Seals travellers' ID numbers at rest (app/lib/sealed.server.ts); never this one in production.
const DEV_PII_KEY = "6465762d6f6e6c792d7069692d6b65792d6e6f742d666f722d70726f64212121";

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
    /** 64 hex characters (32 bytes): the key that seals travellers' 居民身份证 numbers in the database. */
    PII_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "PII_KEY must be 64 hex characters (32 bytes)").optional(),
    /** Where uploaded photos (orchard growth logs) are written. */
    UPLOADS_DIR: z.string().default("data/uploads"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32 || env.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "production needs SESSION_SECRET of at least 32 random characters",
      });
    }
    if (!env.STRIPE_SECRET_KEY) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_SECRET_KEY"], message: "production needs a Stripe secret key" });
    }
    for (const key of ["PLATFORM_PAYEE", "PLATFORM_BANK", "PLATFORM_ACCOUNT"] as const) {
      // A proforma invoice with a demo account would send real money nowhere.
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "production needs the platform's real bank details" });
    }
    if (!env.PII_KEY || env.PII_KEY === DEV_PII_KEY) {
      ctx.addIssue({ code: "custom", path: ["PII_KEY"], message: "production needs its own PII_KEY (64 hex characters) to seal ID numbers" });
    }
    if (!env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "production needs a Stripe webhook secret" });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; PII_KEY: string };

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment, the store will not start:\n${lines.join("\n")}`);
  }
  return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET ?? DEV_SESSION_SECRET, PII_KEY: result.data.PII_KEY ?? DEV_PII_KEY };
}

let cached: Env | undefined;
/** Parsed once, at first use (module load of the session), so a bad production env fails at boot. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
