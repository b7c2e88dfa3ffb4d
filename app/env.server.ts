import * as z from "zod";

// Safe defaults let a fresh clone run with no .env; production must bring real secrets.
const DEV_SESSION_SECRET = "dev-only-session-secret-not-for-production";
// 32 bytes in hex. Seals travellers' ID numbers at rest (app/lib/sealed.server.ts); never this one in production.
const DEV_PII_KEY = "6465762d6f6e6c792d7069692d6b65792d6e6f742d666f722d70726f64212121";

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
    // The payee as a 机关 accountant checks it on a proforma: tax ID, registered address, phone.
    PLATFORM_TAX_ID: z.string().optional(),
    PLATFORM_ADDRESS: z.string().optional(),
    PLATFORM_PHONE: z.string().optional(),
    // Who shoppers reach and the site's ICP filing, shown in every page's footer and on the legal pages.
    SUPPORT_HOTLINE: z.string().min(3).optional(),
    SUPPORT_HOURS: z.string().min(2).default("每天 9:00–21:00（北京时间）"),
    SUPPORT_EMAIL: z.string().email().optional(),
    /** The MIIT filing number every site served in mainland China must show, e.g. 陇ICP备2026000000号-1. */
    ICP_NUMBER: z.string().min(4).optional(),
    /** How long an unpaid order holds its stock (Stripe Checkout needs at least 30 minutes). */
    RESERVATION_MINUTES: z.coerce.number().int().min(30).max(24 * 60).default(30),
    /** How often the server process releases expired reservations; 0 turns the timer off. */
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /** 64 hex characters (32 bytes): the key that seals travellers' 居民身份证 numbers in the database. */
    PII_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "PII_KEY must be 64 hex characters (32 bytes)").optional(),
    /** Uploaded files (product photos, licences, certificate and batch scans, invoice PDFs, after-sales photos, growth-log photos); git-ignored under data/ by default. */
    UPLOADS_DIR: z.string().min(1).default("data/uploads"),
    /** The platform's fee on a co-op's monthly net goods, in basis points (100 = 1%); 0 as on 832. */
    PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(3000).default(0),
    /** Where e-mail goes: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS). */
    SMTP_URL: z
      .string()
      .url()
      .refine((u) => /^smtps?:$/.test(new URL(u).protocol), "should start with smtp:// or smtps://")
      .optional(),
    /** The From of every e-mail, e.g. "陇货通 <noreply@longhuo.cn>". */
    MAIL_FROM: z.string().min(3).optional(),
    /** The SMS provider (decision 0009); without one, development records SMS in the outbox only. */
    SMS_PROVIDER: z.enum(["aliyun"]).optional(),
    SMS_ENDPOINT: z.string().url().default("https://dysmsapi.aliyuncs.com"),
    SMS_ACCESS_KEY_ID: z.string().optional(),
    SMS_ACCESS_KEY_SECRET: z.string().optional(),
    /** The approved signature (签名) every SMS carries, e.g. 陇货通. */
    SMS_SIGN_NAME: z.string().optional(),
    /** The provider's approved template codes: shipped=SMS_1,gift_code=SMS_2,notice=SMS_3,login_code=SMS_4 */
    SMS_TEMPLATES: z
      .string()
      .regex(/^\s*[a-z_]+=[\w.-]+\s*(,\s*[a-z_]+=[\w.-]+\s*)*$/, "should be key=CODE pairs separated by commas")
      .optional(),
    /** How often a server process delivers the outbox; 0 = never (run `npm run mailer` instead). */
    MESSAGE_SEND_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
    /** How long one delivery may take before the provider is cut off. */
    MESSAGE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
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
    for (const key of ["PLATFORM_PAYEE", "PLATFORM_BANK", "PLATFORM_ACCOUNT", "PLATFORM_TAX_ID", "PLATFORM_ADDRESS", "PLATFORM_PHONE"] as const) {
      // A proforma invoice with a demo account would send real money nowhere.
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "production needs the platform's real bank details" });
    }
    if (!env.PII_KEY || env.PII_KEY === DEV_PII_KEY) {
      ctx.addIssue({ code: "custom", path: ["PII_KEY"], message: "production needs its own PII_KEY (64 hex characters) to seal ID numbers" });
    }
    for (const key of ["SUPPORT_HOTLINE", "SUPPORT_EMAIL", "ICP_NUMBER"] as const) {
      // A demo hotline or filing number on a live store would send shoppers and regulators nowhere.
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "production needs the store's real customer-service contact and ICP filing number" });
    }
    if (!env.STRIPE_WEBHOOK_SECRET || !STRIPE_WEBHOOK_SECRET.test(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "production needs the Stripe webhook signing secret (whsec_…)" });
    }
    // Links in e-mails and SMS are sent from the sender, where there is no request to take an origin from.
    if (!env.PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "production needs the store's public address for links in messages" });
    if (!env.SMTP_URL) ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "production needs an SMTP server to send e-mail" });
    if (!env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "production needs the From address of its e-mail" });
    if (!env.SMS_PROVIDER) ctx.addIssue({ code: "custom", path: ["SMS_PROVIDER"], message: "production needs an SMS provider (shipping notices and gift codes go by SMS)" });
    for (const key of ["SMS_ACCESS_KEY_ID", "SMS_ACCESS_KEY_SECRET", "SMS_SIGN_NAME", "SMS_TEMPLATES"] as const) {
      if (env.SMS_PROVIDER && !env[key]) ctx.addIssue({ code: "custom", path: [key], message: `the SMS provider needs ${key}` });
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
