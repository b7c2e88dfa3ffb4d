// Impact ledger at scale: 1,000,000 attribution entries from a deterministic generator, then the staff
// report (city → county for a year), the public /impact figures and a 100,000-row CSV export, each
// against the naive GROUP BY over the raw entries. Targets: report ≤ 200 ms, /impact ≤ 50 ms, export
// streaming with RSS under 200 MB. Run with `npm run bench impact` (IMPACT_ENTRIES to change the size).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createClient, type InStatement } from "@libsql/client";
import { migrateFile } from "../tests/setup/migrate";

const TARGET_ENTRIES = Number(process.env.IMPACT_ENTRIES ?? 1_000_000);
const file = path.resolve(import.meta.dirname, "../data/bench/impact.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const pad = (n: number, w = 6) => String(n).padStart(w, "0");

async function generate() {
  const { splitByWeights } = await import("../app/models/impact/split");
  const { seededRandom } = await import("../tests/factories");
  await migrateFile(file);
  const db = createClient({ url: `file:${file}` });
  await db.execute("PRAGMA synchronous=OFF");
  const rand = seededRandom(2019);
  const now = new Date();
  const stmts: InStatement[] = [];
  const insert = (table: string, columns: string[], rows: unknown[][]) => {
    const per = Math.max(1, Math.floor(30000 / columns.length));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      stmts.push({
        sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(",")})`).join(",")}`,
        args: chunk.flat() as never,
      });
    }
  };
  const flush = async () => {
    if (stmts.length) await db.batch(stmts.splice(0), "write");
  };

  // Geography: 4 cities (each with a hall), 10 prefectures, 58 counties, 120 co-ops, 5,000 households.
  insert("EasternCity", ["id", "slug", "name", "province", "since", "intro", "districts"], [0, 1, 2, 3].map((i) => [`city${i}`, `city${i}`, ["天津", "厦门", "福州", "青岛"][i], "省", 2016, "", "[]"]));
  insert("Hall", ["id", "slug", "name", "slogan", "address", "cityId"], [0, 1, 2, 3].map((i) => [`hall${i}`, `hall${i}`, `体验馆${i}`, "陇货东进", "", `city${i}`]));
  insert("Prefecture", ["id", "slug", "name", "shortName", "intro", "partnerCityId"], Array.from({ length: 10 }, (_, i) => [`pref${i}`, `pref${i}`, `市州${i}`, `市州${i}`, "", `city${i % 4}`]));
  const counties = Array.from({ length: 58 }, (_, i) => ({ id: `county${i}`, pref: `pref${i % 10}`, city: `city${(i % 10) % 4}` }));
  insert("County", ["id", "slug", "name", "pinyin", "prefectureId", "partnerCityId", "partnerDistrict", "population", "profile"], counties.map((c, i) => [c.id, c.id, `县${i}`, c.id, c.pref, c.city, "区", 30, ""]));
  const coops = Array.from({ length: 120 }, (_, i) => ({ id: `coop${i}`, county: counties[i % 58], households: [] as { id: string; members: number }[] }));
  insert("Coop", ["id", "slug", "name", "creditCode", "countyId", "intro", "contactName", "contactPhone"], coops.map((c, i) => [c.id, c.id, `合作社${i}`, `CC${pad(i)}`, c.county.id, "", "张", "1"]));
  const householdRows: unknown[][] = [];
  for (let i = 0; i < 5000; i++) {
    const coop = coops[i % coops.length];
    const members = 1 + Math.floor(rand() * 7);
    coop.households.push({ id: `hh${pad(i)}`, members });
    householdRows.push([`hh${pad(i)}`, `GS-B-${pad(i)}`, coop.county.id, "城关镇", "新庄村", members]);
  }
  insert("Household", ["id", "code", "countyId", "township", "village", "members"], householdRows);
  insert("Category", ["id", "slug", "name"], Array.from({ length: 12 }, (_, i) => [`cat${i}`, `cat${i}`, `品类${i}`]));
  insert("Product", ["id", "slug", "name", "description", "unit", "harvestSeason", "shippingNote", "categoryId", "countyId", "coopId", "updatedAt"],
    coops.map((c, i) => [`prod${i}`, `prod${i}`, `商品${i}`, "", "箱", "全年", "", `cat${i % 12}`, c.county.id, c.id, iso(now)]));
  insert("Variant", ["id", "productId", "sku", "name", "weightGrams", "priceFen"], coops.map((_, i) => [`var${i}`, `prod${i}`, `SKU${i}`, "标准装", 1000, 1000]));
  // Each product shared by four of its co-op's households (used when timing recordSale below).
  insert("ProductShare", ["productId", "householdId", "weight"], coops.flatMap((c, i) => c.households.slice(0, 4).map((h, k) => [`prod${i}`, h.id, k + 1])));
  insert("Organization", ["id", "name", "type", "creditCode", "invoiceTitle", "taxNumber", "city"],
    Array.from({ length: 200 }, (_, i) => [`org${i}`, `单位${i}`, ["AGENCY", "ENTERPRISE", "UNION", "SCHOOL", "HOSPITAL"][i % 5], `OC${pad(i)}`, `单位${i}`, `T${i}`, ["天津", "厦门", "福州", "青岛"][i % 4]]));
  insert("User", ["id", "email", "name", "passwordHash"], [["buyer", "bench@example.test", "压测", "x"]]);
  await flush();

  // Orders, lines and their ledger entries, split exactly as recordSale does; 1 line in 25 partly refunded.
  const ORDER_COLS = ["id", "number", "buyerId", "organizationId", "hallId", "kind", "status", "subtotalFen", "totalFen", "createdAt", "paidAt"];
  const LINE_COLS = ["id", "orderId", "variantId", "productId", "productName", "variantName", "quantity", "unitPriceFen", "lineTotalFen"];
  const REFUND_COLS = ["id", "orderId", "orderLineId", "amountFen", "reason", "createdById", "createdAt"];
  const ENTRY_COLS = ["id", "orderLineId", "refundId", "kind", "level", "amountFen", "countyId", "prefectureId", "coopId", "householdId", "householdPeople", "hallId", "partnerCityId", "buyerType", "organizationId", "buyerCity", "categoryId", "occurredAt"];
  let entries = 0;
  let orderNo = 0;
  let lineNo = 0;
  let orders: unknown[][] = [];
  let lines: unknown[][] = [];
  let refunds: unknown[][] = [];
  let rows: unknown[][] = [];
  while (entries < TARGET_ENTRIES) {
    orderNo += 1;
    const orderId = `o${pad(orderNo, 7)}`;
    const org = rand() < 0.3 ? Math.floor(rand() * 200) : -1;
    const hall = Math.floor(rand() * 5); // 4 = no hall
    const paidAt = new Date(now.getTime() - Math.floor(rand() * 365 * 86_400_000));
    const lineCount = 1 + Math.floor(rand() * 4);
    let subtotal = 0;
    for (let l = 0; l < lineCount && entries < TARGET_ENTRIES; l++) {
      lineNo += 1;
      const lineId = `l${pad(lineNo, 7)}`;
      const coopIndex = Math.floor(rand() * coops.length);
      const coop = coops[coopIndex];
      const qty = 1 + Math.floor(rand() * (org >= 0 ? 50 : 3));
      const unit = 990 + Math.floor(rand() * 20000);
      const total = qty * unit;
      subtotal += total;
      lines.push([lineId, orderId, `var${coopIndex}`, `prod${coopIndex}`, `商品${coopIndex}`, "标准装", qty, unit, total]);
      const start = Math.floor(rand() * coop.households.length);
      const shares = Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, k) => ({ key: coop.households[(start + k) % coop.households.length], weight: 1 + Math.floor(rand() * 5) }));
      const common = (kind: string, refundId: string | null, at: Date) => ({ kind, refundId, at });
      const write = (c: ReturnType<typeof common>, level: string, amount: number, household: { id: string; members: number } | null) => {
        entries += 1;
        rows.push([`e${pad(entries, 8)}`, lineId, c.refundId, c.kind, level, amount, coop.county.id, coop.county.pref, coop.id, household?.id ?? null, household?.members ?? 0,
          hall < 4 ? `hall${hall}` : null, coop.county.city, org >= 0 ? ["AGENCY", "ENTERPRISE", "UNION", "SCHOOL", "HOSPITAL"][org % 5] : "CONSUMER",
          org >= 0 ? `org${org}` : null, ["天津", "厦门", "福州", "青岛"][org >= 0 ? org % 4 : hall % 4], `cat${coopIndex % 12}`, iso(c.at)]);
      };
      const sale = common("SALE", null, paidAt);
      write(sale, "COUNTY", total, null);
      write(sale, "COOP", total, null);
      const parts = splitByWeights(total, shares);
      for (const p of parts) write(sale, "HOUSEHOLD", p.amountFen, p.key);
      if (rand() < 0.04) {
        const refundId = `r${pad(lineNo, 7)}`;
        const amount = 1 + Math.floor(rand() * total);
        const at = new Date(Math.min(now.getTime(), paidAt.getTime() + 3 * 86_400_000));
        refunds.push([refundId, orderId, lineId, amount, "质量问题", "buyer", iso(at)]);
        const rc = common("REFUND", refundId, at);
        write(rc, "COUNTY", -amount, null);
        write(rc, "COOP", -amount, null);
        for (const p of splitByWeights(amount, parts.map((x) => ({ key: x.key, weight: x.amountFen })))) if (p.amountFen) write(rc, "HOUSEHOLD", -p.amountFen, p.key);
      }
    }
    orders.push([orderId, `B${pad(orderNo, 7)}`, "buyer", org >= 0 ? `org${org}` : null, hall < 4 ? `hall${hall}` : null, org >= 0 ? "BULK" : "RETAIL", "PAID", subtotal, subtotal, iso(paidAt), iso(paidAt)]);
    if (rows.length > 20000) {
      insert("Order", ORDER_COLS, orders);
      insert("OrderLine", LINE_COLS, lines);
      insert("Refund", REFUND_COLS, refunds);
      insert("AttributionEntry", ENTRY_COLS, rows);
      await flush();
      orders = [];
      lines = [];
      refunds = [];
      rows = [];
    }
  }
  insert("Order", ORDER_COLS, orders);
  insert("OrderLine", LINE_COLS, lines);
  insert("Refund", REFUND_COLS, refunds);
  insert("AttributionEntry", ENTRY_COLS, rows);
  await flush();
  db.close();
  return { entries, orders: orderNo, lines: lineNo };
}

async function time<T>(fn: () => Promise<T>, runs = 5): Promise<{ ms: number; value: T }> {
  let value = await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], value };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

// The parent generates the data and builds the rollups; a fresh child process measures, so its
// memory figures are the export's and not the generator's.
async function main() {
  if (process.argv.includes("--measure")) return measure();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let t = performance.now();
  const made = await generate();
  console.log(`generated ${made.entries.toLocaleString()} entries (${made.lines.toLocaleString()} lines, ${made.orders.toLocaleString()} orders) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const { prisma } = await import("../app/db.server");
  const { rebuildRollups } = await import("../app/models/impact/rollup.server");
  t = performance.now();
  await rebuildRollups(prisma);
  const counts = await Promise.all([prisma.impactDaily.count(), prisma.impactHouseholdDaily.count(), prisma.impactMonthly.count(), prisma.impactReachMonthly.count()]);
  console.log(
    `rollups rebuilt from the raw ledger in ${((performance.now() - t) / 1000).toFixed(1)} s: daily ${counts[0].toLocaleString()}, household-daily ${counts[1].toLocaleString()}, monthly ${counts[2].toLocaleString()}, reach-monthly ${counts[3].toLocaleString()} rows`,
  );
  await prisma.$disconnect();
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--measure"], { stdio: "inherit", env: process.env });
  // only this bench's database: data/bench also holds the catalogue bench's, which it reuses
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  if (child.status !== 0) process.exit(child.status ?? 1);
}

async function measure() {
  const { prisma } = await import("../app/db.server");
  const { seededRandom } = await import("../tests/factories");
  const { businessDay } = await import("../app/lib/china-time");
  const { impactReport, parseReportQuery } = await import("../app/models/impact/report.server");
  const { publicImpact } = await import("../app/models/impact/views.server");
  const { ledgerCsvStream } = await import("../app/models/impact/export.server");
  const { stringify } = await import("csv-stringify/sync");

  // 1. A 100,000-row CSV export, streamed, first thing in this fresh process, with its peak RSS sampled.
  const filters = await parseReportQuery(new URLSearchParams({ from: "2000-01-01" }));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const before = process.memoryUsage().rss;
  let bytes = 0;
  let t = performance.now();
  await pipeline(ledgerCsvStream(filters, { limit: 100_000 }), new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } }));
  const streamMs = performance.now() - t;
  clearInterval(sampler);
  const streamPeak = peak;
  console.log(`CSV export 100,000 rows, streamed: ${fmt(streamMs)}, ${(bytes / 1e6).toFixed(1)} MB, peak RSS ${(streamPeak / 1e6).toFixed(0)} MB (was ${(before / 1e6).toFixed(0)} MB)  target < 200 MB`);

  // 2. The main report: by eastern city for the last twelve months (the report's default range),
  //    then drilled into one city by county; and the same with a day-precise range.
  const byCity = await parseReportQuery(new URLSearchParams({ by: "city" }));
  const { from, to } = byCity;
  const byCounty = await parseReportQuery(new URLSearchParams({ from, to, by: "county", cityId: "city0" }));
  const cityReport = await time(() => impactReport(byCity));
  const countyReport = await time(() => impactReport(byCounty));
  const dayFrom = businessDay(new Date(Date.now() - 364 * 86_400_000));
  const dayPrecise = await time(async () => impactReport(await parseReportQuery(new URLSearchParams({ from: dayFrom, to, by: "county", cityId: "city0" }))), 2);
  const fromTs = new Date(`${from}T00:00:00+08:00`).toISOString().replace("Z", "+00:00");
  const naiveReport = (cityFilter: string | null, dim: string) => async () => {
    const where = `"occurredAt" >= ? ${cityFilter ? `AND "partnerCityId" = ?` : ""}`;
    const args = cityFilter ? [fromTs, cityFilter] : [fromTs];
    return Promise.all([
      prisma.$queryRawUnsafe(`SELECT "${dim}" k, SUM("amountFen") FROM "AttributionEntry" WHERE "level" = 'COUNTY' AND ${where} GROUP BY k`, ...args),
      prisma.$queryRawUnsafe(
        `SELECT k, COUNT(*), SUM(p) FROM (SELECT "${dim}" k, "householdId", MAX("householdPeople") p FROM "AttributionEntry"
         WHERE "level" = 'HOUSEHOLD' AND ${where} GROUP BY k, "householdId" HAVING SUM("amountFen") > 0) GROUP BY k`,
        ...args,
      ),
    ]);
  };
  const naiveCity = await time(naiveReport(null, "partnerCityId"), 2);
  const naiveCounty = await time(naiveReport("city0", "countyId"), 2);
  console.log(`report by city, 1 year:          ${fmt(cityReport.ms)}  (naive GROUP BY over raw entries ${fmt(naiveCity.ms)})  target ≤ 200 ms`);
  console.log(`report city → county, 1 year:    ${fmt(countyReport.ms)}  (naive ${fmt(naiveCounty.ms)})  target ≤ 200 ms`);
  console.log(`report city → county, day-precise range ${dayFrom}…${to} (daily rollups): ${fmt(dayPrecise.ms)}`);
  console.log(`  check: ${cityReport.value.rows.length} cities, total ${cityReport.value.totals.amountFen} fen, ${cityReport.value.totals.households} households reached`);

  // 3. The public /impact figures.
  const impact = await time(() => publicImpact());
  const naiveImpact = await time(
    () =>
      Promise.all([
        prisma.$queryRawUnsafe(`SELECT "partnerCityId", "prefectureId", COUNT(DISTINCT "countyId"), COUNT(DISTINCT "coopId"), SUM("amountFen") FROM "AttributionEntry" WHERE "level" = 'COUNTY' GROUP BY 1, 2`),
        prisma.$queryRawUnsafe(
          `SELECT "partnerCityId", "prefectureId", COUNT(*), SUM(p) FROM (SELECT "partnerCityId", "prefectureId", "householdId", MAX("householdPeople") p
           FROM "AttributionEntry" WHERE "level" = 'HOUSEHOLD' GROUP BY 1, 2, 3 HAVING SUM("amountFen") > 0) GROUP BY 1, 2`,
        ),
      ]),
    2,
  );
  console.log(`/impact figures:                 ${fmt(impact.ms)}  (naive ${fmt(naiveImpact.ms)})  target ≤ 50 ms`);
  console.log(`  check: ${impact.value.totals.households} households, ${impact.value.totals.people} people, ${impact.value.totals.orders} orders`);

  // The naive export: every row loaded with its relations, then stringified in memory.
  peak = process.memoryUsage().rss;
  const sampler2 = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  t = performance.now();
  const all = await prisma.attributionEntry.findMany({
    where: { level: "COUNTY" },
    take: 100_000,
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    include: { orderLine: { include: { order: true } } },
  });
  const text = stringify(all.map((e) => [e.occurredAt.toISOString(), e.orderLine.order.number, e.kind, e.amountFen, e.partnerCityId, e.hallId, e.prefectureId, e.countyId, e.coopId, e.categoryId, e.buyerType, e.organizationId, e.buyerCity]));
  clearInterval(sampler2);
  console.log(`CSV export 100,000 rows, naive (all in memory): ${fmt(performance.now() - t)}, ${(text.length / 1e6).toFixed(1)} MB, peak RSS ${(peak / 1e6).toFixed(0)} MB`);

  // 4. The write side: a payment transaction (order + lines + recordSale with its rollup upserts)
  //    on top of the million entries.
  const { recordSale } = await import("../app/models/impact/ledger.server");
  const writeRand = seededRandom(7);
  const payments = 200;
  let inRecordSale = 0;
  t = performance.now();
  for (let k = 0; k < payments; k++) {
    const lines = Array.from({ length: 3 }, () => {
      const i = Math.floor(writeRand() * 120);
      return { variantId: `var${i}`, productId: `prod${i}`, productName: `商品${i}`, variantName: "标准装", quantity: 2, unitPriceFen: 1234, lineTotalFen: 2468 };
    });
    await prisma.$transaction(async (tx) => {
      const order = await tx.order.create({
        data: { number: `W${k}`, buyerId: "buyer", hallId: "hall1", status: "PAID", subtotalFen: 7404, totalFen: 7404, paidAt: new Date(), lines: { create: lines } },
        select: { id: true },
      });
      const started = performance.now();
      await recordSale(tx, order.id);
      inRecordSale += performance.now() - started;
    });
  }
  console.log(
    `payment transaction (order, 3 lines, recordSale with its rollup upserts, commit): ${fmt((performance.now() - t) / payments)} per order, of which recordSale ${fmt(inRecordSale / payments)}`,
  );

  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
