// Factories shared by the seed (prisma/seed.ts) and the tests: one way to make each thing.
// They upsert on natural keys, so running the seed twice leaves the same data.
import bcrypt from "bcryptjs";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Role } from "~/models/accounts/roles";
import { recordSale } from "~/models/impact/ledger.server";
import { allocateBatches } from "~/models/batches/allocation.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { SCHEME_CATEGORIES, SCHEME_KINDS, SCHEME_PRODUCT_STATUS, type SchemeKind } from "~/models/orders/status";
import { splitPaidOrder } from "~/models/parcels/split.server";

type Db = PrismaClient;

let counter = 0;
/** Unique suffix for test data that does not care about names. */
export function uniq(prefix = "t") {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** Small deterministic PRNG (mulberry32) so the seed makes the same data every run. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function makeCity(
  db: Db,
  data: { slug?: string; name?: string; province?: string; since?: number; intro?: string; districts?: string[] } = {},
) {
  const slug = data.slug ?? uniq("city");
  const fields = {
    name: data.name ?? "测试城市",
    province: data.province ?? "测试省",
    since: data.since ?? 2016,
    intro: data.intro ?? "",
    districts: JSON.stringify(data.districts ?? []),
  };
  return db.easternCity.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
}

export async function makeHall(
  db: Db,
  data: { cityId: string; slug?: string; name?: string; slogan?: string; address?: string },
) {
  const slug = data.slug ?? uniq("hall");
  const fields = {
    name: data.name ?? "测试体验馆",
    slogan: data.slogan ?? "陇货东进",
    address: data.address ?? "",
    cityId: data.cityId,
  };
  return db.hall.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
}

export async function makePrefecture(
  db: Db,
  data: { partnerCityId: string; slug?: string; name?: string; shortName?: string; intro?: string },
) {
  const slug = data.slug ?? uniq("pref");
  const fields = {
    name: data.name ?? "测试市",
    shortName: data.shortName ?? data.name ?? "测试",
    intro: data.intro ?? "",
    partnerCityId: data.partnerCityId,
  };
  return db.prefecture.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
}

export async function makeCounty(
  db: Db,
  data: {
    prefectureId: string;
    partnerCityId: string;
    slug?: string;
    name?: string;
    pinyin?: string;
    partnerDistrict?: string;
    leftPoverty?: boolean;
    leftPovertyYear?: number | null;
    population?: number;
    profile?: string;
  },
) {
  const slug = data.slug ?? uniq("county");
  const fields = {
    name: data.name ?? "测试县",
    pinyin: data.pinyin ?? slug,
    prefectureId: data.prefectureId,
    partnerCityId: data.partnerCityId,
    partnerDistrict: data.partnerDistrict ?? "测试区",
    leftPoverty: data.leftPoverty ?? false,
    leftPovertyYear: data.leftPovertyYear ?? null,
    population: data.population ?? 30,
    profile: data.profile ?? "",
  };
  return db.county.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
}

export async function makeCoop(
  db: Db,
  data: {
    countyId: string;
    slug?: string;
    name?: string;
    kind?: "COOP" | "ENTERPRISE";
    creditCode?: string;
    status?: string;
    intro?: string;
    contactName?: string;
    contactPhone?: string;
  },
) {
  const slug = data.slug ?? uniq("coop");
  const fields = {
    name: data.name ?? `测试合作社${slug}`,
    kind: data.kind ?? "COOP",
    creditCode: data.creditCode ?? `93${slug.toUpperCase().replace(/[^0-9A-Z]/g, "").padEnd(16, "0").slice(0, 16)}`,
    countyId: data.countyId,
    status: data.status ?? "CERTIFIED",
    intro: data.intro ?? "",
    contactName: data.contactName ?? "张主任",
    contactPhone: data.contactPhone ?? "13800000000",
  };
  return db.coop.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
}

export async function makeHousehold(
  db: Db,
  data: { countyId: string; coopId?: string; code?: string; township?: string; village?: string; members?: number },
) {
  const code = data.code ?? uniq("HH").toUpperCase();
  const fields = {
    countyId: data.countyId,
    township: data.township ?? "城关镇",
    village: data.village ?? "新庄村",
    members: data.members ?? 4,
  };
  const household = await db.household.upsert({ where: { code }, create: { code, ...fields }, update: fields });
  if (data.coopId) {
    await db.coopHousehold.upsert({
      where: { coopId_householdId: { coopId: data.coopId, householdId: household.id } },
      create: { coopId: data.coopId, householdId: household.id },
      update: {},
    });
  }
  return household;
}

export async function makeCategory(db: Db, data: { slug?: string; name?: string; position?: number } = {}) {
  const slug = data.slug ?? uniq("cat");
  const fields = { name: data.name ?? "测试类目", position: data.position ?? 0 };
  return db.category.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
}

export interface VariantInput {
  sku?: string;
  name?: string;
  weightGrams?: number;
  priceFen?: number;
  stock?: number;
  giftBox?: boolean;
  minOrderQty?: number;
  refPriceFen?: number | null;
  refPriceSource?: string | null;
  refPriceDate?: string | null;
  lowStockThreshold?: number;
}

export async function makeProduct(
  db: Db,
  data: {
    countyId: string;
    coopId: string;
    categoryId: string;
    slug?: string;
    name?: string;
    description?: string;
    unit?: string;
    harvestSeason?: string;
    shippingNote?: string;
    certNumber?: string | null;
    certStatus?: string;
    status?: string;
    bestseller?: boolean;
    salesCount?: number;
    createdAt?: Date;
    variants?: VariantInput[];
    imageCount?: number;
  },
) {
  const slug = data.slug ?? uniq("p");
  const fields = {
    name: data.name ?? `测试商品${slug}`,
    description: data.description ?? "",
    unit: data.unit ?? "箱",
    harvestSeason: data.harvestSeason ?? "全年",
    shippingNote: data.shippingNote ?? "下单后 48 小时内发货",
    categoryId: data.categoryId,
    countyId: data.countyId,
    coopId: data.coopId,
    certNumber: data.certNumber === undefined ? `GSFP-TEST-${slug}` : data.certNumber,
    certStatus: data.certStatus ?? "CERTIFIED",
    status: data.status ?? "ACTIVE",
    bestseller: data.bestseller ?? false,
    salesCount: data.salesCount ?? 0,
  };
  const product = await db.product.upsert({
    where: { slug },
    create: { slug, ...fields, ...(data.createdAt ? { createdAt: data.createdAt } : {}) },
    update: fields,
  });
  const variants = data.variants ?? [{}];
  for (const [i, v] of variants.entries()) {
    const sku = v.sku ?? `${slug}-${i + 1}`.toUpperCase();
    const vf = {
      productId: product.id,
      name: v.name ?? "标准装",
      weightGrams: v.weightGrams ?? 1000,
      priceFen: v.priceFen ?? 1000,
      stock: v.stock ?? 100,
      giftBox: v.giftBox ?? false,
      minOrderQty: v.minOrderQty ?? 1,
      position: i,
      refPriceFen: v.refPriceFen ?? null,
      refPriceSource: v.refPriceSource ?? null,
      refPriceDate: v.refPriceDate ?? null,
      lowStockThreshold: v.lowStockThreshold ?? 0,
    };
    await db.variant.upsert({ where: { sku }, create: { sku, ...vf }, update: vf });
  }
  // Image rows without files, for tests that only need a listing to have pictures; the seed
  // stores real ones (ensureDemoPhotos) and leaves imageCount out so a re-run keeps them.
  if (data.imageCount !== undefined) {
    await db.productImage.deleteMany({ where: { productId: product.id } });
    if (data.imageCount > 0) {
      await db.productImage.createMany({
        data: Array.from({ length: data.imageCount }, (_, i) => ({
          productId: product.id,
          url: `/images/placeholder-${i + 1}.webp`,
          alt: `${fields.name} 图${i + 1}`,
          position: i,
        })),
      });
    }
  }
  await refreshProductDerived(db, product.id);
  return db.product.findUniqueOrThrow({ where: { id: product.id }, include: { variants: { orderBy: { position: "asc" } } } });
}

export async function listInHall(
  db: Db,
  data: { hallId: string; productId: string; featured?: boolean; featuredRank?: number; seasonal?: boolean },
) {
  const fields = { featured: data.featured ?? false, featuredRank: data.featuredRank ?? 0, seasonal: data.seasonal ?? false };
  const listing = await db.hallListing.upsert({
    where: { hallId_productId: { hallId: data.hallId, productId: data.productId } },
    create: { hallId: data.hallId, productId: data.productId, ...fields },
    update: fields,
  });
  // a listing changes what the hall pages show: bump the product so the catalogue caches notice
  await refreshProductDerived(db, data.productId);
  return listing;
}

export async function setShare(db: Db, data: { productId: string; householdId: string; weight: number }) {
  return db.productShare.upsert({
    where: { productId_householdId: { productId: data.productId, householdId: data.householdId } },
    create: data,
    update: { weight: data.weight },
  });
}

export async function makeOrganization(
  db: Db,
  data: {
    name?: string;
    type?: string;
    creditCode?: string;
    invoiceTitle?: string;
    taxNumber?: string;
    city?: string;
    status?: string;
    approvalLimitFen?: number;
  } = {},
) {
  const creditCode = data.creditCode ?? `11${uniq().toUpperCase().replace(/[^0-9A-Z]/g, "").padEnd(16, "0").slice(0, 16)}`;
  const name = data.name ?? `测试单位${creditCode.slice(-4)}`;
  const fields = {
    name,
    type: data.type ?? "AGENCY",
    invoiceTitle: data.invoiceTitle ?? name,
    taxNumber: data.taxNumber ?? creditCode,
    city: data.city ?? "福州",
    status: data.status ?? "VERIFIED",
    approvalLimitFen: data.approvalLimitFen ?? 0,
  };
  return db.organization.upsert({ where: { creditCode }, create: { creditCode, ...fields }, update: fields });
}

// Hashing costs ~60 ms; tests make many users with the same password, so hash it once.
const hashCache = new Map<string, string>();
async function cachedHash(password: string) {
  let hash = hashCache.get(password);
  if (!hash) {
    hash = await bcrypt.hash(password, 10);
    hashCache.set(password, hash);
  }
  return hash;
}

export async function makeUser(
  db: Db,
  data: {
    email?: string;
    name?: string;
    password?: string;
    roles?: Role[];
    organizationId?: string | null;
    coopId?: string | null;
    countyId?: string | null;
    phone?: string | null;
  } = {},
) {
  const email = (data.email ?? `${uniq("u")}@example.test`).toLowerCase();
  const passwordHash = await cachedHash(data.password ?? "password123");
  const fields = {
    name: data.name ?? "测试用户",
    passwordHash,
    organizationId: data.organizationId ?? null,
    coopId: data.coopId ?? null,
    countyId: data.countyId ?? null,
    phone: data.phone ?? null,
  };
  const user = await db.user.upsert({ where: { email }, create: { email, ...fields }, update: fields });
  for (const role of data.roles ?? ["consumer"]) {
    await db.userRole.upsert({
      where: { userId_role: { userId: user.id, role } },
      create: { userId: user.id, role },
      update: {},
    });
  }
  return user;
}

/** A county with its city, hall, prefecture, co-op and category: the smallest world a product lives in. */
export async function makeWorld(db: Db) {
  const city = await makeCity(db, { name: "福州" });
  const hall = await makeHall(db, { cityId: city.id, name: "甘肃省特色产品电商体验馆·测试馆", slogan: "陇货入闽" });
  const prefecture = await makePrefecture(db, { partnerCityId: city.id, name: "定西市", shortName: "定西" });
  const county = await makeCounty(db, { prefectureId: prefecture.id, partnerCityId: city.id, name: "渭源县" });
  const coop = await makeCoop(db, { countyId: county.id });
  const category = await makeCategory(db, { name: "粮油杂粮" });
  return { city, hall, prefecture, county, coop, category };
}

/** A volume price: from minQty units the unit price is priceFen; organizationId limits it to one org. */
export async function makePriceTier(
  db: Db,
  data: { variantId: string; minQty: number; priceFen: number; organizationId?: string | null },
) {
  return db.priceTier.create({ data: { ...data, organizationId: data.organizationId ?? null } });
}

/**
 * A paid order with its lines, attributed in the ledger through recordSale in the transaction that
 * marks it paid (as checkout does). Upserts on the order number: a second call returns the first order.
 */
export async function makePaidOrder(
  db: Db,
  data: {
    buyerId: string;
    lines: { variantId: string; quantity: number; unitPriceFen?: number }[];
    number?: string;
    organizationId?: string | null;
    hallId?: string | null;
    city?: string | null;
    paidAt?: Date;
    shippingFen?: number;
    /** With an address the order is split into one parcel per co-op, as payment does. */
    address?: { recipient: string; mobile: string; province: string; city: string; district: string; street: string };
    paymentMethod?: "TEST" | "CARD" | "BANK_TRANSFER";
  },
) {
  const number = data.number ?? uniq("LH").toUpperCase();
  const existing = await db.order.findUnique({ where: { number }, include: { lines: true } });
  if (existing) return existing;
  const variants = await db.variant.findMany({
    where: { id: { in: data.lines.map((l) => l.variantId) } },
    select: { id: true, name: true, priceFen: true, product: { select: { id: true, name: true } } },
  });
  const lines = data.lines.map((l) => {
    const v = variants.find((x) => x.id === l.variantId);
    if (!v) throw new Error(`unknown variant ${l.variantId}`);
    const unitPriceFen = l.unitPriceFen ?? v.priceFen;
    return {
      variantId: v.id,
      productId: v.product.id,
      productName: v.product.name,
      variantName: v.name,
      quantity: l.quantity,
      unitPriceFen,
      lineTotalFen: unitPriceFen * l.quantity,
    };
  });
  const subtotalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const shippingFen = data.shippingFen ?? 0;
  const paidAt = data.paidAt ?? new Date();
  return db.$transaction(async (tx) => {
    const order = await tx.order.create({
      data: {
        number,
        buyerId: data.buyerId,
        organizationId: data.organizationId ?? null,
        hallId: data.hallId ?? null,
        kind: data.organizationId ? "BULK" : "RETAIL",
        status: "PAID",
        subtotalFen,
        shippingFen,
        totalFen: subtotalFen + shippingFen,
        paymentMethod: data.paymentMethod ?? "TEST",
        ...(data.address ?? {}),
        city: data.address?.city ?? data.city ?? null,
        createdAt: paidAt,
        paidAt,
        lines: { create: lines },
      },
      include: { lines: true },
    });
    const provider = { TEST: "test", CARD: "stripe", BANK_TRANSFER: "bank" }[data.paymentMethod ?? "TEST"];
    await tx.orderEvent.create({ data: { orderId: order.id, toStatus: "PAID", actorId: data.buyerId, note: "支付成功", createdAt: paidAt } });
    await tx.payment.create({ data: { orderId: order.id, provider, providerRef: provider === "stripe" ? `pi_${order.id}` : null, amountFen: order.totalFen, status: "SUCCEEDED" } });
    await allocateBatches(tx, order.lines);
    await recordSale(tx, order.id);
    await splitPaidOrder(tx, order.id);
    return order;
  });
}

/**
 * A batch of a product with its household shares (percent, adding up to 100) and the units of each
 * variant received into it. Upserts on the code: an existing batch is returned as it is, so its
 * remaining units (taken by orders since) are never reset.
 */
export async function makeBatch(
  db: Db,
  data: {
    code: string;
    productId: string;
    coopId: string;
    createdById: string;
    producedOn: string;
    quantity?: number;
    quantityUnit?: string;
    certKind?: "PROMISE" | "TEST_REPORT";
    certNumber?: string;
    shares: { householdId: string; percent: number }[];
    stocks?: { variantId: string; units: number }[];
    receivedAt?: Date;
  },
) {
  const existing = await db.batch.findUnique({ where: { code: data.code }, select: { id: true, code: true } });
  if (existing) return existing;
  if (data.shares.reduce((s, x) => s + x.percent, 0) !== 100) throw new Error(`batch ${data.code}: shares must add up to 100`);
  return db.batch.create({
    data: {
      code: data.code,
      productId: data.productId,
      coopId: data.coopId,
      producedOn: data.producedOn,
      quantity: data.quantity ?? 500,
      quantityUnit: data.quantityUnit ?? "斤",
      certKind: data.certKind ?? "PROMISE",
      certNumber: data.certNumber ?? `HGZ-${data.code}`,
      createdById: data.createdById,
      shares: { create: data.shares },
      stocks: { create: (data.stocks ?? []).filter((s) => s.units > 0).map((s) => ({ variantId: s.variantId, received: s.units, remaining: s.units, receivedAt: data.receivedAt ?? new Date() })) },
    },
    select: { id: true, code: true },
  });
}
// ───────────── The schemes (docs/decisions/0013-schemes.md) ─────────────

export async function makeSchemeCategories(db: Db) {
  const out = {} as Record<SchemeKind, string>;
  for (const [i, kind] of SCHEME_KINDS.entries()) {
    const c = SCHEME_CATEGORIES[kind];
    out[kind] = (await makeCategory(db, { slug: c.slug, name: c.name, position: 100 + i })).id;
  }
  return out;
}

/** The backing product of a scheme offering: status SCHEME, its households as shares. */
async function makeSchemeProduct(
  db: Db,
  data: { slug: string; name: string; description: string; unit: string; season: string; countyId: string; coopId: string; categoryId: string; households?: { householdId: string; weight: number }[]; imageCount?: number },
) {
  const product = await makeProduct(db, {
    slug: data.slug,
    name: data.name,
    description: data.description,
    unit: data.unit,
    harvestSeason: data.season,
    shippingNote: "",
    countyId: data.countyId,
    coopId: data.coopId,
    categoryId: data.categoryId,
    status: SCHEME_PRODUCT_STATUS,
    variants: [],
    imageCount: data.imageCount ?? 1,
  });
  for (const h of data.households ?? []) await setShare(db, { productId: product.id, householdId: h.householdId, weight: h.weight });
  return product;
}

/** A variant of a scheme product; a re-run keeps its stock (trees adopted, seats sold stay so). */
async function schemeVariant(db: Db, data: { productId: string; sku: string; name: string; priceFen: number; stock: number; weightGrams?: number; position?: number }) {
  return db.variant.upsert({
    where: { sku: data.sku },
    create: { productId: data.productId, sku: data.sku, name: data.name, priceFen: data.priceFen, stock: data.stock, weightGrams: data.weightGrams ?? 0, position: data.position ?? 0 },
    update: { name: data.name, priceFen: data.priceFen },
    select: { id: true },
  });
}

export async function makeOrchard(
  db: Db,
  data: {
    coopId: string;
    countyId: string;
    categoryId: string;
    slug?: string;
    name?: string;
    variety?: string;
    intro?: string;
    rows?: number;
    cols?: number;
    shareGrams?: number;
    households?: { householdId: string; weight: number }[];
    imageCount?: number;
  },
) {
  const slug = data.slug ?? uniq("orchard");
  const name = data.name ?? "测试果园";
  const product = await makeSchemeProduct(db, {
    slug: `orchard-${slug}`, name: `${name}认养`, description: data.intro ?? "", unit: "棵", season: "一年", countyId: data.countyId, coopId: data.coopId,
    categoryId: data.categoryId, households: data.households, imageCount: data.imageCount,
  });
  const fields = { name, variety: data.variety ?? "蜜桃", intro: data.intro ?? "", coopId: data.coopId, rows: data.rows ?? 4, cols: data.cols ?? 6, shareGrams: data.shareGrams ?? 25_000 };
  const orchard = await db.orchard.upsert({ where: { slug }, create: { slug, productId: product.id, ...fields }, update: fields });
  for (let r = 0; r < orchard.rows; r++) {
    for (let c = 0; c < orchard.cols; c++) {
      const code = `${String.fromCharCode(65 + r)}-${String(c + 1).padStart(2, "0")}`;
      await db.tree.upsert({ where: { orchardId_code: { orchardId: orchard.id, code } }, create: { orchardId: orchard.id, code, row: r, col: c }, update: {} });
    }
  }
  return orchard;
}

/** A season of an orchard with every tree on offer (one variant of stock 1 each). */
export async function makeOrchardSeason(
  db: Db,
  data: {
    orchardId: string;
    year: number;
    priceFen?: number;
    orgPriceFen?: number;
    orgMinTrees?: number;
    renewalOpensAt?: Date;
    opensAt?: Date;
    closesAt?: Date;
    harvestFrom?: string;
    harvestTo?: string;
  },
) {
  const orchard = await db.orchard.findUniqueOrThrow({ where: { id: data.orchardId }, select: { slug: true, productId: true, trees: { select: { id: true, code: true } } } });
  const now = Date.now();
  const fields = {
    priceFen: data.priceFen ?? 29_900,
    orgPriceFen: data.orgPriceFen ?? 26_900,
    orgMinTrees: data.orgMinTrees ?? 10,
    renewalOpensAt: data.renewalOpensAt ?? new Date(now - 20 * 86_400_000),
    opensAt: data.opensAt ?? new Date(now - 10 * 86_400_000),
    closesAt: data.closesAt ?? new Date(now + 90 * 86_400_000),
    harvestFrom: data.harvestFrom ?? `${data.year}-07-20`,
    harvestTo: data.harvestTo ?? `${data.year}-08-20`,
  };
  const season = await db.orchardSeason.upsert({
    where: { orchardId_year: { orchardId: data.orchardId, year: data.year } },
    create: { orchardId: data.orchardId, year: data.year, ...fields },
    update: fields,
  });
  for (const tree of orchard.trees) {
    const variant = await schemeVariant(db, {
      productId: orchard.productId,
      sku: `TREE-${orchard.slug}-${data.year}-${tree.code}`.toUpperCase(),
      name: `${data.year} 年 ${tree.code} 号树`,
      priceFen: fields.priceFen,
      stock: 1,
    });
    await db.treeOffer.upsert({ where: { seasonId_treeId: { seasonId: season.id, treeId: tree.id } }, create: { seasonId: season.id, treeId: tree.id, variantId: variant.id }, update: {} });
  }
  await refreshProductDerived(db, orchard.productId);
  return season;
}

export async function makeTourPackage(
  db: Db,
  data: {
    coopId: string;
    countyId: string;
    categoryId: string;
    slug?: string;
    name?: string;
    intro?: string;
    days?: number;
    itinerary?: { day: number; title: string; detail: string }[];
    inclusions?: string[];
    exclusions?: string[];
    earners?: { label: string; detail: string }[];
    guardianRule?: boolean;
    cancellation?: { daysBefore: number; percent: number }[];
    cutoffDays?: number;
    households?: { householdId: string; weight: number }[];
    imageCount?: number;
  },
) {
  const slug = data.slug ?? uniq("tour");
  const name = data.name ?? "测试线路";
  const product = await makeSchemeProduct(db, {
    slug: `tour-${slug}`, name, description: data.intro ?? "", unit: "人", season: "", countyId: data.countyId, coopId: data.coopId, categoryId: data.categoryId,
    households: data.households, imageCount: data.imageCount,
  });
  const fields = {
    name,
    intro: data.intro ?? "",
    coopId: data.coopId,
    days: data.days ?? 3,
    itinerary: JSON.stringify(data.itinerary ?? [{ day: 1, title: "抵达", detail: "" }]),
    inclusions: JSON.stringify(data.inclusions ?? []),
    exclusions: JSON.stringify(data.exclusions ?? []),
    earners: JSON.stringify(data.earners ?? []),
    guardianRule: data.guardianRule ?? true,
    cancellation: JSON.stringify(data.cancellation ?? [{ daysBefore: 15, percent: 100 }, { daysBefore: 3, percent: 50 }]),
    cutoffDays: data.cutoffDays ?? 3,
  };
  return db.tourPackage.upsert({ where: { slug }, create: { slug, productId: product.id, ...fields }, update: fields });
}

export async function makeDeparture(
  db: Db,
  data: { packageId: string; departOn: string; returnOn?: string; capacity?: number; priceFen?: number; groupPriceFen?: number; groupMinSeats?: number },
) {
  const pkg = await db.tourPackage.findUniqueOrThrow({ where: { id: data.packageId }, select: { slug: true, days: true, productId: true } });
  const capacity = data.capacity ?? 20;
  const priceFen = data.priceFen ?? 259_800;
  const variant = await schemeVariant(db, { productId: pkg.productId, sku: `TOUR-${pkg.slug}-${data.departOn}`.toUpperCase(), name: `${data.departOn} 出发`, priceFen, stock: capacity });
  const fields = {
    returnOn: data.returnOn ?? new Date(Date.parse(`${data.departOn}T00:00:00Z`) + (pkg.days - 1) * 86_400_000).toISOString().slice(0, 10),
    capacity,
    priceFen,
    groupPriceFen: data.groupPriceFen ?? Math.round(priceFen * 0.9),
    groupMinSeats: data.groupMinSeats ?? 10,
  };
  const existing = await db.tourDeparture.findUnique({ where: { variantId: variant.id }, select: { id: true } });
  const departure = existing
    ? await db.tourDeparture.update({ where: { id: existing.id }, data: fields })
    : await db.tourDeparture.create({ data: { packageId: data.packageId, variantId: variant.id, departOn: data.departOn, ...fields } });
  await refreshProductDerived(db, pkg.productId);
  return departure;
}

export async function makePresale(
  db: Db,
  data: {
    coopId: string;
    countyId: string;
    categoryId: string;
    slug?: string;
    name?: string;
    intro?: string;
    unit?: string;
    unitGrams?: number;
    priceFen?: number;
    depositFen?: number | null;
    committedQty?: number;
    minimumQty?: number;
    harvestFrom?: string;
    harvestTo?: string;
    closesAt?: Date;
    balanceDays?: number;
    unpaidBalance?: "FORFEIT" | "REFUND";
    households?: { householdId: string; weight: number }[];
    imageCount?: number;
  },
) {
  const slug = data.slug ?? uniq("presale");
  const name = data.name ?? "测试预售";
  const product = await makeSchemeProduct(db, {
    slug: `presale-${slug}`, name, description: data.intro ?? "", unit: data.unit ?? "500 克", season: `${data.harvestFrom ?? ""}`, countyId: data.countyId,
    coopId: data.coopId, categoryId: data.categoryId, households: data.households, imageCount: data.imageCount,
  });
  const committedQty = data.committedQty ?? 100;
  const priceFen = data.priceFen ?? 6_800;
  const variant = await schemeVariant(db, { productId: product.id, sku: `PRESALE-${slug}`.toUpperCase(), name: data.unit ?? "500 克", priceFen, stock: committedQty, weightGrams: data.unitGrams ?? 500 });
  const fields = {
    name,
    intro: data.intro ?? "",
    coopId: data.coopId,
    unit: data.unit ?? "500 克",
    priceFen,
    depositFen: data.depositFen === undefined ? 2_000 : data.depositFen,
    committedQty,
    minimumQty: data.minimumQty ?? 10,
    harvestFrom: data.harvestFrom ?? "2027-07-01",
    harvestTo: data.harvestTo ?? "2027-07-31",
    closesAt: data.closesAt ?? new Date(Date.now() + 60 * 86_400_000),
    balanceDays: data.balanceDays ?? 7,
    unpaidBalance: data.unpaidBalance ?? "FORFEIT",
  };
  const presale = await db.presale.upsert({ where: { slug }, create: { slug, productId: product.id, variantId: variant.id, ...fields }, update: fields });
  await refreshProductDerived(db, product.id);
  return presale;
}

// ───────────── Issue 16 (bulk delivery): an institution order paid as staff record a transfer ─────────────

/**
 * Pays a submitted bulk order the way the store does: approved if it still waits (by a fresh
 * approver), then its bank transfer recorded by a fresh staff member. Gift codes need this.
 */
export async function payBulkOrder(db: Db, orderId: string) {
  const { moveToPayment } = await import("~/models/orders/order.server");
  const { recordBankTransfer } = await import("~/models/institutions/bank-transfer.server");
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true, status: true, totalFen: true } });
  const staff = await makeUser(db, { roles: ["staff"] });
  if (order.status === "PENDING_APPROVAL") await moveToPayment(orderId, staff.id, new Date(Date.now() + 10 * 86_400_000), "审批通过");
  await recordBankTransfer({ orderNumber: order.number, amountFen: order.totalFen, bankSerial: uniq("SN"), receivedOn: new Date(), staffId: staff.id });
  return db.order.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, number: true, status: true } });
}
