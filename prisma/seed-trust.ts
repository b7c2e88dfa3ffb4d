// Demo data for issue 17's trust features: batches with their households and certificates (so demo
// orders carry trace codes), and 定点帮扶 programmes (so the counted-once cross-tab has four claims).
// Re-runnable: batches upsert on their code, programmes on their name.
import crypto from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import { splitByWeights } from "~/models/impact/split";
import { makeBatch } from "../tests/factories";

const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The same trace code for the same product and batch on every run. */
function demoCode(slug: string, n: number) {
  const digest = crypto.createHash("sha256").update(`demo-batch:${slug}:${n}`).digest();
  return Array.from(digest.subarray(0, 10), (b) => CODE_ALPHABET[b % 32]).join("");
}

const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Two batches per product — one harvested about four months ago, one about a month ago — shared by
 * the product's households in proportion to their weights, with 40% and 60% of the variant's stock
 * received into them. The seeded order history then takes units first in, first out.
 */
export async function seedBatches(db: PrismaClient, rand: () => number) {
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@demo.longhuo.cn" }, select: { id: true } });
  const products = await db.product.findMany({
    where: { status: "ACTIVE" },
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, coopId: true, unit: true, shares: { select: { householdId: true, weight: true }, orderBy: { householdId: "asc" } }, variants: { select: { id: true, stock: true } } },
  });
  const now = Date.now();
  let made = 0;
  for (const p of products) {
    const shares = p.shares.filter((s) => s.weight > 0);
    if (shares.length === 0) continue;
    const percents = splitByWeights(100, shares.map((s) => ({ key: s.householdId, weight: s.weight }))).filter((x) => x.amountFen > 0);
    for (const [n, ageDays, part] of [[1, 110 + Math.floor(rand() * 30), 0.4], [2, 20 + Math.floor(rand() * 20), 0.6]] as const) {
      await makeBatch(db, {
        code: demoCode(p.slug, n),
        productId: p.id,
        coopId: p.coopId,
        createdById: staff.id,
        producedOn: day(now - ageDays * 86_400_000),
        quantity: 200 + Math.floor(rand() * 1800),
        quantityUnit: "斤",
        certKind: rand() < 0.8 ? "PROMISE" : "TEST_REPORT",
        certNumber: `GS${day(now - ageDays * 86_400_000).replaceAll("-", "")}${String(Math.floor(rand() * 1e6)).padStart(6, "0")}`,
        shares: percents.map((x) => ({ householdId: x.key, percent: x.amountFen })),
        stocks: p.variants.map((v) => ({ variantId: v.id, units: Math.floor(v.stock * part) })),
        receivedAt: new Date(now - (ageDays - 2) * 86_400_000),
      });
      made += 1;
    }
  }
  return made;
}

/**
 * Two 定点帮扶 programmes (demo units, marked 演示). The demo organisation in 福州 is a member of the
 * one for 渭源县, so its purchases of 渭源 products count for that programme too.
 */
export async function seedProgrammes(db: PrismaClient, demoOrgCreditCode: string) {
  const org = await db.organization.findUnique({ where: { creditCode: demoOrgCreditCode }, select: { id: true } });
  const programmes = [
    { name: "某中央单位定点帮扶渭源县（演示）", unitName: "某中央单位（演示）", county: "weiyuan", startsOn: "2021-01-01", members: org ? [org.id] : [] },
    { name: "某中央企业定点帮扶临潭县（演示）", unitName: "某中央企业（演示）", county: "lintan", startsOn: "2021-01-01", members: [] as string[] },
  ];
  for (const p of programmes) {
    const county = await db.county.findUnique({ where: { slug: p.county }, select: { id: true } });
    if (!county) continue;
    const existing = await db.assistanceProgramme.findFirst({ where: { name: p.name }, select: { id: true } });
    const programme = existing ?? (await db.assistanceProgramme.create({ data: { name: p.name, unitName: p.unitName, countyId: county.id, startsOn: p.startsOn }, select: { id: true } }));
    for (const organizationId of p.members) {
      await db.programmeMember.upsert({ where: { programmeId_organizationId: { programmeId: programme.id, organizationId } }, create: { programmeId: programme.id, organizationId }, update: {} });
    }
  }
}
