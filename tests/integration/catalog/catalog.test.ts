import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { catalogSearch, PAGE_SIZE } from "~/models/catalog/filters";
import { parseCatalogFilters } from "~/models/catalog/filters.server";
import { loaderCacheHeaders } from "~/lib/http-cache.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { loader as hallLoader } from "~/routes/halls.$slug";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as searchLoader } from "~/routes/search";
import { loader as countyLoader } from "~/routes/counties.$slug";
import { loader as prefectureLoader } from "~/routes/prefectures.$slug";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as robotsLoader } from "~/routes/robots[.]txt";
import { action as curateAction } from "~/routes/admin.halls.$slug";
import {
  listInHall,
  makeCategory,
  makeCity,
  makeCoop,
  makeCounty,
  makeHall,
  makeOrganization,
  makePrefecture,
  makePriceTier,
  makeProduct,
  makeUser,
} from "../../factories";
import { cookieFor } from "../../requests";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

async function call(loader: Loader, url: string, params: Record<string, string> = {}, cookie?: string) {
  const request = new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return (await loader({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function hall(query = "") {
  const response = await call(hallLoader as Loader, `/halls/testhall${query}`, { slug: "testhall" });
  expect(response.status).toBe(200);
  return response.json() as Promise<{ total: number; pageCount: number; products: { slug: string; minPriceFen: number }[]; shelves: unknown }>;
}

async function search(q: string) {
  const response = await call(searchLoader as Loader, `/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: { product: { slug: string } }[] }).hits.map((h) => h.product.slug);
}

// A hall with 30 products: 20 from 秦安县 (天水), 10 from 岷县 (定西); fruit and herbs; prices 10..300
// yuan; every third one sold out; every fifth one not certified.
let world: Awaited<ReturnType<typeof build>>;
async function build() {
  const city = await makeCity(prisma, { slug: "testcity", name: "天津" });
  const hallRow = await makeHall(prisma, { slug: "testhall", cityId: city.id, slogan: "甘货进津" });
  const tianshui = await makePrefecture(prisma, { slug: "t-tianshui", partnerCityId: city.id, name: "天水市" });
  const dingxi = await makePrefecture(prisma, { slug: "t-dingxi", partnerCityId: city.id, name: "定西市" });
  const qinan = await makeCounty(prisma, { slug: "t-qinan", prefectureId: tianshui.id, partnerCityId: city.id, name: "秦安县" });
  const minxian = await makeCounty(prisma, { slug: "t-minxian", prefectureId: dingxi.id, partnerCityId: city.id, name: "岷县" });
  const qinanCoop = await makeCoop(prisma, { countyId: qinan.id, slug: "t-qinan-coop", name: "秦安县果业合作社" });
  const minCoop = await makeCoop(prisma, { countyId: minxian.id, slug: "t-min-coop", name: "岷县药材合作社" });
  const fruit = await makeCategory(prisma, { slug: "t-fruit", name: "水果" });
  const herbs = await makeCategory(prisma, { slug: "t-herbs", name: "中药材" });
  const products = [];
  for (let i = 0; i < 30; i++) {
    const fromQinan = i < 20;
    const product = await makeProduct(prisma, {
      slug: `t-p${String(i).padStart(2, "0")}`,
      name: fromQinan ? `秦安苹果${i}号` : `岷县当归${i}号`,
      countyId: fromQinan ? qinan.id : minxian.id,
      coopId: fromQinan ? qinanCoop.id : minCoop.id,
      categoryId: fromQinan ? fruit.id : herbs.id,
      certStatus: i % 5 === 0 ? "PENDING" : "CERTIFIED",
      salesCount: (i * 7) % 30,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
      variants: [{ priceFen: (10 + i * 10) * 100, stock: i % 3 === 0 ? 0 : 50 }],
    });
    await listInHall(prisma, { hallId: hallRow.id, productId: product.id, featured: i < 3, featuredRank: 3 - i });
    products.push(product);
  }
  const org = await makeOrganization(prisma, { name: "福州市鼓楼区机关事务服务中心" });
  const otherOrg = await makeOrganization(prisma, { name: "别的单位" });
  const variantId = products[1].variants[0].id;
  await makePriceTier(prisma, { variantId, minQty: 50, priceFen: 1900 });
  await makePriceTier(prisma, { variantId, minQty: 100, priceFen: 1700, organizationId: org.id });
  await makePriceTier(prisma, { variantId, minQty: 100, priceFen: 1500, organizationId: otherOrg.id });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const consumer = await makeUser(prisma, { roles: ["consumer"] });
  const staff = await makeUser(prisma, { roles: ["staff"] });
  return { hall: hallRow, products, buyer, consumer, staff, qinan };
}

beforeAll(async () => {
  world = await build();
});

describe("hall filters", () => {
  it("lists the hall's products, 24 to a page, with the total", async () => {
    const all = await hall();
    expect(all.total).toBe(30);
    expect(all.products).toHaveLength(PAGE_SIZE);
    expect(all.pageCount).toBe(2);
    expect(all.shelves).not.toBeNull();
  });

  it("filters by county, prefecture and category", async () => {
    expect((await hall("?county=t-minxian")).total).toBe(10);
    expect((await hall("?prefecture=t-tianshui")).total).toBe(20);
    expect((await hall("?category=t-herbs")).total).toBe(10);
    expect((await hall("?prefecture=t-tianshui&category=t-herbs")).total).toBe(0);
  });

  it("filters by price range in yuan, inclusive, whichever way round", async () => {
    const page = await hall("?min=50&max=100");
    expect(page.products.map((p) => p.minPriceFen).sort((a, b) => a - b)).toEqual([5000, 6000, 7000, 8000, 9000, 10000]);
    expect((await hall("?min=100&max=50")).total).toBe(6);
  });

  it("filters to certified and in-stock products", async () => {
    expect((await hall("?certified=1")).total).toBe(24);
    expect((await hall("?instock=1")).total).toBe(20);
    expect((await hall("?certified=1&instock=1")).total).toBe(16);
  });

  it("sorts by price, newest and popularity", async () => {
    const asc = (await hall("?sort=price_asc")).products.map((p) => p.minPriceFen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBe(1000);
    const desc = (await hall("?sort=price_desc")).products.map((p) => p.minPriceFen);
    expect(desc[0]).toBe(30000);
    expect((await hall("?sort=newest")).products[0].slug).toBe("t-p29");
  });

  it("pages without gaps or repeats, and a page past the end is an empty normal page", async () => {
    const first = await hall("?sort=popular");
    const second = await hall("?sort=popular&page=2");
    expect(second.products).toHaveLength(6);
    const slugs = [...first.products, ...second.products].map((p) => p.slug);
    expect(new Set(slugs).size).toBe(30);
    const beyond = await hall("?page=9");
    expect(beyond.products).toHaveLength(0);
    expect(beyond.total).toBe(30);
  });

  it("keeps filters in a canonical, shareable query string", () => {
    const f = parseCatalogFilters(new URLSearchParams("page=2&instock=1&county=t-qinan&sort=popular"));
    expect(catalogSearch(f)).toBe("?county=t-qinan&instock=1&page=2");
    expect(catalogSearch(f, { page: 1 })).toBe("?county=t-qinan&instock=1");
  });

  it("answers any query string with a normal page", async () => {
    for (const q of [
      "?page=-1",
      "?page=abc",
      "?page=99999999999999999999",
      "?min=1e9&max=NaN",
      "?sort=%3Cscript%3E",
      "?county=%27%20OR%201%3D1--",
      "?category=%F0%9F%8D%8E",
      `?county=${"x".repeat(5000)}`,
      "?certified=yes&instock=true",
      "?page=1&page=2",
    ]) {
      const response = await call(hallLoader as Loader, `/halls/testhall${q}`, { slug: "testhall" });
      expect(response.status, q).toBe(200);
    }
  });

  it("answers 404 for an unknown hall, county, prefecture or product", async () => {
    expect((await call(hallLoader as Loader, "/halls/nowhere", { slug: "nowhere" })).status).toBe(404);
    expect((await call(countyLoader as Loader, "/counties/nowhere", { slug: "nowhere" })).status).toBe(404);
    expect((await call(prefectureLoader as Loader, "/prefectures/nowhere", { slug: "nowhere" })).status).toBe(404);
    expect((await call(productLoader as Loader, "/products/nowhere", { slug: "nowhere" })).status).toBe(404);
  });
});

describe("cached hall pages follow edits", () => {
  it("shows a variant's new price and a product's new name at once", async () => {
    const product = world.products[0];
    const before = await hall("?sort=price_asc");
    expect(before.products[0].slug).toBe("t-p00");
    await prisma.variant.update({ where: { id: product.variants[0].id }, data: { priceFen: 999_900 } });
    await refreshProductDerived(prisma, product.id);
    const after = await hall("?sort=price_asc");
    expect(after.products[0].slug).toBe("t-p01");
    expect((await hall("?sort=price_desc")).products[0]).toMatchObject({ slug: "t-p00", minPriceFen: 999_900 });
    await prisma.variant.update({ where: { id: product.variants[0].id }, data: { priceFen: 1000 } });
    await refreshProductDerived(prisma, product.id);
    expect((await hall("?sort=price_asc")).products[0].slug).toBe("t-p00");
  });
});

describe("cache headers", () => {
  it("lets anonymous pages be cached briefly and never a page with a session", async () => {
    const anonymous = await call(hallLoader as Loader, "/halls/testhall", { slug: "testhall" });
    expect(anonymous.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(anonymous.headers.get("Vary")).toBe("Cookie");
    const cookie = await cookieFor(world.consumer.id);
    for (const [loader, url, params] of [
      [hallLoader, "/halls/testhall", { slug: "testhall" }],
      [productLoader, "/products/t-p01", { slug: "t-p01" }],
      [searchLoader, "/search?q=pg", {}],
    ] as const) {
      const response = await call(loader as Loader, url, params, cookie);
      expect(response.headers.get("Cache-Control"), url).toBe("private, no-store");
    }
    // the route's headers export passes the loader's choice on to the document
    const headers = new Headers(
      loaderCacheHeaders({ loaderHeaders: anonymous.headers, parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }),
    );
    expect(headers.get("Cache-Control")).toBe("public, max-age=60");
  });
});

describe("product page", () => {
  async function tiers(cookie?: string) {
    const response = await call(productLoader as Loader, "/products/t-p01", { slug: "t-p01" }, cookie);
    const body = (await response.json()) as { tiers: Record<string, { minQty: number; priceFen: number; ownOrg: boolean }[]> | null };
    return body.tiers;
  }

  it("shows volume tiers to institution buyers, with their own organisation's only", async () => {
    const variantId = world.products[1].variants[0].id;
    const own = await tiers(await cookieFor(world.buyer.id));
    expect(own?.[variantId]).toEqual([
      { minQty: 50, priceFen: 1900, ownOrg: false },
      { minQty: 100, priceFen: 1700, ownOrg: true },
    ]);
    expect(await tiers(await cookieFor(world.consumer.id))).toBeNull();
    expect(await tiers()).toBeNull();
  });
});

describe("search", () => {
  it("finds products by hanzi, pinyin and initials, and handles bad input", async () => {
    expect(await search("当归")).toHaveLength(10);
    expect(await search("qinan pingguo")).toHaveLength(20);
    expect(await search("dg")).toHaveLength(10);
    for (const q of ["<script>alert(1)</script>", "'; DROP TABLE Product; --", "🍎".repeat(300), "a".repeat(10_000)]) {
      const response = await call(searchLoader as Loader, `/search?q=${encodeURIComponent(q)}&page=-3`);
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain("<script>");
    }
  });

  it("follows a product edit: a renamed product is found by its new name only, an archived one not at all", async () => {
    const product = world.products[5];
    expect(await search("huaniu")).toEqual([]);
    await prisma.product.update({ where: { id: product.id }, data: { name: "天水花牛苹果" } });
    await refreshProductDerived(prisma, product.id);
    expect(await search("huaniu")).toEqual([product.slug]);
    expect(await search("hnpg")).toEqual([product.slug]);
    expect(await search("秦安苹果5号")).toEqual([]);

    await prisma.product.update({ where: { id: product.id }, data: { status: "ARCHIVED" } });
    await refreshProductDerived(prisma, product.id);
    expect(await search("huaniu")).toEqual([]);
    await prisma.product.update({ where: { id: product.id }, data: { status: "ACTIVE", name: "秦安苹果5号" } });
    await refreshProductDerived(prisma, product.id);
  });
});

describe("staff curation", () => {
  function post(fields: Record<string, string>, cookie: string) {
    return new Request("http://localhost/admin/halls/testhall", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    });
  }
  async function curate(fields: Record<string, string>, userId: string) {
    try {
      return (await curateAction({ request: post(fields, await cookieFor(userId)), params: { slug: "testhall" }, context: {} })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
  async function featured() {
    const body = (await (await call(hallLoader as Loader, "/halls/testhall", { slug: "testhall" })).json()) as {
      shelves: { featured: { slug: string }[] };
    };
    return body.shelves.featured.map((p) => p.slug);
  }

  it("is for staff only", async () => {
    const response = await curate({ intent: "remove", productId: world.products[0].id }, world.consumer.id);
    expect(response.status).toBe(403);
  });

  it("orders the featured shelf and the hall page follows at once", async () => {
    expect(await featured()).toEqual(["t-p02", "t-p01", "t-p00"]);
    const response = await curate(
      { intent: "update", productId: world.products[10].id, featured: "on", featuredRank: "0", seasonal: "" },
      world.staff.id,
    );
    expect(response.status).toBe(200);
    expect(await featured()).toEqual(["t-p10", "t-p02", "t-p01", "t-p00"]);
  });

  it("removes and adds listings; the hall's products follow", async () => {
    const target = world.products[29];
    expect((await curate({ intent: "remove", productId: target.id }, world.staff.id)).status).toBe(200);
    expect((await hall()).total).toBe(29);
    expect((await curate({ intent: "add", productSlug: target.slug }, world.staff.id)).status).toBe(200);
    expect((await hall()).total).toBe(30);
  });

  it("rejects bad input with the error beside the field", async () => {
    const bad = await curate({ intent: "update", productId: world.products[0].id, featuredRank: "-1" }, world.staff.id);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.featuredRank).toBeTruthy();
    const unknown = await curate({ intent: "add", productSlug: "no-such-product" }, world.staff.id);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: Record<string, string> }).errors.productSlug).toBe("没有这个商品编号");
  });
});

describe("place pages and sitemap", () => {
  it("shows a county with its partner city, co-ops and products", async () => {
    const response = await call(countyLoader as Loader, "/counties/t-qinan", { slug: "t-qinan" });
    const { county } = (await response.json()) as { county: { name: string; partnerCity: { name: string }; coops: { name: string }[]; products: unknown[] } };
    expect(county.partnerCity.name).toBe("天津");
    expect(county.coops.map((c) => c.name)).toEqual(["秦安县果业合作社"]);
    expect(county.products).toHaveLength(20);
  });

  it("lists every hall, prefecture, county and active product and the store's own pages; robots.txt points to it", async () => {
    const xml = await (await sitemapLoader({ request: new Request("http://shop.test/sitemap.xml"), params: {}, context: {} })).text();
    for (const path of ["/categories", "/about", "/legal/terms", "/legal/privacy", "/impact", "/halls/testhall", "/prefectures/t-tianshui", "/counties/t-minxian", "/products/t-p00", "/products/t-p29"]) {
      expect(xml).toContain(`<loc>http://shop.test${path}</loc>`);
    }
    const robots = await robotsLoader({ request: new Request("http://shop.test/robots.txt"), params: {}, context: {} }).text();
    expect(robots).toContain("Sitemap: http://shop.test/sitemap.xml");
  });
});
