// Demo data for the article's schemes (prisma/seed-data/schemes.ts), made through the same
// functions a buyer's request runs (adoptTrees, bookDeparture, placePreorder, markOrderPaid), so the
// demo's money is in the ledger exactly as live sales are. Re-runnable: every order carries a fixed
// clientRequestId, so a second run finds it and pays nothing twice.
import { prisma } from "~/db.server";
import { addDays, businessDay } from "~/lib/china-time";
import { markOrderPaid } from "~/models/orders/order.server";
import { placePreorder } from "~/models/presales/preorder.server";
import { bookDeparture } from "~/models/tours/booking.server";
import { adoptTrees } from "~/models/trees/adoption.server";
import { planDeliveries, recordHarvest, shipDelivery } from "~/models/trees/harvest.server";
import { makeCoop, makeDeparture, makeHousehold, makeOrchard, makeOrchardSeason, makePresale, makeSchemeCategories, makeTourPackage } from "../tests/factories";
import { DEMO_TRAVELLERS, GROWTH_LOG, ORCHARDS, PRESALES, TOURS, TRAVEL_ENTERPRISE } from "./seed-data/schemes";

type Counties = Map<string, { id: string }>;
type Coops = { id: string; slug: string; county: string; prefecture: string; households: string[] }[];

const DAY = 86_400_000;

/** The travel enterprise that operates a 临夏 tour, with the households that host its guests. */
export async function seedTravelEnterprise(counties: Counties) {
  const t = TRAVEL_ENTERPRISE;
  const county = counties.get(t.county)!;
  const coop = await makeCoop(prisma, { slug: t.slug, name: t.name, kind: t.kind, creditCode: t.creditCode, countyId: county.id, status: "CERTIFIED", intro: t.intro, contactName: t.contactName, contactPhone: t.contactPhone });
  const households: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const h = await makeHousehold(prisma, { code: `GS-LXTOUR-${String(i).padStart(4, "0")}`, countyId: county.id, coopId: coop.id, township: "枹罕镇", village: "江牌村", members: 3 + (i % 3) });
    households.push(h.id);
  }
  return { id: coop.id, slug: t.slug, county: t.county, prefecture: "linxia", households };
}

async function pay(orderId: string, paidAt: Date) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalFen: true } });
  await markOrderPaid({ orderId, method: "TEST", provider: "test", providerRef: `seed_${orderId}`, amountFen: order.totalFen, paidAt });
}

const weights = (ids: string[], n: number) => ids.slice(0, n).map((householdId, i) => ({ householdId, weight: 1 + (i % 3) }));

export async function seedSchemes(counties: Counties, coops: Coops) {
  const now = new Date();
  const categories = await makeSchemeCategories(prisma);
  const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, organizationId: true } });
  const consumer = await user("consumer@demo.longhuo.cn");
  const tjBuyer = await user("tjbuyer@demo.longhuo.cn");
  const staff = await user("staff@demo.longhuo.cn");
  const coopOf = (slug: string) => coops.find((c) => c.slug === slug)!;
  const year = Number(businessDay(now).slice(0, 4));

  // ── Orchards: this year's season adopted and harvested, next year's on sale (秦安) or in its renewal window (花牛).
  for (const o of ORCHARDS) {
    const coop = coopOf(o.coop);
    const orchard = await makeOrchard(prisma, {
      slug: o.slug, name: o.name, variety: o.variety, intro: o.intro, coopId: coop.id, countyId: counties.get(o.county)!.id, categoryId: categories.TREE,
      rows: o.rows, cols: o.cols, shareGrams: o.shareGrams, households: weights(coop.households, 5), imageCount: 2,
    });
    const last = await makeOrchardSeason(prisma, {
      orchardId: orchard.id, year, priceFen: o.priceFen, orgPriceFen: o.orgPriceFen,
      renewalOpensAt: new Date(Date.UTC(year - 1, 11, 1)), opensAt: new Date(Date.UTC(year - 1, 11, 15)), closesAt: new Date(Date.UTC(year, 2, 31)),
      harvestFrom: o.slug === "qinan-mitao" ? `${year}-07-20` : `${year}-10-10`, harvestTo: o.slug === "qinan-mitao" ? `${year}-08-20` : `${year}-10-31`,
    });
    const renewal = o.slug === "qinan-mitao" ? { renewalOpensAt: new Date(now.getTime() - 20 * DAY), opensAt: new Date(now.getTime() - 5 * DAY) } : { renewalOpensAt: new Date(now.getTime() - 3 * DAY), opensAt: new Date(now.getTime() + 12 * DAY) };
    await makeOrchardSeason(prisma, {
      orchardId: orchard.id, year: year + 1, priceFen: o.priceFen, orgPriceFen: o.orgPriceFen, ...renewal, closesAt: new Date(Date.UTC(year + 1, 3, 30)),
      harvestFrom: o.slug === "qinan-mitao" ? `${year + 1}-07-20` : `${year + 1}-10-10`, harvestTo: o.slug === "qinan-mitao" ? `${year + 1}-08-20` : `${year + 1}-10-31`,
    });
    // last season's adopters: the demo consumer (one tree), and for 花牛 the Tianjin hospital (ten trees, organisation price, by transfer)
    const during = new Date(Date.UTC(year, 0, 10, 2));
    const mine = await adoptTrees({
      adopter: consumer, orchardSlug: o.slug, year, now: during,
      form: { year, mode: "pick", trees: o.slug === "qinan-mitao" ? "A-03" : "B-05", count: "", displayName: "林晓雯一家", payment: "CARD", clientRequestId: `seed:tree:${o.slug}:${year}` },
    });
    await pay(mine.id, during);
    if (o.slug === "maiji-huaniu") {
      const org = await adoptTrees({
        adopter: tjBuyer, orchardSlug: o.slug, year, now: during,
        form: { year, mode: "any", trees: "", count: "10", displayName: "天津市津南区人民医院", payment: "BANK_TRANSFER", clientRequestId: `seed:tree:${o.slug}:${year}:org` },
      });
      await pay(org.id, new Date(during.getTime() + 3 * DAY));
    }
    for (const entry of GROWTH_LOG[o.slug] ?? []) {
      const exists = await prisma.growthLogEntry.findFirst({ where: { orchardId: orchard.id, text: entry.text }, select: { id: true } });
      if (exists) continue;
      await prisma.growthLogEntry.create({ data: { orchardId: orchard.id, seasonYear: entry.season === "last" ? year : year + 1, stage: entry.stage, text: entry.text, authorId: staff.id, createdAt: new Date(now.getTime() - entry.daysAgo * DAY) } });
    }
    // the demo consumer's share: two parts to two addresses, harvested and shipped
    const adoption = await prisma.treeAdoption.findFirstOrThrow({ where: { orderId: mine.id }, select: { code: true, shareGrams: true, _count: { select: { deliveries: true } } } });
    if (adoption._count.deliveries === 0) {
      const kg = adoption.shareGrams / 1000;
      const home = { recipient: "林晓雯", mobile: "13906001234", province: "福建省", city: "厦门市", district: "思明区", street: "湖滨南路 88 号 1203 室" };
      const parents = { recipient: "林国栋", mobile: "13906009876", province: "福建省", city: "泉州市", district: "鲤城区", street: "中山中路 12 号" };
      const from = last.harvestFrom;
      await planDeliveries({ adopter: consumer, code: adoption.code, parts: [{ row: 0, grams: (kg - 10) * 1000, deliverOn: from, gift: false, address: home }, { row: 1, grams: 10_000, deliverOn: addDays(from, 7), gift: false, address: parents }] });
      const season = await prisma.orchardSeason.findUniqueOrThrow({ where: { id: last.id }, select: { harvestedAt: true } });
      if (!season.harvestedAt) await recordHarvest({ coopId: coop.id, seasonId: last.id, grams: o.rows * o.cols * o.shareGrams, note: "果形端正", actorId: staff.id });
      const parts = await prisma.harvestDelivery.findMany({ where: { adoption: { code: adoption.code } }, orderBy: { deliverOn: "asc" }, select: { id: true } });
      for (const [i, d] of parts.entries()) await shipDelivery({ coopId: coop.id, deliveryId: d.id, courier: "顺丰速运", trackingNumber: `SF7${o.slug.length}${String(i + 1).padStart(9, "0")}`, actorId: staff.id });
    }
  }

  // ── Tours to 临夏, with the demo consumer's two-seat booking on the first departure.
  for (const t of TOURS) {
    const operator = coopOf(t.operator);
    const pkg = await makeTourPackage(prisma, {
      slug: t.slug, name: t.name, intro: t.intro, coopId: operator.id, countyId: counties.get(t.county)!.id, categoryId: categories.TOUR, days: t.days,
      itinerary: [...t.itinerary], inclusions: [...t.inclusions], exclusions: [...t.exclusions], earners: [...t.earners],
      households: weights(coopOf(t.householdsFrom).households, 6), imageCount: 2,
    });
    const today = businessDay(now);
    for (const d of t.departures) {
      await makeDeparture(prisma, { packageId: pkg.id, departOn: addDays(today, d.inDays), capacity: d.capacity, priceFen: d.priceFen, groupPriceFen: d.groupPriceFen });
    }
  }
  const firstTour = await prisma.tourDeparture.findFirstOrThrow({ where: { package: { slug: TOURS[0].slug } }, orderBy: { departOn: "asc" }, select: { id: true } });
  const already = await prisma.order.findUnique({ where: { clientRequestId: "seed:tour:1" }, select: { id: true } });
  if (!already) {
    const booking = await bookDeparture({
      buyer: consumer, departureId: firstTour.id, clientRequestId: "seed:tour:1",
      travellers: DEMO_TRAVELLERS.map((x) => ({ ...x, birthDate: `${x.idNumber.slice(6, 10)}-${x.idNumber.slice(10, 12)}-${x.idNumber.slice(12, 14)}` })),
    });
    await pay(booking.id, now);
  }

  // ── Pre-sales in 陇南, with paid pre-orders from the demo shoppers (first paid, first filled).
  const shoppers = await prisma.user.findMany({ where: { email: { startsWith: "shopper" } }, orderBy: { email: "asc" }, select: { id: true } });
  for (const p of PRESALES) {
    const coop = coopOf(p.coop);
    const presale = await makePresale(prisma, {
      slug: p.slug, name: p.name, intro: p.intro, coopId: coop.id, countyId: counties.get(p.county)!.id, categoryId: categories.PRESALE, unit: p.unit, unitGrams: p.unitGrams,
      priceFen: p.priceFen, depositFen: p.depositFen, committedQty: p.committedQty, minimumQty: p.minimumQty, harvestFrom: p.harvestFrom, harvestTo: p.harvestTo,
      closesAt: new Date(now.getTime() + p.closesInDays * DAY), unpaidBalance: p.unpaidBalance, households: weights(coop.households, 6), imageCount: 2,
    });
    if (presale.status !== "OPEN") continue;
    const address = { recipient: "演示买家", mobile: "13800000001", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 100 号" };
    for (const [i, shopper] of shoppers.slice(0, 8).entries()) {
      const quantity = p.depositFen === null ? 10 + (i % 4) * 5 : 4 + (i % 3) * 2;
      const mode = p.depositFen === null || i % 2 === 0 ? "FULL" : "DEPOSIT";
      const order = await placePreorder({ buyer: { id: shopper.id, organizationId: null }, slug: p.slug, form: { quantity, mode, clientRequestId: `seed:presale:${p.slug}:${i}`, ...address } });
      await pay(order.id, new Date(now.getTime() - (20 - i) * DAY));
    }
    if (p.depositFen !== null) {
      const home = { recipient: "林晓雯", mobile: "13906001234", province: "福建省", city: "厦门市", district: "思明区", street: "湖滨南路 88 号 1203 室" };
      const order = await placePreorder({ buyer: consumer, slug: p.slug, form: { quantity: 4, mode: "DEPOSIT", clientRequestId: `seed:presale:${p.slug}:consumer`, ...home } });
      await pay(order.id, new Date(now.getTime() - 2 * DAY));
    }
  }
}
