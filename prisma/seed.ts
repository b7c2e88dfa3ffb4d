// Demo data for 陇货通: deterministic and re-runnable (every write is an upsert on a natural key).
// Run with `npm run db:seed`; the README's first command runs it for you.
import { createClient } from "@libsql/client";
import { prisma } from "~/db.server";
import { databaseConfig } from "~/lib/database-url";
import { chinaDate } from "~/lib/china-time";
import { toPinyin } from "~/models/catalog/pinyin";
import { recountUnitsSold } from "~/models/catalog/units-sold.server";
import {
  listInHall,
  makeCategory,
  makeCity,
  makeCoop,
  makeCounty,
  makeHall,
  makeHousehold,
  makeOrganization,
  makePaidOrder,
  makePrefecture,
  makeProduct,
  makeUser,
  seededRandom,
  setShare,
} from "../tests/factories";
import { COUNTIES, EASTERN_CITIES, PREFECTURES } from "./seed-data/geography";
import { seedSchemes, seedTravelEnterprise } from "./seed-schemes";
import { CATEGORIES, COOPS, isFreshProduce, PRODUCTS } from "./seed-data/catalog";
import { DEMO_ACCOUNTS, DEMO_APPLICATION, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "./seed-data/demo";
import { demoPhotoKey, drawDemoPhoto, DEMO_PHOTO_HEIGHT, DEMO_PHOTO_WIDTH } from "./seed-data/photos";
import { ensureDemoPhotos } from "~/models/coops/photos.server";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { checkDocument } from "~/lib/documents.server";
import { getUserWithRoles } from "~/models/accounts/user.server";
import { myApplication, submitApplication } from "~/models/suppliers/application.server";
import sharp from "sharp";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { seedBatches, seedInvoices, seedProgrammes, seedTracedOrder } from "./seed-trust";
import { rateParcel } from "~/models/coops/rating.server";
import { createAfterSalesRequest } from "~/models/after-sales/request.server";
import { confirmReceipt, shipParcels } from "~/models/parcels/shipping.server";
import { acceptRequest } from "~/models/after-sales/request.server";
import { cancelUnpaidOrder, placeOrder } from "~/models/orders/order.server";

const TOWNSHIP_SUFFIXES = ["城关镇", "新集乡", "石门乡", "红崖镇", "柳林镇", "杨家岘乡", "马坞镇", "峡门乡"];
const VILLAGE_NAMES = [
  "王家庄村", "李家湾村", "柳树沟村", "红土坡村", "杏树湾村", "石板沟村", "马家河村", "阳坡村",
  "张家山村", "上庄村", "下河村", "梨园村", "核桃坪村", "麻地湾村", "窑洞村", "高崖村",
];

async function enableWal() {
  // WAL lets readers proceed while a writer commits; it persists in the database file once set.
  const config = databaseConfig();
  if (!config.url.startsWith("file:")) return;
  const client = createClient(config);
  await client.execute("PRAGMA journal_mode=WAL");
  client.close();
}

async function main() {
  const started = Date.now();
  await enableWal();
  const rand = seededRandom(20191124);

  const cities = new Map<string, string>();
  for (const c of EASTERN_CITIES) {
    const city = await makeCity(prisma, {
      slug: c.slug, name: c.name, province: c.province, since: c.since, intro: c.intro, districts: c.districts,
    });
    cities.set(c.slug, city.id);
    await makeHall(prisma, { slug: c.slug, cityId: city.id, name: c.hallName, slogan: c.hallSlogan, address: c.hallAddress });
  }

  const prefectures = new Map<string, string>();
  for (const p of PREFECTURES) {
    const pref = await makePrefecture(prisma, {
      slug: p.slug, name: p.name, shortName: p.shortName, intro: p.intro, partnerCityId: cities.get(p.partnerCity)!,
    });
    prefectures.set(p.slug, pref.id);
  }

  const counties = new Map<string, { id: string; prefecture: string; partnerCity: string; name: string }>();
  for (const c of COUNTIES) {
    const county = await makeCounty(prisma, {
      slug: c.slug,
      name: c.name,
      pinyin: toPinyin(c.name).full,
      prefectureId: prefectures.get(c.prefecture)!,
      partnerCityId: cities.get(c.partnerCity)!,
      partnerDistrict: c.partnerDistrict,
      leftPoverty: c.leftPoverty,
      leftPovertyYear: c.leftPovertyYear,
      population: c.population,
      profile: c.profile,
    });
    counties.set(c.slug, { id: county.id, prefecture: c.prefecture, partnerCity: c.partnerCity, name: c.name });
  }

  const categories = new Map<string, string>();
  for (const [i, c] of CATEGORIES.entries()) {
    categories.set(c.slug, (await makeCategory(prisma, { slug: c.slug, name: c.name, position: i })).id);
  }

  // Co-ops, each with the registered poor households it sources from.
  const coops: { id: string; slug: string; county: string; prefecture: string; households: string[] }[] = [];
  let householdNo = 0;
  for (const c of COOPS) {
    const county = counties.get(c.county)!;
    const coop = await makeCoop(prisma, {
      slug: c.slug, name: c.name, kind: c.kind, creditCode: c.creditCode, countyId: county.id, status: "CERTIFIED",
      intro: c.intro, contactName: c.contactName, contactPhone: c.contactPhone,
    });
    const households: string[] = [];
    const count = 6 + Math.floor(rand() * 6);
    for (let i = 0; i < count; i++) {
      householdNo += 1;
      const township = TOWNSHIP_SUFFIXES[Math.floor(rand() * TOWNSHIP_SUFFIXES.length)];
      const household = await makeHousehold(prisma, {
        code: `GS-${c.county.toUpperCase().slice(0, 6)}-${String(householdNo).padStart(4, "0")}`,
        countyId: county.id,
        coopId: coop.id,
        township,
        village: VILLAGE_NAMES[Math.floor(rand() * VILLAGE_NAMES.length)],
        members: 1 + Math.floor(rand() * 7),
      });
      households.push(household.id);
    }
    coops.push({ id: coop.id, slug: c.slug, county: c.county, prefecture: county.prefecture, households });
  }

  // ── issue 15 item 15: every product is supplied by a co-op of its own county ──────────────
  // Counties with products but none of the listed co-ops get one of their own (with its own
  // households, from its own generator so the draws above and below stay as they were), so that a
  // sale's county, co-op and households always agree.
  coops.push(...(await seedOwnCountyCoops(counties, coops.map((c) => c.county))));

  const halls = await prisma.hall.findMany({ select: { id: true, slug: true } });
  const hallBySlug = new Map(halls.map((h) => [h.slug, h.id]));

  // Reference prices (市场参考价) from their own generator, so the rest of the demo stays as it was.
  const refRand = seededRandom(20261201);
  const REF_SOURCES = ["京东自营同规格", "天猫旗舰店同规格", "兰州东部综合批发市场", "本地农贸市场"];
  const photoStarted = Date.now();
  let photosDrawn = 0;
  for (const [i, p] of PRODUCTS.entries()) {
    const county = counties.get(p.county)!;
    // The supplier is a co-op of the product's own county (seedOwnCountyCoops made sure there is one).
    const pool = coops.filter((c) => c.county === p.county);
    if (pool.length === 0) throw new Error(`没有 ${p.county} 的合作社供货 ${p.name}`);
    const coop = pool[i % pool.length];
    const certified = rand() < 0.92;
    // This draw once made up a sales counter; 累计售出 now comes from the demo orders below. It
    // is kept so that every later draw, and so the rest of the demo data, stays as it was.
    rand();
    const product = await makeProduct(prisma, {
      slug: p.slug,
      name: p.name,
      description: p.description,
      unit: p.unit,
      harvestSeason: p.harvestSeason,
      shippingNote: p.shippingNote,
      countyId: county.id,
      coopId: coop.id,
      categoryId: categories.get(p.category)!,
      certNumber: certified ? `甘扶产认〔2020〕${String(1000 + i).padStart(5, "0")}号` : null,
      certStatus: certified ? "CERTIFIED" : "PENDING",
      bestseller: p.bestseller ?? false,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 36e5 * 13),
      variants: p.variants.map((v, vi) => ({
        sku: `${p.slug}-${vi + 1}`.toUpperCase(),
        name: v.name,
        weightGrams: v.weightGrams,
        priceFen: v.priceFen,
        giftBox: v.giftBox ?? false,
        minOrderQty: v.minOrderQty ?? 1,
        // A few sold-out variants so "in stock" filters and sold-out states show up in the demo.
        stock: rand() < 0.06 ? 0 : 20 + Math.floor(rand() * 480),
        // most priced near the market, a few well above it (what issue 17's review queue is for)
        refPriceFen: Math.round((v.priceFen * (0.75 + refRand() * 0.6)) / 10) * 10,
        refPriceSource: REF_SOURCES[Math.floor(refRand() * REF_SOURCES.length)],
        refPriceDate: `2026-11-${String(1 + Math.floor(refRand() * 28)).padStart(2, "0")}`,
        // a gift box of the demo co-op is set to warn, so /coop shows what a low-stock warning looks like
        lowStockThreshold: p.slug === "qinan-mitao-jingpin-lihe" ? 1000 : 30,
      })),
    });
    // Real raster photos (drawn, resized like uploads); stored once, found again on a re-run.
    // SEED_PHOTOS=0 (only tests/integration/demo-data.test.ts, which checks the numbers) skips them.
    const countyName = counties.get(p.county)!.name;
    if (process.env.SEED_PHOTOS !== "0") await ensureDemoPhotos(
      product.id,
      Array.from({ length: p.bestseller ? 2 : 1 }, (_, n) => ({
        storageKey: demoPhotoKey(p.slug, n),
        alt: `${p.name}（${countyName}）${n === 0 ? "" : "细节"}`,
        width: DEMO_PHOTO_WIDTH,
        height: DEMO_PHOTO_HEIGHT,
        draw: () => {
          photosDrawn += 1;
          return drawDemoPhoto({ name: p.name, category: p.category, county: countyName }, n);
        },
      })),
    );
    // Volume tiers for institution buyers on every variant: 5% off from 50 units, 10% from 200.
    for (const variant of product.variants) {
      await prisma.priceTier.deleteMany({ where: { variantId: variant.id, organizationId: null } });
      await prisma.priceTier.createMany({
        data: [
          { variantId: variant.id, minQty: 50, priceFen: Math.round((variant.priceFen * 95) / 100) },
          { variantId: variant.id, minQty: 200, priceFen: Math.round((variant.priceFen * 90) / 100) },
        ],
      });
    }
    // The households behind the product share its sales by weight.
    const shareCount = Math.min(coop.households.length, 3 + Math.floor(rand() * 4));
    const start = Math.floor(rand() * coop.households.length);
    await prisma.productShare.deleteMany({ where: { productId: product.id } });
    for (let k = 0; k < shareCount; k++) {
      const householdId = coop.households[(start + k) % coop.households.length];
      await setShare(prisma, { productId: product.id, householdId, weight: 1 + Math.floor(rand() * 5) });
    }
    // Each hall lists its paired areas' products, plus every bestseller.
    for (const hall of EASTERN_CITIES) {
      const paired = county.partnerCity === hall.slug;
      if (!paired && !p.bestseller) continue;
      await listInHall(prisma, {
        hallId: hallBySlug.get(hall.slug)!,
        productId: product.id,
        featured: Boolean(p.bestseller) && paired,
        featuredRank: i,
        // 当季鲜品 holds fresh fruit and vegetables only (not chips, dried fruit or tins)
        seasonal: isFreshProduce(p) && paired,
      });
    }
  }

  console.log(`演示商品图片：新绘制 ${photosDrawn} 张，用时 ${((Date.now() - photoStarted) / 1000).toFixed(1)} s`);

  const orgIds = new Map<string, string>();
  for (const o of DEMO_ORGANIZATIONS) {
    const org = await makeOrganization(prisma, o);
    orgIds.set(o.creditCode, org.id);
  }
  coops.push(await seedTravelEnterprise(counties));
  for (const a of DEMO_ACCOUNTS) {
    await makeUser(prisma, {
      email: a.email,
      name: a.name,
      password: DEMO_PASSWORD,
      roles: a.roles,
      organizationId: a.orgCreditCode ? orgIds.get(a.orgCreditCode) : null,
      coopId: a.coopSlug ? coops.find((c) => c.slug === a.coopSlug)!.id : null,
      countyId: a.countySlug ? counties.get(a.countySlug)!.id : null,
    });
  }
  await seedApplication(counties.get(DEMO_APPLICATION.county)!.id);

  // Batches before any order, so paid orders take their units first in, first out.
  await seedBatches(prisma, seededRandom(17));
  await seedProgrammes(prisma, DEMO_ORGANIZATIONS[0].creditCode);
  await seedInstitutionBuying();
  await seedOrderHistory(rand, orgIds);
  await seedInvoices(prisma, DEMO_ORGANIZATIONS[0].creditCode);
  await seedTracedOrder(prisma);
  await seedParcels();
  await seedConsumerOrderStates();
  await seedWelfareAllowances();
  await seedSchemes(counties, coops);
  await seedShopperLists();
  await seedAccountExtras();
  // 累计售出 from the orders just seeded (the factories write paid orders without the counter).
  await recountUnitsSold(prisma);

  const counts = {
    halls: await prisma.hall.count(),
    prefectures: await prisma.prefecture.count(),
    counties: await prisma.county.count(),
    coops: await prisma.coop.count(),
    households: await prisma.household.count(),
    products: await prisma.product.count(),
    variants: await prisma.variant.count(),
    organizations: await prisma.organization.count(),
    users: await prisma.user.count(),
    paidOrders: await prisma.order.count({ where: { paidAt: { not: null } } }),
    parcels: await prisma.parcel.count(),
    ledgerEntries: await prisma.attributionEntry.count(),
    batches: await prisma.batch.count(),
    invoices: await prisma.invoice.count(),
    trees: await prisma.tree.count(),
    adoptions: await prisma.treeAdoption.count(),
    departures: await prisma.tourDeparture.count(),
    presales: await prisma.presale.count(),
  };
  console.log(`种子数据已就绪 (${((Date.now() - started) / 1000).toFixed(1)} s):`, counts);
}

/** One supplier application waiting for the county (kept as it is once filed). */
async function seedApplication(countyId: string) {
  const account = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_APPLICATION.applicant }, select: { id: true } });
  const user = (await getUserWithRoles(account.id))!;
  if (await myApplication(user.id)) return;
  const picture = await sharp({ create: { width: 1200, height: 850, channels: 3, background: "#fff7ed" } })
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="850"><rect x="30" y="30" width="1140" height="790" fill="none" stroke="#b91c1c" stroke-width="12"/><rect x="90" y="200" width="700" height="24" fill="#d6d3d1"/><rect x="90" y="280" width="900" height="24" fill="#d6d3d1"/><rect x="90" y="360" width="600" height="24" fill="#d6d3d1"/><circle cx="950" cy="640" r="110" fill="none" stroke="#dc2626" stroke-width="10"/></svg>`) }])
    .jpeg()
    .toBuffer();
  const licence = await checkDocument(new File([new Uint8Array(picture)], "licence.jpg", { type: "image/jpeg" }), "licence", "营业执照");
  const { applicant: _, county: __, ...fields } = DEMO_APPLICATION;
  await submitApplication({
    user,
    licence,
    data: {
      ...fields,
      creditCode: fields.creditCode + creditCodeCheckChar(fields.creditCode),
      countyId,
      benefitWages: true,
      benefitDividends: false,
      benefitPurchase: true,
      benefitLandLease: false,
    },
  });
}

/**
 * The demo organisation's buying: a pledge, one paid bulk order (shows on the pledge dashboard)
 * and one submitted order above the approval limit waiting for approver@. Re-runnable: orders are
 * keyed by clientRequestId, the transfer by its bank serial.
 */
async function seedInstitutionBuying() {
  const org = await prisma.organization.findUniqueOrThrow({ where: { creditCode: DEMO_ORGANIZATIONS[0].creditCode } });
  const buyer = await prisma.user.findUniqueOrThrow({ where: { email: "buyer@demo.longhuo.cn" } });
  const staff = await prisma.user.findUniqueOrThrow({ where: { email: "staff@demo.longhuo.cn" } });
  const boxes = await prisma.variant.findMany({
    where: { giftBox: true, stock: { gte: 120 }, active: true, product: { status: "ACTIVE", county: { partnerCity: { slug: "fuzhou" } } } },
    orderBy: { sku: "asc" },
    take: 2,
    select: { id: true, minOrderQty: true },
  });
  if (boxes.length < 2) return;
  const header = { poNumber: "GL-2026-001", costCentre: "机关工会", paymentMethod: "BANK_TRANSFER" as const, invoiceType: "PLAIN", invoiceTitle: org.invoiceTitle, invoiceTaxNo: org.taxNumber };
  const paid = await submitBulkOrder({
    buyer, organization: org, clientRequestId: "seed:bulk-paid-1", header,
    lines: [{ variantId: boxes[0].id, quantity: Math.max(10, boxes[0].minOrderQty) }],
  });
  const saved = await prisma.order.findUniqueOrThrow({ where: { id: paid.id }, select: { status: true, totalFen: true } });
  if (saved.status === "PENDING_PAYMENT") {
    await recordBankTransfer({ orderNumber: paid.number, amountFen: saved.totalFen, bankSerial: "SEED-0001", receivedOn: new Date(Date.UTC(2026, 0, 20, 2)), staffId: staff.id });
  }
  await submitBulkOrder({
    buyer, organization: org, clientRequestId: "seed:bulk-pending-1", header: { ...header, poNumber: "GL-2026-002" },
    lines: [{ variantId: boxes[0].id, quantity: Math.max(60, boxes[0].minOrderQty) }, { variantId: boxes[1].id, quantity: Math.max(50, boxes[1].minOrderQty) }],
  });
}

/**
 * A year of paid orders so /impact and the reports look alive: 300 orders by the demo organisations
 * (bulk, several lines) and consumers (one or two lines), each attributed through recordSale.
 * Numbered DEMO-H0001…: a re-run finds them and writes nothing.
 */
async function seedOrderHistory(rand: () => number, orgIds: Map<string, string>) {
  const ORDERS = 300;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 2);
  const variants = await prisma.variant.findMany({
    where: { active: true, product: { status: "ACTIVE" } },
    select: { id: true, priceFen: true, minOrderQty: true, product: { select: { county: { select: { partnerCityId: true } } } } },
    orderBy: { sku: "asc" },
  });
  const halls = await prisma.hall.findMany({ select: { id: true, cityId: true, city: { select: { name: true } } }, orderBy: { slug: "asc" } });
  const orgMembers = await prisma.user.findMany({ where: { organizationId: { not: null } }, select: { id: true, organizationId: true } });
  const orgs = await prisma.organization.findMany({ where: { id: { in: [...orgIds.values()] } }, select: { id: true, city: true }, orderBy: { creditCode: "asc" } });
  // The demo organisation's pledge for this year (kept if someone already edited it).
  const pledgeOrg = orgIds.get(DEMO_ORGANIZATIONS[0].creditCode)!;
  const year = chinaDate(new Date()).year;
  await prisma.pledge.upsert({
    where: { organizationId_year: { organizationId: pledgeOrg, year } },
    create: { organizationId: pledgeOrg, year, targetFen: 50_000_000 },
    update: {},
  });
  const consumers: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const user = await makeUser(prisma, { email: `shopper${String(i).padStart(2, "0")}@demo.longhuo.cn`, name: `演示买家${i}`, password: DEMO_PASSWORD });
    consumers.push(user.id);
  }
  // The demo consumer's own orders are the curated ones of seedParcels (each tab of 我的订单 has
  // some); a 13th shopper keeps the draws of this history as they were.
  const extra = await makeUser(prisma, { email: "shopper13@demo.longhuo.cn", name: "演示买家13", password: DEMO_PASSWORD });
  consumers.push(extra.id);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];

  for (let k = 1; k <= ORDERS; k++) {
    const number = `DEMO-H${String(k).padStart(4, "0")}`;
    const isOrg = rand() < 0.35;
    const org = isOrg ? pick(orgs) : null;
    // Organisations buy through their own city's hall; consumers through any.
    const hall = (org && halls.find((h) => h.city.name === org.city)) || pick(halls);
    // Buyers mostly buy what their city's hall lists: products of the paired counties.
    const paired = variants.filter((v) => v.product.county.partnerCityId === hall.cityId);
    const pool = paired.length ? paired : variants;
    const buyerId = org ? orgMembers.find((m) => m.organizationId === org.id)?.id ?? pick(consumers) : pick(consumers);
    const lineCount = isOrg ? 2 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2);
    const chosen = new Map<string, number>();
    for (let l = 0; l < lineCount; l++) {
      const v = pick(pool);
      const qty = isOrg ? Math.max(v.minOrderQty, 10 + Math.floor(rand() * 60)) : Math.max(v.minOrderQty, 1 + Math.floor(rand() * 3));
      chosen.set(v.id, qty);
    }
    const paidAt = new Date(today - Math.floor(rand() * 365) * 86_400_000 - Math.floor(rand() * 10) * 3_600_000);
    await makePaidOrder(prisma, {
      number,
      buyerId,
      organizationId: org?.id ?? null,
      hallId: hall.id,
      city: org?.city ?? hall.city.name,
      paidAt,
      lines: [...chosen].map(([variantId, quantity]) => ({ variantId, quantity })),
    });
  }
}

/**
 * Parcels for the demo co-op managers (coop@ and coop2@): the demo consumer's recent orders from
 * their two co-ops, some waiting to ship (one past 48 hours, so staff see it), some shipped, some
 * received and rated, and one after-sales request waiting for coop@. Numbered LH-2612-DEMO-P00…, so that their pages open like any order; a re-run
 * finds each order and only takes the steps not yet taken.
 */
async function seedParcels() {
  const consumer = await prisma.user.findUniqueOrThrow({ where: { email: "consumer@demo.longhuo.cn" }, select: { id: true } });
  const managers = await prisma.user.findMany({ where: { email: { in: ["coop@demo.longhuo.cn", "coop2@demo.longhuo.cn"] } }, select: { id: true, coopId: true } });
  const variantOf = async (coopSlug: string, skip: number) =>
    prisma.variant.findFirstOrThrow({ where: { active: true, stock: { gte: 20 }, product: { status: "ACTIVE", coop: { slug: coopSlug } } }, orderBy: { sku: "asc" }, skip, select: { id: true } });
  const peach = [await variantOf("qinan-liuping-mitao", 0), await variantOf("qinan-liuping-mitao", 1)];
  const apple = await variantOf("maiji-huaniu-pingguo", 0);
  const address = { recipient: "林晓雯", mobile: "13906001234", province: "天津市", city: "天津市", district: "津南区", street: "咸水沽镇津沽路 88 号 2 单元 501" };
  const hours = (h: number) => new Date(Date.now() - h * 3_600_000);
  const plans = [
    { number: "LH-2612-DEMO-P001", paidHours: 5, lines: [{ variantId: peach[0].id, quantity: 2 }, { variantId: apple.id, quantity: 1 }], ship: 0, receive: 0 },
    { number: "LH-2612-DEMO-P002", paidHours: 60, lines: [{ variantId: peach[1].id, quantity: 1 }], ship: 0, receive: 0 },
    { number: "LH-2612-DEMO-P003", paidHours: 20, lines: [{ variantId: peach[0].id, quantity: 3 }], ship: 0, receive: 0 },
    { number: "LH-2612-DEMO-P004", paidHours: 72, lines: [{ variantId: peach[0].id, quantity: 2 }, { variantId: apple.id, quantity: 2 }], ship: 48, receive: 0 },
    { number: "LH-2612-DEMO-P005", paidHours: 200, lines: [{ variantId: peach[1].id, quantity: 1 }], ship: 180, receive: 120, rating: { score: 5, comment: "桃子又大又甜，包装很用心" } },
    { number: "LH-2612-DEMO-P006", paidHours: 400, lines: [{ variantId: peach[0].id, quantity: 1 }, { variantId: apple.id, quantity: 3 }], ship: 380, receive: 300, rating: { score: 4, comment: "发货快，有一个稍有磕碰" } },
  ];
  for (const [k, plan] of plans.entries()) {
    const order = await makePaidOrder(prisma, { number: plan.number, buyerId: consumer.id, address, paidAt: hours(plan.paidHours), lines: plan.lines });
    const parcels = await prisma.parcel.findMany({ where: { orderId: order.id }, orderBy: { seq: "asc" }, select: { id: true, seq: true, coopId: true, status: true } });
    for (const parcel of parcels) {
      const manager = managers.find((m) => m.coopId === parcel.coopId);
      if (plan.ship && parcel.status === "PENDING" && manager) {
        await shipParcels({ coopId: parcel.coopId, actorId: manager.id, now: hours(plan.ship), parcels: [{ parcelId: parcel.id, courier: "顺丰", trackingNumber: `SF14${String(k).padStart(2, "0")}${String(parcel.seq).padStart(9, "0")}` }] });
      }
      if (plan.receive && (parcel.status === "PENDING" || parcel.status === "SHIPPED")) await confirmReceipt({ parcelId: parcel.id, buyerId: consumer.id, now: hours(plan.receive) });
      if (plan.rating && !(await prisma.coopRating.findUnique({ where: { parcelId: parcel.id } }))) await rateParcel({ parcelId: parcel.id, buyerId: consumer.id, ...plan.rating });
    }
  }
  // one request for coop@ to answer: two peaches of LH-2612-DEMO-P004 arrived bruised
  const p4 = await prisma.parcel.findFirst({ where: { order: { number: "LH-2612-DEMO-P004" }, coop: { slug: "qinan-liuping-mitao" } }, select: { id: true, items: { select: { orderLineId: true } }, _count: { select: { afterSales: true } } } });
  if (p4 && p4._count.afterSales === 0) {
    await createAfterSalesRequest({ buyerId: consumer.id, parcelId: p4.id, orderLineId: p4.items[0].orderLineId, kind: "REFUND_ONLY", quantity: 1, reason: "到货时有一盒压坏了", photos: [] });
  }
}


// ───────────── Issue 15 items 6 and 12: hot searches, 收藏 and 足迹 (helper 15c) ─────────────
// A few searches as if shoppers had made them (the counts grow from real ones), and the demo
// consumer's saved and recently viewed products.
async function seedShopperLists() {
  const searches: [string, number][] = [["花牛苹果", 128], ["核桃", 96], ["当归", 71], ["花椒", 64], ["牦牛肉", 52], ["苹果", 47], ["蜂蜜", 33], ["枸杞", 21]];
  for (const [query, count] of searches) {
    await prisma.searchQueryCount.upsert({ where: { query }, create: { query, count }, update: { count, lastSearchedAt: new Date() } });
  }
  const consumer = await prisma.user.findUniqueOrThrow({ where: { email: "consumer@demo.longhuo.cn" }, select: { id: true } });
  const products = await prisma.product.findMany({ where: { status: "ACTIVE" }, orderBy: [{ salesCount: "desc" }, { slug: "asc" }], take: 6, select: { id: true } });
  for (const [i, p] of products.entries()) {
    const at = new Date(Date.now() - i * 3_600_000);
    if (i < 3) await prisma.favorite.upsert({ where: { userId_productId: { userId: consumer.id, productId: p.id } }, create: { userId: consumer.id, productId: p.id, createdAt: at }, update: {} });
    await prisma.productView.upsert({ where: { userId_productId: { userId: consumer.id, productId: p.id } }, create: { userId: consumer.id, productId: p.id, viewedAt: at }, update: { viewedAt: at } });
  }
}

// ───── issue 15 items 8 and 10 (helper 15b): the demo consumer logs in by mobile too ─────
async function seedAccountExtras() {
  // 13800138000 (or +86 138 0013 8000) with the demo password; no saved address, so checkout shows the picker
  await prisma.user.updateMany({ where: { email: "consumer@demo.longhuo.cn", phone: null }, data: { phone: "13800138000" } });
}

// ── issue 15 item 15 (demo data that adds up) ────────────────────────────────────────────────

/**
 * A co-op for every county that sells products but has none of COOPS: named after the county's
 * first product, with 6–11 households of that county (their own generator: the rest of the demo
 * data draws as before). Re-runnable: upserts on slug and household code.
 */
const OWN_COOP_WORDS: Record<string, string> = {
  fruit: "果品", "grain-oil": "杂粮", "veg-fungi": "蔬菜", "meat-egg": "畜牧养殖", dairy: "乳品", herbs: "中药材",
  seasoning: "调味品", "tea-drink": "茶叶", nuts: "干果", noodles: "粉面加工", handicraft: "手工艺品", "gift-box": "特产",
};

async function seedOwnCountyCoops(counties: Map<string, { id: string; prefecture: string; name: string }>, covered: string[]) {
  const rand = seededRandom(2026_12_02);
  const have = new Set(covered);
  const added: { id: string; slug: string; county: string; prefecture: string; households: string[] }[] = [];
  const missing = [...new Set(PRODUCTS.map((p) => p.county))].filter((c) => !have.has(c));
  for (const [n, slug] of missing.entries()) {
    const county = counties.get(slug)!;
    const first = PRODUCTS.find((p) => p.county === slug)!;
    const word = OWN_COOP_WORDS[first.category] ?? "特产";
    const body = `MA${String(7000000 + n).padStart(7, "0")}`;
    const coop = await makeCoop(prisma, {
      slug: `${slug}-own-coop`,
      name: `${county.name}${word}产销农民专业合作社`,
      kind: "COOP",
      creditCode: `93620000${body}` + creditCodeCheckChar(`93620000${body}`),
      countyId: county.id,
      status: "CERTIFIED",
      intro: `${county.name}本地农户组建的合作社，统一收购、分拣和发货，带动本县脱贫户增收。`,
      contactName: "李主任",
      contactPhone: `139${String(31000000 + n).padStart(8, "0")}`,
    });
    const households: string[] = [];
    const count = 6 + Math.floor(rand() * 6);
    for (let i = 0; i < count; i++) {
      const household = await makeHousehold(prisma, {
        code: `GS-${slug.toUpperCase().slice(0, 6)}-OWN${String(i + 1).padStart(3, "0")}`,
        countyId: county.id,
        coopId: coop.id,
        township: TOWNSHIP_SUFFIXES[Math.floor(rand() * TOWNSHIP_SUFFIXES.length)],
        village: VILLAGE_NAMES[Math.floor(rand() * VILLAGE_NAMES.length)],
        members: 1 + Math.floor(rand() * 7),
      });
      households.push(household.id);
    }
    added.push({ id: coop.id, slug: coop.slug, county: slug, prefecture: county.prefecture, households });
  }
  return added;
}

/**
 * The demo consumer's orders beyond the parcels above, so every tab of 我的订单 has some: one
 * refunded in full after an accepted 仅退款 request, one waiting for payment (微信支付 chosen,
 * held for a day) and one cancelled. Keyed by clientRequestId / number: a re-run adds nothing.
 */
async function seedConsumerOrderStates() {
  const consumer = await prisma.user.findUniqueOrThrow({ where: { email: "consumer@demo.longhuo.cn" }, select: { id: true } });
  const manager = await prisma.user.findUniqueOrThrow({ where: { email: "coop@demo.longhuo.cn" }, select: { id: true, coopId: true } });
  const peach = await prisma.variant.findFirstOrThrow({ where: { active: true, stock: { gte: 20 }, product: { status: "ACTIVE", coop: { slug: "qinan-liuping-mitao" } } }, orderBy: { sku: "asc" }, select: { id: true } });
  const address = { recipient: "林晓雯", mobile: "13906001234", province: "天津市", city: "天津市", district: "津南区", street: "咸水沽镇津沽路 88 号 2 单元 501" };
  const hours = (h: number) => new Date(Date.now() - h * 3_600_000);

  const refunded = await makePaidOrder(prisma, { number: "LH-2612-DEMO-P007", buyerId: consumer.id, address, paidAt: hours(150), lines: [{ variantId: peach.id, quantity: 1 }] });
  const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: refunded.id }, select: { id: true, status: true, seq: true } });
  if (parcel.status === "PENDING") {
    await shipParcels({ coopId: manager.coopId, actorId: manager.id, now: hours(140), parcels: [{ parcelId: parcel.id, courier: "中通", trackingNumber: "75100700000001" }] });
    await confirmReceipt({ parcelId: parcel.id, buyerId: consumer.id, now: hours(120) });
  }
  if ((await prisma.afterSalesRequest.count({ where: { orderId: refunded.id } })) === 0) {
    const request = await createAfterSalesRequest({ buyerId: consumer.id, parcelId: parcel.id, orderLineId: refunded.lines[0].id, kind: "REFUND_ONLY", quantity: 1, reason: "到货时桃子已经软烂", photos: [] });
    await acceptRequest({ requestId: request.id, coopId: manager.coopId!, actorId: manager.id });
  }

  const pending = await placeOrder({
    buyerId: consumer.id,
    status: "PENDING_PAYMENT",
    lines: [{ variantId: peach.id, quantity: 2 }],
    reservedUntil: new Date(Date.now() + 24 * 3_600_000),
    clientRequestId: "seed:consumer-pending-1",
    address,
    extra: { paymentMethod: "WECHAT_PAY" },
  });
  const cancelled = await placeOrder({ buyerId: consumer.id, status: "PENDING_PAYMENT", lines: [{ variantId: peach.id, quantity: 1 }], reservedUntil: new Date(Date.now() + 3_600_000), clientRequestId: "seed:consumer-cancelled-1", address });
  const state = await prisma.order.findUniqueOrThrow({ where: { id: cancelled.id }, select: { status: true } });
  if (state.status === "PENDING_PAYMENT") await cancelUnpaidOrder(cancelled.id, consumer.id, "买家取消订单");
  return { pending: pending.number, cancelled: cancelled.number };
}

// ───────────── Issue 16: the demo organisation's per-head welfare standards ─────────────
async function seedWelfareAllowances() {
  const admin = await prisma.user.findUnique({ where: { email: "orgadmin@demo.longhuo.cn" }, select: { organizationId: true } });
  if (!admin?.organizationId) return;
  for (const a of [{ name: "春节慰问品", perHeadFen: 30_000 }, { name: "中秋慰问品", perHeadFen: 20_000 }]) {
    await prisma.welfareAllowance.upsert({ where: { organizationId_name: { organizationId: admin.organizationId, name: a.name } }, update: {}, create: { organizationId: admin.organizationId, ...a } });
  }
}

main()
  .then(() => prisma.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await prisma.$disconnect();
    process.exit(1);
  });
