// Staff keep 扶贫产品认定: what they decide shows at once in listings and the "certified only" filter.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { expireCertificates } from "~/models/catalog/certification.server";
import * as certification from "~/routes/admin.certification";
import { loader as countyLoader } from "~/routes/counties.$slug";
import { loader as productLoader } from "~/routes/products.$slug";
import { makeCoop, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

async function setup(coopStatus = "CERTIFIED") {
  const w = await makeWorld(prisma);
  const coop = await makeCoop(prisma, { countyId: w.county.id, status: coopStatus });
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: coop.id, categoryId: w.category.id, certStatus: "PENDING", certNumber: null });
  const staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
  return { w, coop, product, staff };
}

const decide = (cookie: string, form: Record<string, string>) =>
  responseOf(() => certification.action(routeArgs("/admin/certification", { cookie, form })));

const certShown = async (slug: string) => {
  const page = await responseOf(() => productLoader(routeArgs(`/products/${slug}`, { params: { slug } })));
  return ((await page.json()) as { product: { certStatus: string; certNumber: string | null } }).product;
};

describe("product certification by staff", () => {
  it("certifies with a number and a future expiry; the product page shows it; revoking keeps the number", async () => {
    const { product, staff } = await setup();
    const saved = await decide(staff, { productId: product.id, status: "CERTIFIED", certNumber: "甘扶产认〔2026〕00123号", expiresOn: "2099-12-31" });
    expect(saved.status).toBe(200);
    expect(await certShown(product.slug)).toMatchObject({ certStatus: "CERTIFIED", certNumber: "甘扶产认〔2026〕00123号" });
    const row = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { certExpiresAt: true } });
    expect(row.certExpiresAt?.toISOString()).toBe("2099-12-31T15:59:59.000Z"); // end of the day in Beijing

    expect((await decide(staff, { productId: product.id, status: "REVOKED", certNumber: "", expiresOn: "" })).status).toBe(200);
    expect(await certShown(product.slug)).toMatchObject({ certStatus: "REVOKED", certNumber: "甘扶产认〔2026〕00123号" });
  });

  it("refuses to certify without a number, with a past expiry, or for a co-op that is not certified", async () => {
    const { product, staff } = await setup();
    const noNumber = await decide(staff, { productId: product.id, status: "CERTIFIED", certNumber: "", expiresOn: "2099-01-01" });
    expect(noNumber.status).toBe(400);
    expect(((await noNumber.json()) as { errors: Record<string, string> }).errors.certNumber).toContain("证书编号");
    const past = await decide(staff, { productId: product.id, status: "CERTIFIED", certNumber: "甘扶产认〔2020〕1号", expiresOn: "2020-01-01" });
    const body = (await past.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.expiresOn).toContain("晚于今天");
    expect(body.values.certNumber).toBe("甘扶产认〔2020〕1号");

    const pendingCoop = await setup("PENDING");
    const refused = await decide(pendingCoop.staff, { productId: pendingCoop.product.id, status: "CERTIFIED", certNumber: "甘扶产认〔2026〕9号", expiresOn: "2099-01-01" });
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.form).toContain("合作社尚未认定");
    // staff certify the co-op first, then the product goes through
    expect((await decide(pendingCoop.staff, { intent: "coop", coopId: pendingCoop.coop.id, status: "CERTIFIED" })).status).toBe(200);
    expect((await decide(pendingCoop.staff, { productId: pendingCoop.product.id, status: "CERTIFIED", certNumber: "甘扶产认〔2026〕9号", expiresOn: "2099-01-01" })).status).toBe(200);
    for (const p of [product, pendingCoop.product]) {
      const expected = p.id === product.id ? "PENDING" : "CERTIFIED";
      expect((await prisma.product.findUniqueOrThrow({ where: { id: p.id } })).certStatus).toBe(expected);
    }
  });

  it("is for staff only", async () => {
    const { product } = await setup();
    for (const roles of [["consumer"], ["coop_manager"], ["org_admin"]] as const) {
      const cookie = await cookieFor((await makeUser(prisma, { roles: [...roles] })).id);
      expect((await decide(cookie, { productId: product.id, status: "CERTIFIED", certNumber: "甘扶产认〔2026〕1号", expiresOn: "2099-01-01" })).status).toBe(403);
      expect((await responseOf(() => certification.loader(routeArgs("/admin/certification", { cookie })))).status).toBe(403);
    }
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).certStatus).toBe("PENDING");
  });
});

describe("co-op status", () => {
  it("a suspended co-op leaves its county page at once; certifying it brings it back", async () => {
    const { w, coop, staff } = await setup();
    const coopsShown = async () => {
      const page = await responseOf(() => countyLoader(routeArgs(`/counties/${w.county.slug}`, { params: { slug: w.county.slug } })));
      return ((await page.json()) as { county: { coops: { name: string }[] } }).county.coops.map((c) => c.name);
    };
    expect(await coopsShown()).toContain(coop.name);
    expect((await decide(staff, { intent: "coop", coopId: coop.id, status: "SUSPENDED" })).status).toBe(200);
    expect(await coopsShown()).not.toContain(coop.name);
    expect((await decide(staff, { intent: "coop", coopId: coop.id, status: "CERTIFIED" })).status).toBe(200);
    expect(await coopsShown()).toContain(coop.name);
  });
});

describe("certificate expiry", () => {
  it("a certificate whose date has passed is marked expired by the sweep; one still valid is not", async () => {
    const { w, coop, product } = await setup();
    const valid = await makeProduct(prisma, { countyId: w.county.id, coopId: coop.id, categoryId: w.category.id });
    const now = new Date("2027-03-01T00:00:00Z");
    await prisma.product.update({ where: { id: product.id }, data: { certStatus: "CERTIFIED", certNumber: "甘扶产认〔2024〕7号", certExpiresAt: new Date("2027-02-28T15:59:59Z") } });
    await prisma.product.update({ where: { id: valid.id }, data: { certExpiresAt: new Date("2027-03-31T15:59:59Z") } });
    expect(await expireCertificates(now)).toBeGreaterThanOrEqual(1);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).certStatus).toBe("EXPIRED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: valid.id } })).certStatus).toBe("CERTIFIED");
    expect(await certShown(product.slug)).toMatchObject({ certStatus: "EXPIRED", certNumber: "甘扶产认〔2024〕7号" });
  });
});
