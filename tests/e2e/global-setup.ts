import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeSms } from "../support/fake-sms";
import { startFakeSmtp } from "../support/fake-smtp";
import { startFakeStripe } from "../support/fake-stripe";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DB = path.join(ROOT, "data/e2e/e2e.db");
// Kept between runs (unlike the database): the demo photos have fixed keys, so the seed finds them
// and does not draw and resize 370 pictures again (about a minute on an idle 2-core machine).
const UPLOADS = path.join(ROOT, "data/e2e-uploads");
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3211);

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with ${result.status}`);
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy at ${url}`);
}

/** The same environment production would run with (fake but well-formed secrets). */
export function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(E2E_PORT),
    // the stories edit the catalogue and look at it as visitors: copies at most 3 s old, as before the production default went to 5 s
    PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS ?? "1",
    // and compare a card's 已售 N with the product page's live figure while other stories buy
    CATALOG_FIGURES_SECONDS: process.env.CATALOG_FIGURES_SECONDS ?? "1",
    DATABASE_URL: `file:${DB}`,
    UPLOADS_DIR: UPLOADS,
    SESSION_SECRET: "e2e-session-secret-0123456789-abcdefghijklmnop",
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY ?? "sk_test_e2e_local",
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_e2e_local",
    PLATFORM_PAYEE: "甘肃陇货通电子商务有限公司",
    PLATFORM_BANK: "中国农业银行兰州城关支行",
    PLATFORM_ACCOUNT: "2701 0401 0400 12345",
    PLATFORM_TAX_ID: "91620102MA74XK2P3Q",
    PLATFORM_ADDRESS: "甘肃省兰州市城关区张掖路 1 号",
    PLATFORM_PHONE: "0931-8000000",
    PII_KEY: "e2e0".repeat(16),
    SUPPORT_HOTLINE: "400-800-2026",
    SUPPORT_EMAIL: "kefu@longhuo.cn",
    ICP_NUMBER: "陇ICP备2026000001号-1",
    PUBLIC_URL: `http://localhost:${E2E_PORT}`,
    MAIL_FROM: "陇货通 <noreply@longhuo.test>",
    SMS_PROVIDER: "aliyun",
    SMS_ACCESS_KEY_ID: E2E_SMS_KEY.accessKeyId,
    SMS_ACCESS_KEY_SECRET: E2E_SMS_KEY.accessKeySecret,
    SMS_SIGN_NAME: "陇货通",
    SMS_TEMPLATES: "shipped=SMS_E2E1,gift_code=SMS_E2E2,notice=SMS_E2E3,login_code=SMS_E2E4",
    // SMTP_URL and SMS_ENDPOINT are set by setup() once the fakes listen.
    MESSAGE_SEND_INTERVAL_SECONDS: "1",
  };
}

const E2E_SMS_KEY = { accessKeyId: "e2e-sms-key", accessKeySecret: "e2e-sms-secret" };

export default async function setup(project: TestProject) {
  const env = serverEnv();
  // Stripe is played by a loopback fake (tests/support/fake-stripe.ts): the app's real stripe
  // client talks to it, and its checkout page sends the signed webhook Stripe would send.
  const stripe = await startFakeStripe({
    webhookUrl: `http://localhost:${E2E_PORT}/webhooks/stripe`,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
  });
  env.STRIPE_API_BASE = stripe.base;
  // Mail and SMS go to loopback fakes too: a real SMTP server (smtp-server) that keeps what it
  // receives and shows it at its inbox URL, and the Aliyun-shaped SMS fake. The production build
  // has no /dev/messages, so the browser tests read the mail the server actually sent.
  const smtp = await startFakeSmtp({ httpPort: 0 });
  const sms = await startFakeSms(E2E_SMS_KEY);
  env.SMTP_URL = smtp.url;
  env.SMS_ENDPOINT = sms.url;
  fs.rmSync(path.dirname(DB), { recursive: true, force: true });
  run("npm", ["run", "build"], env);
  run("node_modules/.bin/prisma", ["migrate", "deploy"], env);
  run("node_modules/.bin/tsx", ["prisma/seed.ts"], env);

  // `npm start`: the production server, page microcache included.
  const server = spawn(process.execPath, ["build/server.js"], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  await waitForHealth(`http://localhost:${E2E_PORT}/healthz`, server);
  project.provide("baseUrl", `http://localhost:${E2E_PORT}`);
  project.provide("databaseUrl", env.DATABASE_URL!);
  project.provide("smtpInbox", smtp.inboxUrl!);
  project.provide("smsInbox", `${sms.url}messages`);

  return async () => {
    server.kill("SIGTERM");
    await stripe.close();
    await smtp.close();
    await sms.close();
    await new Promise((r) => setTimeout(r, 200));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    smtpInbox: string;
    smsInbox: string;
  }
}
