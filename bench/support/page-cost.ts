// CPU milliseconds per signed-in page, in process and one request at a time: the built Remix
// handler without HTTP or the page cache, signed in through the real /login action. Prints JSON
// {"<path>": ms, …}. Usable alone (after `npm run build`, on a seeded database):
//   DATABASE_URL=file:data/bench/base.db tsx bench/support/page-cost.ts shopper03@demo.longhuo.cn /halls/tianjin /orders
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, installGlobals, type ServerBuild } from "@remix-run/node";
import { useProductionEnv } from "./production-env";

useProductionEnv();
process.env.SWEEP_INTERVAL_SECONDS = "0";

const WARM = Number(process.env.WARM ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const PER_ROUND = Number(process.env.PER_ROUND ?? 200);
const [email, ...paths] = process.argv.slice(2);
const origin = "http://localhost";

const build = (await import(pathToFileURL(path.resolve(process.env.BUILD ?? "build/index.js")).href)) as ServerBuild;
installGlobals({ nativeFetch: build.future.v3_singleFetch });
const handle = createRequestHandler(build, "production");

// "anonymous" instead of an e-mail: the pages as a visitor without a cookie gets them (before the page cache)
const anonymous = email === "anonymous";
const login = anonymous ? null : await handle(
  new Request(`${origin}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "localhost", Origin: origin, "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams({ email, password: process.env.BENCH_PASSWORD ?? "longhuo2026", redirectTo: "/" }),
  }),
);
const cookie = login ? (login.headers.getSetCookie?.() ?? [login.headers.get("set-cookie") ?? ""]).map((c) => c.split(";")[0]).join("; ") : "";
if (login && (login.status !== 302 || !cookie)) throw new Error(`login as ${email} failed: ${login.status}`);

let bytes = 0;
const page = async (p: string) => {
  const response = await handle(new Request(`${origin}${p}`, { headers: cookie ? { Cookie: cookie } : {} }));
  if (response.status !== 200) throw new Error(`${p}: ${response.status}`);
  // bytes, not text: the server sends the encoded body as it is, decoding it here would be the bench's own cost
  bytes = (await response.arrayBuffer()).byteLength;
};

const out: Record<string, number> = {};
for (const p of paths) {
  for (let i = 0; i < WARM; i++) await page(p);
  // CPU time of this process (not wall time: the machine is shared), median of several rounds
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i++) await page(p);
    const used = process.cpuUsage(started);
    rounds.push((used.user + used.system) / 1000 / PER_ROUND);
  }
  out[p] = rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
  out[`${p} bytes`] = bytes;
}
console.log(JSON.stringify(out));
process.exit(0);
