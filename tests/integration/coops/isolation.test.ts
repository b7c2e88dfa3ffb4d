// Co-op A against co-op B, as a matrix: every page and every change of a product's listing,
// stock, photos, certificate, hall offers and history, and the supplier application behind a
// co-op. B's manager gets the same 404 a missing product gives, and nothing of A's changes.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as dashboard from "~/routes/coop._index";
import * as applyPage from "~/routes/coop_.apply";
import * as certificatePage from "~/routes/coop.products.$slug_.certificate";
import * as editPage from "~/routes/coop.products.$slug";
import * as photosPage from "~/routes/coop.products.$slug_.photos";
import * as listPage from "~/routes/coop.products._index";
import * as scanRoute from "~/routes/certificates.$productId.scan";
import * as licenceRoute from "~/routes/suppliers.$id.licence";
import { makeCoop, makeHousehold, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { multipartRequest, png, tinyPdf } from "../../support/uploads";

let a: { product: Awaited<ReturnType<typeof makeProduct>>; cookie: string; householdId: string; hallId: string };
let b: { cookie: string; userId: string };

beforeEach(async () => {
  const w = await makeWorld(prisma);
  const productA = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "甲社苹果", status: "DRAFT", certStatus: "NONE", variants: [{ priceFen: 5000, stock: 20, lowStockThreshold: 30 }] });
  const household = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id });
  const managerA = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
  a = { product: productA, cookie: await cookieFor(managerA.id), householdId: household.id, hallId: w.hall.id };
  const coopB = await makeCoop(prisma, { countyId: w.county.id, name: "乙社" });
  await makeProduct(prisma, { countyId: w.county.id, coopId: coopB.id, categoryId: w.category.id, name: "乙社梨" });
  const managerB = await makeUser(prisma, { roles: ["coop_manager"], coopId: coopB.id });
  b = { cookie: await cookieFor(managerB.id), userId: managerB.id };
  // A's product has a certificate scan and a photo on file, and a trail
  const cert = multipartRequest(`/coop/products/${productA.slug}/certificate`, a.cookie, { certNumber: "甲扶产认0001", certIssuer: "渭源县", validFrom: "2026-01-01", validUntil: "2030-01-01" }, [{ field: "scan", name: "c.pdf", bytes: tinyPdf() }]);
  expect((await responseOf(() => certificatePage.action({ request: cert, params: { slug: productA.slug }, context: {} }))).status).toBe(302);
  const photo = multipartRequest(`/coop/products/${productA.slug}/photos`, a.cookie, {}, [{ field: "photos", name: "p.png", bytes: await png(400, 300) }]);
  expect((await responseOf(() => photosPage.action({ request: photo, params: { slug: productA.slug }, context: {} }))).status).toBe(302);
});

const slug = () => a.product.slug;
const variantId = () => a.product.variants[0].id;

async function snapshot() {
  return prisma.product.findUniqueOrThrow({
    where: { id: a.product.id },
    select: {
      name: true, status: true, certStatus: true, certNumber: true,
      variants: { select: { priceFen: true, stock: true, active: true, refPriceFen: true, lowStockThreshold: true } },
      images: { select: { id: true, alt: true, position: true } },
      shares: { select: { householdId: true, weight: true } },
      hallOffers: { select: { hallId: true } },
      _count: { select: { audit: true } },
    },
  });
}

const MATRIX: { what: string; run: (cookie: string) => Promise<Response> }[] = [
  { what: "product page", run: (cookie) => responseOf(() => editPage.loader(routeArgs(`/coop/products/${slug()}`, { cookie, params: { slug: slug() } }))) },
  { what: "save name and price", run: (cookie) => responseOf(() => editPage.action(routeArgs(`/coop/products/${slug()}`, { cookie, params: { slug: slug() }, form: { name: "改名", description: "", harvestSeason: "全年", shippingNote: "发货", [`price_${variantId()}`]: "1", [`active_${variantId()}`]: "on", [`refPrice_${variantId()}`]: "", [`refSource_${variantId()}`]: "", [`refDate_${variantId()}`]: "", [`lowStock_${variantId()}`]: "0" } }))) },
  { what: "adjust stock", run: (cookie) => responseOf(() => editPage.action(routeArgs(`/coop/products/${slug()}`, { cookie, params: { slug: slug() }, form: { intent: "stock", variantId: variantId(), reason: "LOSS", quantity: "5", stockWas: "20", note: "" } }))) },
  { what: "offer to a hall", run: (cookie) => responseOf(() => editPage.action(routeArgs(`/coop/products/${slug()}`, { cookie, params: { slug: slug() }, form: { intent: "offer", hallId: a.hallId } }))) },
  { what: "household shares", run: (cookie) => responseOf(() => editPage.action(routeArgs(`/coop/products/${slug()}`, { cookie, params: { slug: slug() }, form: { intent: "shares", [`share_${a.householdId}`]: "100" } }))) },
  { what: "photos page", run: (cookie) => responseOf(() => photosPage.loader(routeArgs(`/coop/products/${slug()}/photos`, { cookie, params: { slug: slug() } }))) },
  {
    what: "upload a photo",
    run: async (cookie) => {
      const request = multipartRequest(`/coop/products/${slug()}/photos`, cookie, {}, [{ field: "photos", name: "x.png", bytes: await png(300, 200) }]);
      return responseOf(() => photosPage.action({ request, params: { slug: slug() }, context: {} }));
    },
  },
  {
    what: "delete a photo",
    run: async (cookie) => {
      const [photo] = await prisma.productImage.findMany({ where: { productId: a.product.id } });
      const request = multipartRequest(`/coop/products/${slug()}/photos`, cookie, { intent: "delete", photoId: photo.id });
      return responseOf(() => photosPage.action({ request, params: { slug: slug() }, context: {} }));
    },
  },
  { what: "certificate page", run: (cookie) => responseOf(() => certificatePage.loader(routeArgs(`/coop/products/${slug()}/certificate`, { cookie, params: { slug: slug() } }))) },
  {
    what: "submit a certificate",
    run: (cookie) => {
      const request = multipartRequest(`/coop/products/${slug()}/certificate`, cookie, { certNumber: "乙改的证书", certIssuer: "渭源县", validFrom: "2026-01-01", validUntil: "2030-01-01" }, [{ field: "scan", name: "c.pdf", bytes: tinyPdf() }]);
      return responseOf(() => certificatePage.action({ request, params: { slug: slug() }, context: {} }));
    },
  },
  { what: "archive (last: an archived product takes no offers)", run: (cookie) => responseOf(() => editPage.action(routeArgs(`/coop/products/${slug()}`, { cookie, params: { slug: slug() }, form: { intent: "move", move: "archive" } }))) },
  { what: "certificate scan", run: (cookie) => responseOf(() => scanRoute.loader(routeArgs(`/certificates/${a.product.id}/scan`, { cookie, params: { productId: a.product.id } }))) },
];

describe("co-op B against co-op A's product", () => {
  for (const { what, run } of MATRIX) {
    it(`${what}: 404 for B, and nothing of A's changes`, async () => {
      const before = await snapshot();
      const response = await run(b.cookie);
      expect(response.status).toBe(404);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("each of those works for A (so the 404s are about who asks)", async () => {
    for (const { what, run } of MATRIX) {
      if (what === "submit a certificate") continue; // already submitted in setup; pending allows a correction
      const response = await run(a.cookie);
      expect([200, 302], what).toContain(response.status);
    }
  });

  it("B's list, dashboard and low-stock warnings hold nothing of A's", async () => {
    const list = await responseOf(() => listPage.loader(routeArgs("/coop/products", { cookie: b.cookie })));
    expect(JSON.stringify(await list.json())).not.toContain("甲社");
    const home = await responseOf(() => dashboard.loader(routeArgs("/coop", { cookie: b.cookie })));
    const body = (await home.json()) as { lowStock: unknown[]; trail: unknown[] };
    expect(JSON.stringify(body)).not.toContain("甲社");
    expect(body.lowStock).toEqual([]);
    const homeA = await responseOf(() => dashboard.loader(routeArgs("/coop", { cookie: a.cookie })));
    expect(((await homeA.json()) as { lowStock: { product: { name: string } }[] }).lowStock.map((v) => v.product.name)).toEqual(["甲社苹果"]);
  });
});

describe("applications between applicants", () => {
  it("one applicant neither sees nor changes another's application or licence", async () => {
    const one = await makeUser(prisma);
    const two = await makeUser(prisma);
    const w = await prisma.county.findFirstOrThrow({ select: { id: true } });
    const cookieOne = await cookieFor(one.id);
    const request = multipartRequest("/coop/apply", cookieOne, {
      name: "甲申请的合作社名称", kind: "COOP", creditCode: "91350100M000100Y43", countyId: w.id, intro: "", contactName: "甲某", contactPhone: "13900000001",
      benefitWages: "on", benefitHouseholds: "5", benefitNote: "吸纳五户脱贫户务工就业",
    }, [{ field: "licence", name: "l.pdf", bytes: tinyPdf() }]);
    expect((await responseOf(() => applyPage.action({ request, params: {}, context: {} }))).status).toBe(302);
    const app = await prisma.supplierApplication.findFirstOrThrow({ where: { applicantId: one.id } });
    const cookieTwo = await cookieFor(two.id);
    const page = await responseOf(() => applyPage.loader(routeArgs("/coop/apply", { cookie: cookieTwo })));
    expect(((await page.json()) as { application: unknown }).application).toBeNull();
    expect((await responseOf(() => licenceRoute.loader(routeArgs(`/suppliers/${app.id}/licence`, { cookie: cookieTwo, params: { id: app.id } })))).status).toBe(404);
    // B's manager too
    expect((await responseOf(() => licenceRoute.loader(routeArgs(`/suppliers/${app.id}/licence`, { cookie: b.cookie, params: { id: app.id } })))).status).toBe(404);
    // a second applicant's submission is their own, never an edit of the first
    const theirs = multipartRequest("/coop/apply", cookieTwo, {
      name: "乙申请的合作社名称", kind: "COOP", creditCode: "91440300708461136T", countyId: w.id, intro: "", contactName: "乙某", contactPhone: "13900000002",
      benefitDividends: "on", benefitHouseholds: "3", benefitNote: "三户脱贫户入股分红每年",
    }, [{ field: "licence", name: "l.pdf", bytes: tinyPdf() }]);
    expect((await responseOf(() => applyPage.action({ request: theirs, params: {}, context: {} }))).status).toBe(302);
    expect((await prisma.supplierApplication.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("甲申请的合作社名称");
  });
});
