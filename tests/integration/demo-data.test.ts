import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { chinaDate } from "~/lib/china-time";
import { organizationImpact } from "~/models/impact/views.server";
import { listBuyerOrders } from "~/models/orders/order-view.server";
import { BUYER_ORDER_TABS } from "~/models/orders/buyer-tabs";
import { isFreshProduce } from "../../prisma/seed-data/catalog";

// The demo data adds up (issue 15 item 15): the real seed, run once on this file's database, then
// `npm run reconcile` and the facts a visitor would check. Photos are skipped (SEED_PHOTOS=0): they
// take most of the seed's time and change none of these numbers. About two minutes on 2 cores.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(ROOT, "node_modules/.bin/tsx");
const env: NodeJS.ProcessEnv = { ...process.env, SEED_PHOTOS: "0", NODE_ENV: "development" };

beforeAll(async () => {
  await run(tsx, ["prisma/seed.ts"], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 });
}, 600_000);

describe("the demo data", () => {
  it("reconciles: the ledger equals paid minus refunded, each claim adds up once, invoices agree", async () => {
    const { stdout } = await run(tsx, ["scripts/reconcile.ts"], { cwd: ROOT, env });
    expect(stdout).toContain("对账一致");
  }, 120_000);

  it("has every product supplied by a co-op of its own county (a tour operator may run tours next door)", async () => {
    const products = await prisma.product.findMany({ where: { status: { not: "SCHEME" } }, select: { name: true, countyId: true, coop: { select: { name: true, countyId: true } } } });
    expect(products.length).toBeGreaterThan(300);
    const elsewhere = products.filter((p) => p.coop.countyId !== p.countyId).map((p) => `${p.name} ← ${p.coop.name}`);
    expect(elsewhere).toEqual([]);
    // so an organisation's households by county add up to its total
    const year = chinaDate(new Date()).year;
    for (const org of await prisma.organization.findMany({ select: { id: true } })) {
      const impact = await organizationImpact(org.id, year);
      expect(impact.counties.reduce((n, c) => n + c.households, 0)).toBe(impact.households);
    }
  });

  it("puts only fresh fruit and vegetables on a hall's 当季鲜品 shelf", async () => {
    const seasonal = await prisma.hallListing.findMany({ where: { seasonal: true }, select: { product: { select: { name: true, category: { select: { slug: true } } } } } });
    expect(seasonal.length).toBeGreaterThan(0);
    const wrong = seasonal.filter((l) => !isFreshProduce({ name: l.product.name, category: l.product.category.slug })).map((l) => l.product.name);
    expect(wrong).toEqual([]);
  });

  it("gives the demo consumer orders in every tab of 我的订单", async () => {
    const consumer = await prisma.user.findUniqueOrThrow({ where: { email: "consumer@demo.longhuo.cn" }, select: { id: true } });
    const { counts } = await listBuyerOrders(consumer.id);
    for (const tab of BUYER_ORDER_TABS) expect(counts[tab], tab).toBeGreaterThan(0);
    expect(await prisma.order.count({ where: { buyerId: consumer.id, status: "REFUNDED" } })).toBeGreaterThan(0);
    expect(await prisma.order.count({ where: { buyerId: consumer.id, status: "CANCELLED" } })).toBeGreaterThan(0);
  });
});
