// CPU milliseconds of each of the four HTTP requests of a paid order, in process and one order at
// a time: POST /cart (intent=add), POST /checkout (which creates the Stripe Checkout Session), the
// signed checkout.session.completed webhook, and GET /orders/<number> — the built Remix handler
// without HTTP, signed in through the real /login action, on a copy of the given database. Stripe
// is the loopback fake (tests/support/fake-stripe.ts) in a child process, which also signs the
// webhook as Stripe would: its CPU is not the store's and is not counted. Prints JSON
// {"add to cart": ms, "checkout": ms, "webhook": ms, "order page": ms, "total": ms} (medians of
// rounds). Run by rush.bench.ts; usable alone (after `npm run build`):
//   tsx bench/support/order-path-cost.ts data/bench/base.db [consumer@demo.longhuo.cn]
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "libsql";
import { PRODUCTION_ENV, useProductionEnv } from "./production-env";

type FromParent = { pay: string };
type FromChild = { base: string } | { payload: string; signature: string; successUrl: string };

if (process.argv[2] === "--fake-stripe") {
  // The child: the fake Stripe, answering the app's API calls and, asked by the parent, paying a
  // session and handing back the signed event (as Stripe's servers would send it).
  const { startFakeStripe } = await import("../../tests/support/fake-stripe");
  const stripe = await startFakeStripe({ webhookSecret: PRODUCTION_ENV.STRIPE_WEBHOOK_SECRET });
  process.on("message", (message: FromParent) => {
    const session = stripe.pay(message.pay);
    const payload = JSON.stringify(stripe.eventFor("checkout.session.completed", session));
    process.send!({ payload, signature: stripe.sign(payload), successUrl: session.success_url } satisfies FromChild);
  });
  process.on("disconnect", () => process.exit(0));
  process.send!({ base: stripe.base } satisfies FromChild);
} else {
  await measure();
}

async function measure() {
  const WARM = Number(process.env.WARM ?? 40);
  const ROUNDS = Number(process.env.ROUNDS ?? 5);
  const PER_ROUND = Number(process.env.PER_ROUND ?? 40);
  const source = path.resolve(process.argv[2] ?? "data/bench/base.db");
  const email = process.argv[3] ?? "consumer@demo.longhuo.cn";
  const file = path.resolve("data/bench/order-path-cost.db");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(source, file);

  // Products with households behind them (so the ledger writes every level), with stock to spare.
  const db = new Database(file);
  const variants = (
    db
      .prepare(
        `SELECT v."id" FROM "Variant" v JOIN "Product" p ON p."id" = v."productId"
         WHERE v."active" = 1 AND v."stock" > 0 AND v."minOrderQty" <= 1 AND p."status" = 'ACTIVE'
           AND EXISTS (SELECT 1 FROM "ProductShare" s WHERE s."productId" = p."id") LIMIT 30`,
      )
      .all() as { id: string }[]
  ).map((v) => v.id);
  db.prepare(`UPDATE "Variant" SET "stock" = 1000000 WHERE "id" IN (${variants.map(() => "?").join(", ")})`).run(variants);
  db.close();
  if (variants.length === 0) throw new Error("no variant to buy in this database");

  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--fake-stripe"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const fromChild = () => new Promise<FromChild>((resolve) => child.once("message", (m) => resolve(m as FromChild)));
  const { base: stripeBase } = (await fromChild()) as { base: string };

  process.env.DATABASE_URL = `file:${file}`;
  process.env.STRIPE_API_BASE = stripeBase;
  useProductionEnv();
  const { createRequestHandler, installGlobals } = await import("@remix-run/node");
  const build = await import(pathToFileURL(path.resolve(process.env.BUILD ?? "build/index.js")).href);
  installGlobals({ nativeFetch: build.future.v3_singleFetch });
  const handle = createRequestHandler(build, "production");
  const origin = "http://localhost";
  const formHeaders = { "Content-Type": "application/x-www-form-urlencoded", Host: "localhost", Origin: origin, "Sec-Fetch-Site": "same-origin" };

  const login = await handle(
    new Request(`${origin}/login`, { method: "POST", headers: formHeaders, body: new URLSearchParams({ email, password: process.env.BENCH_PASSWORD ?? "longhuo2026", redirectTo: "/" }) }),
  );
  const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get("set-cookie") ?? ""]).map((c) => c.split(";")[0]).join("; ");
  if (login.status !== 302 || !cookie) throw new Error(`login as ${email} failed: ${login.status}`);
  const post = (p: string, form: Record<string, string>) => handle(new Request(`${origin}${p}`, { method: "POST", headers: { ...formHeaders, Cookie: cookie }, body: new URLSearchParams(form) }));

  const STEPS = ["add to cart", "checkout", "webhook", "order page"] as const;
  const cpu: Record<(typeof STEPS)[number], number> = { "add to cart": 0, checkout: 0, webhook: 0, "order page": 0 };
  // This process's CPU for one request, its body read included (not wall time: the machine is shared).
  const step = async (name: (typeof STEPS)[number], run: () => Promise<Response>, ok: (r: Response, body: string) => boolean) => {
    const started = process.cpuUsage();
    const response = await run();
    const body = await response.text();
    const used = process.cpuUsage(started);
    cpu[name] += (used.user + used.system) / 1000;
    if (!ok(response, body)) throw new Error(`${name}: ${response.status} ${body.slice(0, 200)}`);
    return response;
  };

  let seq = 0;
  const order = async () => {
    const variantId = variants[seq++ % variants.length];
    await step("add to cart", () => post("/cart", { intent: "add", variantId, quantity: "1" }), (r) => r.status === 302 || r.status === 200);
    const form = { addressId: "new", recipient: "王小明", mobile: "13912345678", province: "山东省", city: "青岛市", district: "市南区", street: "香港中路 1 号", clientRequestId: crypto.randomUUID() };
    const checkout = await step("checkout", () => post("/checkout", form), (r) => r.status === 302 && /\/pay\/cs_/.test(r.headers.get("location") ?? ""));
    const sessionId = checkout.headers.get("location")!.split("/pay/")[1];
    const paid = fromChild();
    child.send({ pay: sessionId } satisfies FromParent);
    const { payload, signature, successUrl } = (await paid) as { payload: string; signature: string; successUrl: string };
    await step(
      "webhook",
      () => handle(new Request(`${origin}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload })),
      (r) => r.status === 200,
    );
    const orderPath = new URL(successUrl.replace("{CHECKOUT_SESSION_ID}", sessionId)).pathname;
    await step("order page", () => handle(new Request(`${origin}${orderPath}`, { headers: { Cookie: cookie } })), (r, body) => r.status === 200 && body.includes("已付款"));
  };

  for (let i = 0; i < WARM; i++) await order();
  const rounds: Record<string, number[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of STEPS) cpu[s] = 0;
    for (let i = 0; i < PER_ROUND; i++) await order();
    for (const s of STEPS) (rounds[s] ??= []).push(cpu[s] / PER_ROUND);
    (rounds.total ??= []).push(STEPS.reduce((t, s) => t + cpu[s], 0) / PER_ROUND);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out = Object.fromEntries(Object.entries(rounds).map(([k, xs]) => [k, Math.round(median(xs) * 100) / 100]));
  child.disconnect();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  console.log(JSON.stringify(out));
  process.exit(0);
}
