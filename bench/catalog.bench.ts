// Catalogue benchmark: a hall page and a search request against a generated catalogue of 10,000
// products, 50 concurrent connections, one production server process (`npm start`); then the same
// pages rendered from captured loader data with no database at all (the render limit). Everything
// runs twice: as served (with the one-second page microcache for anonymous pages) and with the
// cache off, where every request is rendered. Prints req/s, p50/p99, ratios.
// Figures only: nothing here passes or fails on speed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createClient, type InStatement } from "@libsql/client";
import { migrateFile } from "../tests/setup/migrate";
import { PRODUCTION_ENV } from "./support/production-env";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIR = path.join(ROOT, "data/bench");
const DB = path.join(DIR, "catalog.db");
const FIXTURE = path.join(DIR, "render-limit.json");
const RENDER_LIMIT_BUILD = path.join(ROOT, "bench/support/render-limit-build.ts");
const PRODUCTS = 10_000;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PORT_DB = 3391;
const PORT_RENDER = 3392;
const HALL_PATH = "/halls/tianjin";
const SEARCH_QUERIES = ["苹果", "huaniu", "hnpg", "当归", "dg", "tianshui", "花椒", "niurou", "核桃", "ln", "枸杞 礼盒", "qinan pingguo"];

const WORDS = [
  ["苹果", "fruit"], ["花牛苹果", "fruit"], ["当归", "herbs"], ["黄芪", "herbs"], ["党参", "herbs"], ["花椒", "seasoning"],
  ["核桃", "nuts"], ["牦牛肉干", "meat-egg"], ["土豆粉", "noodles"], ["苦荞茶", "tea-drink"], ["枸杞", "nuts"], ["蜂蜜", "tea-drink"],
  ["木耳", "veg-fungi"], ["香菇", "veg-fungi"], ["小米", "grain-oil"], ["胡麻油", "grain-oil"], ["酥油", "dairy"], ["橄榄油", "grain-oil"],
] as const;
const SUFFIXES = ["", "礼盒", "精选装", "特级", "家庭装", "2.5kg", "原产地直发", "年货装"];

function iso(d: Date) {
  return d.toISOString().replace("Z", "+00:00");
}

async function generate() {
  if (fs.existsSync(DB)) {
    const c = createClient({ url: `file:${DB}` });
    const n = Number((await c.execute("SELECT count(*) AS n FROM Product")).rows[0].n);
    c.close();
    if (n === PRODUCTS) return console.log(`catalogue: reusing ${DB} (${n} products)`);
  }
  const started = Date.now();
  await migrateFile(DB);
  process.env.DATABASE_URL = `file:${DB}`;
  // Geography through the same factories as the seed; products in bulk SQL (Prisma one by one is too slow).
  const { prisma } = await import("~/db.server");
  const { makeCategory, makeCity, makeCoop, makeCounty, makeHall, makePrefecture, seededRandom } = await import("../tests/factories");
  const { encodeSearchText } = await import("~/models/catalog/search-match");
  const { COUNTIES, EASTERN_CITIES, PREFECTURES } = await import("../prisma/seed-data/geography");
  const { CATEGORIES } = await import("../prisma/seed-data/catalog");
  const rand = seededRandom(10_000);

  const halls = new Map<string, string>();
  const cities = new Map<string, string>();
  for (const c of EASTERN_CITIES) {
    const city = await makeCity(prisma, { slug: c.slug, name: c.name, province: c.province, since: c.since, intro: c.intro, districts: c.districts });
    cities.set(c.slug, city.id);
    halls.set(c.slug, (await makeHall(prisma, { slug: c.slug, cityId: city.id, name: c.hallName, slogan: c.hallSlogan, address: c.hallAddress })).id);
  }
  const prefectures = new Map<string, { id: string; name: string }>();
  for (const p of PREFECTURES) {
    const row = await makePrefecture(prisma, { slug: p.slug, name: p.name, shortName: p.shortName, intro: p.intro, partnerCityId: cities.get(p.partnerCity)! });
    prefectures.set(p.slug, { id: row.id, name: p.name });
  }
  const counties = [];
  for (const c of COUNTIES) {
    const county = await makeCounty(prisma, {
      slug: c.slug, name: c.name, prefectureId: prefectures.get(c.prefecture)!.id, partnerCityId: cities.get(c.partnerCity)!,
      partnerDistrict: c.partnerDistrict, profile: c.profile,
    });
    const coop = await makeCoop(prisma, { countyId: county.id, slug: `bench-${c.slug}`, name: `${c.name}特色农产品专业合作社` });
    counties.push({ ...c, id: county.id, coopId: coop.id, coopName: coop.name, prefectureName: prefectures.get(c.prefecture)!.name });
  }
  const categories = new Map<string, { id: string; name: string }>();
  for (const [i, c] of CATEGORIES.entries()) categories.set(c.slug, { id: (await makeCategory(prisma, { slug: c.slug, name: c.name, position: i })).id, name: c.name });
  await prisma.$disconnect();

  const statements: InStatement[] = [];
  const now = Date.now();
  for (let i = 0; i < PRODUCTS; i++) {
    const county = counties[i % counties.length];
    const [word, categorySlug] = WORDS[Math.floor(rand() * WORDS.length)];
    const category = categories.get(categorySlug) ?? [...categories.values()][0];
    const name = `${county.name.replace(/[县区市]$/, "")}${word}${SUFFIXES[i % SUFFIXES.length]}`;
    const id = `bench-p${i}`;
    const prices = [Math.round(2000 + rand() * 30_000), Math.round(8000 + rand() * 50_000)];
    const stocks = [i % 7 === 0 ? 0 : Math.floor(rand() * 500), i % 5 === 0 ? 0 : Math.floor(rand() * 200)];
    const created = iso(new Date(now - i * 60_000));
    const searchText = encodeSearchText({ name, county: county.name, prefecture: county.prefectureName, coop: county.coopName, category: category.name });
    statements.push({
      sql: `INSERT INTO Product (id, slug, name, description, unit, harvestSeason, shippingNote, categoryId, countyId, coopId, certNumber, certStatus, status, bestseller, salesCount, minPriceFen, totalStock, searchText, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, '箱', '全年', '下单后 48 小时内发货', ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?)`,
      args: [id, `bench-${i}`, name, `${county.name}出产的${word}。`, category.id, county.id, county.coopId, `GSFP-BENCH-${i}`,
        i % 6 === 0 ? "PENDING" : "CERTIFIED", i % 50 === 0 ? 1 : 0, Math.floor(rand() * 5000), Math.min(...prices), stocks[0] + stocks[1], searchText, created, created],
    });
    for (const [v, priceFen] of prices.entries()) {
      const variantId = `${id}-v${v}`;
      statements.push({
        sql: "INSERT INTO Variant (id, productId, sku, name, weightGrams, priceFen, stock, giftBox, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        args: [variantId, id, `BENCH-${i}-${v}`, v ? "礼盒装" : "标准装", v ? 5000 : 2500, priceFen, stocks[v], v, v],
      });
      statements.push({ sql: "INSERT INTO PriceTier (id, variantId, minQty, priceFen) VALUES (?, ?, 50, ?), (?, ?, 200, ?)",
        args: [`${variantId}-t50`, variantId, Math.round(priceFen * 0.95), `${variantId}-t200`, variantId, Math.round(priceFen * 0.9)] });
    }
    statements.push({ sql: "INSERT INTO ProductImage (id, productId, url, alt, position) VALUES (?, ?, ?, ?, 0)", args: [`${id}-i`, id, `/images/products/bench-${i}/1.svg`, `${name} 图1`] });
    const hallSlugs = new Set([county.partnerCity, ...(i % 5 === 0 ? ["tianjin"] : [])]);
    for (const hall of hallSlugs) {
      statements.push({ sql: "INSERT INTO HallListing (hallId, productId, featured, featuredRank, seasonal) VALUES (?, ?, ?, ?, ?)",
        args: [halls.get(hall)!, id, i % 97 === 0 ? 1 : 0, i % 13, categorySlug === "fruit" && i % 3 === 0 ? 1 : 0] });
    }
  }
  const client = createClient({ url: `file:${DB}` });
  for (let i = 0; i < statements.length; i += 5000) await client.batch(statements.slice(i, i + 5000), "write");
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  client.close();
  console.log(`catalogue: generated ${PRODUCTS} products in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function serverEnv(port: number, pageCache: boolean, fixture?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...PRODUCTION_ENV,
    PORT: String(port),
    PAGE_CACHE_SECONDS: pageCache ? "1" : "0",
    DATABASE_URL: `file:${DB}`,
    // the render-limit server serves the bench's own build (loaders swapped, see render-limit-build.ts)
    ...(fixture ? { RENDER_LIMIT_FIXTURE: fixture, REMIX_BUILD: RENDER_LIMIT_BUILD } : {}),
  };
}

async function startServer(port: number, pageCache: boolean, fixture?: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, [...(fixture ? ["--import", "tsx"] : []), "build/server.js"], {
    cwd: ROOT,
    env: serverEnv(port, pageCache, fixture),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server on ${port} exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill("SIGTERM");
  throw new Error(`server on ${port} did not start`);
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

type Paths = string[] | (() => string);

async function load(port: number, paths: Paths, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests:
      typeof paths === "function"
        ? [{ method: "GET", setupRequest: (request) => ({ ...request, path: paths() }) }]
        : paths.map((p) => ({ method: "GET", path: p })),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

const ROUNDS = 5;

/** Warm each side up, then ROUNDS short runs taking turns; the median run (by req/s) of each side. */
async function alternate(...sides: [number, Paths][]): Promise<Figures[]> {
  for (const [port, paths] of sides) await load(port, paths, 2); // JIT, caches, search index
  const runs: Figures[][] = sides.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    // each side goes first in turn: whichever runs second in a round was measured a little faster
    const order = [...sides.keys()];
    if (r % 2) order.reverse();
    for (const i of order) runs[i].push(await load(sides[i][0], sides[i][1], Math.ceil(SECONDS / ROUNDS)));
  }
  return runs.map((list) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)]);
}

function searchPaths() {
  return SEARCH_QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`);
}

/** ~3,000 different searches (place + product in hanzi, pinyin and initials) drawn at random, so
 * the per-query ranking cache mostly misses and the matcher itself is measured. */
async function distinctSearches(): Promise<() => string> {
  const { toPinyin } = await import("~/models/catalog/pinyin");
  const { COUNTIES } = await import("../prisma/seed-data/geography");
  const pool: string[] = [];
  for (const c of COUNTIES) {
    const place = c.name.replace(/[县区市]$/, "");
    for (const [word] of WORDS) {
      const py = toPinyin(place + word);
      pool.push(place + word, `${toPinyin(place).full} ${toPinyin(word).full}`, py.initials);
    }
  }
  const unique = [...new Set(pool)];
  let seed = 42;
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return `/search?q=${encodeURIComponent(unique[seed % unique.length])}`;
  };
}

interface Scenario {
  hall: Figures;
  hallLimit: Figures;
  search: Figures;
  searchLimit: Figures;
  distinct: Figures;
}

/** The three scenarios against a real server and a render-limit server, both with or without the page cache. */
async function measure(pageCache: boolean): Promise<Scenario> {
  const withDb = await startServer(PORT_DB, pageCache);
  let noDb: ChildProcess | null = null;
  try {
    // loader data for the render-limit server, captured from the real one
    const grab = async (url: string) => (await fetch(`http://127.0.0.1:${PORT_DB}${url}`)).json();
    fs.writeFileSync(
      FIXTURE,
      JSON.stringify({
        root: await grab(`${HALL_PATH}?_data=root`),
        "routes/halls.$slug": await grab(`${HALL_PATH}?_data=${encodeURIComponent("routes/halls.$slug")}`),
        "routes/search": await grab(`/search?q=${encodeURIComponent(SEARCH_QUERIES[0])}&_data=routes%2Fsearch`),
      }),
    );
    noDb = await startServer(PORT_RENDER, pageCache, FIXTURE);
    const [hall, hallLimit] = await alternate([PORT_DB, [HALL_PATH]], [PORT_RENDER, [HALL_PATH]]);
    const [search, searchLimit] = await alternate([PORT_DB, searchPaths()], [PORT_RENDER, searchPaths()]);
    const [distinct] = await alternate([PORT_DB, await distinctSearches()]);
    return { hall, hallLimit, search, searchLimit, distinct };
  } finally {
    await stopServer(withDb);
    if (noDb) await stopServer(noDb);
  }
}

/** CPU per page in process, one request at a time (bench/support/render-cost.ts), with the database or from the fixture. */
function renderCost(fixture?: string): Record<string, number> {
  const paths = [HALL_PATH, `/search?q=${encodeURIComponent(SEARCH_QUERIES[0])}`];
  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["bench/support/render-cost.ts", ...paths], {
    cwd: ROOT,
    env: serverEnv(0, false, fixture),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`render-cost failed: ${run.stderr}`);
  const ms = JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, number>;
  return { hall: ms[paths[0]], search: ms[paths[1]] };
}

async function main() {
  fs.mkdirSync(DIR, { recursive: true });
  await generate();
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, stdio: "ignore" });
  if (build.status !== 0) throw new Error("npm run build failed");

  const served = await measure(true);
  const rendered = await measure(false);
  // separate processes wander by ±15% (JIT, heap layout): three of each, taking turns, the median
  const costRuns: Record<string, number>[] = [];
  const limitRuns: Record<string, number>[] = [];
  for (let i = 0; i < 3; i++) {
    costRuns.push(renderCost());
    limitRuns.push(renderCost(FIXTURE));
  }
  const median = (runs: Record<string, number>[], key: string) => runs.map((r) => r[key]).sort((a, b) => a - b)[1];
  const cost = { hall: median(costRuns, "hall"), search: median(costRuns, "search") };
  const costLimit = { hall: median(limitRuns, "hall"), search: median(limitRuns, "search") };

  const row = (label: string, f: Figures) =>
    `${label.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms${f.errors ? `   errors ${f.errors}` : ""}`;
  const pct = (a: Figures, b: Figures) => `${((a.rps / b.rps) * 100).toFixed(0)}%`;
  console.log(`\n${PRODUCTS} products, ${CONNECTIONS} connections, one server process; median of ${ROUNDS} alternating ${Math.ceil(SECONDS / ROUNDS)} s runs`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" / ")} (other work on the machine skews the figures)`);
  for (const [title, s] of [
    ["as served (page cache on: anonymous public pages shared for 1 s)", served],
    ["every request rendered (PAGE_CACHE_SECONDS=0)", rendered],
  ] as const) {
    console.log(`\n${title}`);
    console.log(row(`hall page ${HALL_PATH}`, s.hall));
    console.log(row("hall page, render limit (no DB)", s.hallLimit));
    console.log(row(`search (${SEARCH_QUERIES.length} queries in turn)`, s.search));
    console.log(row("search, ~3,000 distinct queries", s.distinct));
    console.log(row("search page, render limit (no DB)", s.searchLimit));
    console.log(`hall page at ${pct(s.hall, s.hallLimit)} of its render limit; search at ${pct(s.search, s.searchLimit)} (repeated) and ${pct(s.distinct, s.searchLimit)} (distinct)`);
  }
  const ms = (label: string, withDb: number, limit: number) =>
    `${label.padEnd(34)} ${withDb.toFixed(2).padStart(5)} ms with the database, ${limit.toFixed(2)} ms render limit: ${((limit / withDb) * 100).toFixed(0)}%`;
  console.log("\nCPU per page, in process, one request at a time (no HTTP, no page cache; median of 3 processes each)");
  console.log(ms("hall page", cost.hall, costLimit.hall));
  console.log(ms(`search “${SEARCH_QUERIES[0]}”`, cost.search, costLimit.search));
  console.log("\ntargets: hall page ≥ 90% of its render limit and p99 ≤ 100 ms; search p99 ≤ 50 ms");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
