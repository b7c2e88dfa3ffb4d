// A co-op's new product: created as a draft (not on sale anywhere), submitted for 扶贫产品认定
// with its certificate, published when staff certify it, offered to a hall and listed when staff
// confirm. Unpublish, archive, a co-op's suspension: each takes it out of the halls and search at
// once, and each step is in the audit trail.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { hallProducts } from "~/models/catalog/product.server";
import { parseCatalogFilters } from "~/models/catalog/filters.server";
import * as certificationPage from "~/routes/admin.certification";
import * as hallsPage from "~/routes/admin.halls._index";
import * as certificatePage from "~/routes/coop.products.$slug_.certificate";
import * as editPage from "~/routes/coop.products.$slug";
import * as newPage from "~/routes/coop.products.new";
import * as scanRoute from "~/routes/certificates.$productId.scan";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as searchLoader } from "~/routes/search";
import { makeCoop, makeUser, makeWorld, uniq } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { jpegWithGps, multipartRequest, tinyPdf } from "../../support/uploads";

let w: Awaited<ReturnType<typeof makeWorld>>;
let manager: { id: string; cookie: string };
let staff: string;

beforeEach(async () => {
  w = await makeWorld(prisma);
  const user = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
  manager = { id: user.id, cookie: await cookieFor(user.id) };
  staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
});

function newForm(overrides: Record<string, string> = {}) {
  const sku = uniq("WY").toUpperCase();
  return {
    name: "渭源白条党参",
    categoryId: w.category.id,
    unit: "袋",
    description: "渭源县海拔两千米的党参，条长色白，晾晒后分级装袋。",
    harvestSeason: "10–11 月",
    shippingNote: "下单后 48 小时内发货",
    countyId: w.county.id,
    variantCount: "2",
    v0_name: "500g 袋装", v0_sku: `${sku}-1`, v0_weight: "500", v0_price: "68", v0_minOrder: "1", v0_stock: "40", v0_lowStock: "10",
    v0_refPrice: "75", v0_refSource: "京东自营同规格", v0_refDate: "2026-11-28",
    v0_t0_qty: "20", v0_t0_price: "62", v0_t1_qty: "100", v0_t1_price: "58", v0_t2_qty: "", v0_t2_price: "",
    v1_name: "礼盒 1kg", v1_sku: `${sku}-2`, v1_weight: "1000", v1_price: "158", v1_minOrder: "1", v1_stock: "12", v1_lowStock: "0", v1_giftBox: "on",
    v1_refPrice: "", v1_refSource: "", v1_refDate: "",
    v1_t0_qty: "", v1_t0_price: "", v1_t1_qty: "", v1_t1_price: "", v1_t2_qty: "", v1_t2_price: "",
    ...overrides,
  };
}

const create = (fields: Record<string, string>, cookie = manager.cookie) => responseOf(() => newPage.action(routeArgs("/coop/products/new", { cookie, form: fields })));

async function searchSlugs(q: string) {
  const response = await responseOf(() => searchLoader(routeArgs(`/search?q=${encodeURIComponent(q)}`)));
  return ((await response.json()) as { hits: { product: { slug: string } }[] }).hits.map((h) => h.product.slug);
}
const inHall = async (slug: string) => (await hallProducts(w.hall.id, parseCatalogFilters(new URLSearchParams()))).products.some((p) => p.slug === slug);
const productPage = (slug: string) => responseOf(() => productLoader(routeArgs(`/products/${slug}`, { params: { slug } })));

async function created() {
  return prisma.product.findFirstOrThrow({ where: { coopId: w.coop.id }, orderBy: { createdAt: "desc" }, include: { variants: { orderBy: { position: "asc" }, include: { tiers: { orderBy: { minQty: "asc" } } } } } });
}

function submitCertificate(slug: string, fields: Record<string, string>, scan: { name: string; bytes: Uint8Array } | null) {
  const request = multipartRequest(`/coop/products/${slug}/certificate`, manager.cookie, fields, scan ? [{ field: "scan", ...scan }] : []);
  return responseOf(() => certificatePage.action({ request, params: { slug }, context: {} }));
}
const CERT = { certNumber: "渭扶产认〔2026〕0088号", certIssuer: "渭源县", validFrom: "2026-03-01", validUntil: "2029-02-28" };

const certify = (productId: string, fields: Record<string, string> = {}) =>
  responseOf(() => certificationPage.action(routeArgs("/admin/certification", { cookie: staff, form: { productId, status: "CERTIFIED", certNumber: CERT.certNumber, expiresOn: CERT.validUntil, ...fields } })));

describe("creating a product", () => {
  it("saves a draft with its variants, tiers, reference prices and thresholds; it is on sale nowhere", async () => {
    const response = await create(newForm());
    expect(response.status).toBe(302);
    const p = await created();
    expect(response.headers.get("Location")).toBe(`/coop/products/${p.slug}/photos`);
    expect(p).toMatchObject({ status: "DRAFT", certStatus: "NONE", countyId: w.county.id, unit: "袋", minPriceFen: 6800, totalStock: 52 });
    expect(p.variants.map((v) => ({ price: v.priceFen, stock: v.stock, gift: v.giftBox, ref: v.refPriceFen, src: v.refPriceSource, day: v.refPriceDate, low: v.lowStockThreshold }))).toEqual([
      { price: 6800, stock: 40, gift: false, ref: 7500, src: "京东自营同规格", day: "2026-11-28", low: 10 },
      { price: 15800, stock: 12, gift: true, ref: null, src: null, day: null, low: 0 },
    ]);
    expect(p.variants[0].tiers.map((t) => [t.minQty, t.priceFen])).toEqual([[20, 6200], [100, 5800]]);
    expect(await searchSlugs("白条党参")).not.toContain(p.slug);
    expect((await productPage(p.slug)).status).toBe(404);
  });

  it("reports every bad field beside itself and saves nothing", async () => {
    const before = await prisma.product.count();
    const typed = newForm();
    const response = await create({ ...typed, name: "", v1_sku: typed.v0_sku.toLowerCase(), v0_refPrice: "0", v0_refDate: "2999-01-01", v0_t0_price: "70", v1_t0_qty: "5", v1_weight: "abc" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors).toMatchObject({
      name: expect.any(String),
      v0_refPrice: expect.stringContaining("大于 0"),
      v0_refDate: expect.stringContaining("不能晚于今天"),
      v0_t0_price: expect.stringContaining("低于上一档"),
      v1_sku: expect.stringContaining("重复"),
      v1_t0_price: expect.stringContaining("请填写阶梯单价"),
      v1_weight: expect.any(String),
    });
    expect(body.values.v0_t0_price).toBe("70");
    expect(await prisma.product.count()).toBe(before);
  });

  it("refuses a SKU another product already uses, beside that SKU", async () => {
    await create(newForm());
    const taken = (await created()).variants[1].sku;
    const response = await create(newForm({ v1_sku: taken }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.v1_sku).toContain("已被使用");
  });

  it("adds a variant slot without JavaScript, saving nothing", async () => {
    const response = await create({ ...newForm(), intent: "add-variant" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { values: Record<string, string> }).values.variantCount).toBe("3");
    expect(await prisma.product.count({ where: { coopId: w.coop.id } })).toBe(0);
  });
});

describe("certification gates publication", () => {
  it("draft → submitted with its certificate → certified by staff → on sale in search; offered to a hall → listed when staff confirm", async () => {
    await create(newForm());
    const p = await created();
    // publishing by hand before certification is refused
    const early = await responseOf(() => editPage.action(routeArgs(`/coop/products/${p.slug}`, { cookie: manager.cookie, params: { slug: p.slug }, form: { intent: "move", move: "publish" } })));
    expect(early.status).toBe(409);

    const noScan = await submitCertificate(p.slug, CERT, null);
    expect(noScan.status).toBe(400);
    expect(((await noScan.json()) as { errors: Record<string, string> }).errors.scan).toContain("扫描件");
    const badDates = await submitCertificate(p.slug, { ...CERT, validUntil: "2026-01-01" }, { name: "cert.pdf", bytes: tinyPdf() });
    expect(((await badDates.json()) as { errors: Record<string, string> }).errors.validUntil).toContain("晚于发证日期");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: p.id } })).certStatus).toBe("NONE");

    expect((await submitCertificate(p.slug, CERT, { name: "cert.jpg", bytes: await jpegWithGps(1200, 900) })).status).toBe(302);
    const submitted = await prisma.product.findUniqueOrThrow({ where: { id: p.id } });
    expect(submitted).toMatchObject({ status: "DRAFT", certStatus: "PENDING", certNumber: CERT.certNumber, certIssuer: "渭源县", certScanType: "image/jpeg" });
    expect(await searchSlugs("白条党参")).not.toContain(p.slug);

    // the scan: the co-op and staff see it; another co-op does not
    const scan = (cookie: string) => responseOf(() => scanRoute.loader(routeArgs(`/certificates/${p.id}/scan`, { cookie, params: { productId: p.id } })));
    expect((await scan(manager.cookie)).status).toBe(200);
    expect((await scan(staff)).status).toBe(200);
    const other = await makeCoop(prisma, { countyId: w.county.id });
    const otherManager = await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: other.id })).id);
    expect((await scan(otherManager)).status).toBe(404);

    expect((await certify(p.id)).status).toBe(200);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("ACTIVE");
    expect(await searchSlugs("白条党参")).toContain(p.slug);
    expect(await searchSlugs("btds")).toContain(p.slug);
    expect((await productPage(p.slug)).status).toBe(200);
    expect(await inHall(p.slug)).toBe(false);

    const offer = await responseOf(() => editPage.action(routeArgs(`/coop/products/${p.slug}`, { cookie: manager.cookie, params: { slug: p.slug }, form: { intent: "offer", hallId: w.hall.id } })));
    expect(offer.status).toBe(302);
    expect(await inHall(p.slug)).toBe(false);
    expect((await responseOf(() => hallsPage.action(routeArgs("/admin/halls", { cookie: staff, form: { hallId: w.hall.id, productId: p.id, intent: "accept" } })))).status).toBe(200);
    expect(await inHall(p.slug)).toBe(true);

    const trail = await prisma.auditEntry.findMany({ where: { productId: p.id, kind: { in: ["LISTING", "CERTIFICATE", "HALL"] } }, orderBy: [{ createdAt: "asc" }, { kind: "asc" }], select: { kind: true, before: true, after: true } });
    expect(trail).toEqual([
      { kind: "LISTING", before: null, after: "DRAFT" },
      { kind: "CERTIFICATE", before: "NONE", after: "PENDING" },
      { kind: "CERTIFICATE", before: "PENDING", after: "CERTIFIED" },
      { kind: "LISTING", before: "DRAFT", after: "ACTIVE" },
      { kind: "HALL", before: "", after: "offered" },
      { kind: "HALL", before: "offered", after: "listed" },
    ]);
  });

  it("staff send a certificate back with a reason the co-op sees; the co-op corrects and resubmits", async () => {
    await create(newForm());
    const p = await created();
    await submitCertificate(p.slug, CERT, { name: "cert.pdf", bytes: tinyPdf() });
    const reject = (reason: string) => responseOf(() => certificationPage.action(routeArgs("/admin/certification", { cookie: staff, form: { intent: "reject", productId: p.id, reason } })));
    expect((await reject("")).status).toBe(400);
    expect((await reject("证书编号与扫描件不一致")).status).toBe(200);
    const told = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: manager.id, kind: "supplier" }, select: { subject: true, text: true } });
    expect(told.subject).toBe("扶贫产品认定被退回：渭源白条党参");
    expect(told.text).toContain("证书编号与扫描件不一致");
    const page = await responseOf(() => editPage.loader(routeArgs(`/coop/products/${p.slug}`, { cookie: manager.cookie, params: { slug: p.slug } })));
    expect(((await page.json()) as { product: { certStatus: string; certRejectReason: string } }).product).toMatchObject({ certStatus: "REJECTED", certRejectReason: "证书编号与扫描件不一致" });
    // the scan on file is kept; a corrected number is enough
    expect((await submitCertificate(p.slug, { ...CERT, certNumber: "渭扶产认〔2026〕0089号" }, null)).status).toBe(302);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: p.id }, select: { certStatus: true, certNumber: true, certRejectReason: true } })).toEqual({ certStatus: "PENDING", certNumber: "渭扶产认〔2026〕0089号", certRejectReason: null });
  });

  it("unpublish and archive take it out of search and the hall at once; publish brings it back while the certificate holds", async () => {
    await create(newForm());
    const p = await created();
    await submitCertificate(p.slug, CERT, { name: "cert.pdf", bytes: tinyPdf() });
    await certify(p.id);
    await prisma.hallListing.create({ data: { hallId: w.hall.id, productId: p.id } });
    await prisma.product.update({ where: { id: p.id }, data: { updatedAt: new Date() } });
    expect(await inHall(p.slug)).toBe(true);
    const move = (m: string) => responseOf(() => editPage.action(routeArgs(`/coop/products/${p.slug}`, { cookie: manager.cookie, params: { slug: p.slug }, form: { intent: "move", move: m } })));
    expect((await move("unpublish")).status).toBe(302);
    expect(await inHall(p.slug)).toBe(false);
    expect(await searchSlugs("白条党参")).not.toContain(p.slug);
    expect((await move("publish")).status).toBe(302);
    expect(await searchSlugs("白条党参")).toContain(p.slug);
    expect((await move("archive")).status).toBe(302);
    expect(await searchSlugs("白条党参")).not.toContain(p.slug);
    expect((await move("publish")).status).toBe(409);
    expect((await move("restore")).status).toBe(302);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("DRAFT");
  });
});

describe("a suspended co-op", () => {
  it("loses its products from the halls and search, and gets back exactly those it had on sale", async () => {
    await create(newForm());
    const p = await created();
    await submitCertificate(p.slug, CERT, { name: "cert.pdf", bytes: tinyPdf() });
    await certify(p.id);
    await create(newForm({ name: "渭源红芪" }));
    const draft = await created();
    await prisma.hallListing.create({ data: { hallId: w.hall.id, productId: p.id } });
    await prisma.product.update({ where: { id: p.id }, data: { updatedAt: new Date() } });
    expect(await inHall(p.slug)).toBe(true);

    const setStatus = (status: string) => responseOf(() => certificationPage.action(routeArgs("/admin/certification", { cookie: staff, form: { intent: "coop", coopId: w.coop.id, status } })));
    expect((await setStatus("SUSPENDED")).status).toBe(200);
    expect(await inHall(p.slug)).toBe(false);
    expect(await searchSlugs("白条党参")).not.toContain(p.slug);
    expect((await productPage(p.slug)).status).toBe(404);
    const statuses = async () => Object.fromEntries((await prisma.product.findMany({ where: { coopId: w.coop.id }, select: { id: true, status: true } })).map((x) => [x.id, x.status]));
    expect(await statuses()).toEqual({ [p.id]: "SUSPENDED", [draft.id]: "DRAFT" });
    // while suspended, nothing can be published
    const publish = await responseOf(() => editPage.action(routeArgs(`/coop/products/${draft.slug}`, { cookie: manager.cookie, params: { slug: draft.slug }, form: { intent: "move", move: "publish" } })));
    expect(publish.status).toBe(409);

    expect((await setStatus("CERTIFIED")).status).toBe(200);
    expect(await statuses()).toEqual({ [p.id]: "ACTIVE", [draft.id]: "DRAFT" });
    expect(await inHall(p.slug)).toBe(true);
    const coopTrail = await prisma.auditEntry.findMany({ where: { coopId: w.coop.id, kind: "COOP_STATUS" }, orderBy: { createdAt: "asc" }, select: { before: true, after: true } });
    expect(coopTrail).toEqual([{ before: "CERTIFIED", after: "SUSPENDED" }, { before: "SUSPENDED", after: "CERTIFIED" }]);
  });
});

