// Issue 15 item 6: what a shopper searching 花牛 sees, the search page's filters and sorting,
// 搜索联想 and the hot searches; item 3: a county in the URL implies its prefecture.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { flushSearchCounts, hotSearches } from "~/models/catalog/hot-searches.server";
import { loader as hallLoader } from "~/routes/halls.$slug";
import { loader as searchLoader } from "~/routes/search";
import { loader as suggestLoader } from "~/routes/search_.suggest";
import { listInHall, makeCategory, makeCity, makeCoop, makeCounty, makeHall, makePrefecture, makeProduct } from "../../factories";
import { responseOf, routeArgs } from "../../requests";

interface SearchPage {
  total: number;
  hits: { product: { slug: string } }[];
  facets: { categories: { slug: string }[]; counties: { slug: string; prefecture: string }[] };
  filters: { prefecture?: string; county?: string };
  hot: string[];
}

async function search(query: string): Promise<SearchPage> {
  const response = await responseOf(() => searchLoader(routeArgs(`/search?q=${query}`)));
  expect(response.status).toBe(200);
  return response.json();
}
const slugs = (page: SearchPage) => page.hits.map((h) => h.product.slug);

beforeAll(async () => {
  const city = await makeCity(prisma, { slug: "r-city", name: "天津" });
  const hall = await makeHall(prisma, { slug: "r-hall", cityId: city.id });
  const tianshui = await makePrefecture(prisma, { slug: "r-tianshui", partnerCityId: city.id, name: "天水市" });
  const pingliang = await makePrefecture(prisma, { slug: "r-pingliang", partnerCityId: city.id, name: "平凉市" });
  const maiji = await makeCounty(prisma, { slug: "r-maiji", prefectureId: tianshui.id, partnerCityId: city.id, name: "麦积区" });
  const jingning = await makeCounty(prisma, { slug: "r-jingning", prefectureId: pingliang.id, partnerCityId: city.id, name: "静宁县" });
  const kongtong = await makeCounty(prisma, { slug: "r-kongtong", prefectureId: pingliang.id, partnerCityId: city.id, name: "崆峒区" });
  const appleCoop = await makeCoop(prisma, { countyId: maiji.id, slug: "r-huaniu-coop", name: "天水市麦积区花牛苹果种植农民专业合作社" });
  const jingningCoop = await makeCoop(prisma, { countyId: jingning.id, slug: "r-jingning-coop", name: "静宁县果业合作社" });
  const beefCoop = await makeCoop(prisma, { countyId: kongtong.id, slug: "r-beef-coop", name: "崆峒区肉牛养殖合作社" });
  const fruit = await makeCategory(prisma, { slug: "r-fruit", name: "水果" });
  const meat = await makeCategory(prisma, { slug: "r-meat", name: "肉禽蛋" });
  const crafts = await makeCategory(prisma, { slug: "r-crafts", name: "工艺品" });
  const make = async (slug: string, name: string, countyId: string, coopId: string, categoryId: string, priceYuan: number, salesCount: number, day: number) => {
    const p = await makeProduct(prisma, { slug, name, countyId, coopId, categoryId, salesCount, createdAt: new Date(Date.UTC(2026, 5, day)), variants: [{ priceFen: priceYuan * 100, stock: 10 }] });
    await listInHall(prisma, { hallId: hall.id, productId: p.id });
  };
  // the steak sells best and the tea set comes from the 花牛苹果 co-op: neither is a 花牛 apple
  await make("r-steak", "平凉红牛雪花牛排", kongtong.id, beefCoop.id, meat.id, 168, 900, 1);
  await make("r-teaset", "手工茶具", maiji.id, appleCoop.id, crafts.id, 88, 500, 2);
  await make("r-apple", "天水花牛苹果", maiji.id, appleCoop.id, fruit.id, 59, 3, 3);
  await make("r-apple-box", "花牛苹果礼盒", maiji.id, appleCoop.id, fruit.id, 129, 2, 4);
  await make("r-jingning", "静宁苹果 花牛", jingning.id, jingningCoop.id, fruit.id, 45, 1, 5);
});

describe("search relevance (花牛)", () => {
  it("lists every 花牛 apple above the steak whose name only straddles 雪花·牛排, and not the co-op's tea set", async () => {
    for (const q of ["花牛", "huaniu"]) {
      const found = slugs(await search(encodeURIComponent(q)));
      expect(found.slice(0, 3).sort(), q).toEqual(["r-apple", "r-apple-box", "r-jingning"]);
      expect(found, q).not.toContain("r-teaset");
    }
  });

  it("still finds products through their co-op when that is all a query names", async () => {
    expect(slugs(await search(encodeURIComponent("种植农民专业")))).toEqual(expect.arrayContaining(["r-teaset", "r-apple"]));
  });
});

describe("the search page's filters and sorting", () => {
  it("sorts by price, sales and newest, and filters by category, county and price", async () => {
    const q = encodeURIComponent("苹果");
    expect(slugs(await search(`${q}&sort=price_asc`))).toEqual(["r-jingning", "r-apple", "r-apple-box"]);
    expect(slugs(await search(`${q}&sort=price_desc`))).toEqual(["r-apple-box", "r-apple", "r-jingning"]);
    expect(slugs(await search(`${q}&sort=popular`))).toEqual(["r-apple", "r-apple-box", "r-jingning"]);
    expect(slugs(await search(`${q}&sort=newest`))).toEqual(["r-jingning", "r-apple-box", "r-apple"]);
    expect(slugs(await search(`${q}&county=r-jingning`))).toEqual(["r-jingning"]);
    expect(slugs(await search(`${q}&min=50&max=130&sort=price_asc`))).toEqual(["r-apple", "r-apple-box"]);
    // the category select offers the categories among the hits
    expect((await search(q)).facets.categories.map((c) => c.slug)).toEqual(["r-fruit"]);
  });

  it("reads a county's prefecture from the county, whatever the URL's prefecture says", async () => {
    const page = await search(`${encodeURIComponent("苹果")}&prefecture=r-tianshui&county=r-jingning`);
    expect(page.filters).toMatchObject({ prefecture: "r-pingliang", county: "r-jingning" });
    expect(slugs(page)).toEqual(["r-jingning"]);
    const hall = await responseOf(() => hallLoader(routeArgs("/halls/r-hall?county=r-kongtong", { params: { slug: "r-hall" } })));
    const body = (await hall.json()) as { filters: { prefecture?: string; county?: string }; total: number };
    expect(body.filters).toMatchObject({ prefecture: "r-pingliang", county: "r-kongtong" });
    expect(body.total).toBe(1);
  });
});

describe("搜索联想 and hot searches", () => {
  async function suggest(q: string) {
    const response = await responseOf(() => suggestLoader(routeArgs(`/search/suggest?q=${q}`)));
    expect(response.status).toBe(200);
    return ((await response.json()) as { suggestions: { label: string; href: string; kind: string }[] }).suggestions;
  }

  it("suggests products and categories for hanzi and pinyin as the shopper types", async () => {
    for (const q of ["花牛", "huaniu", "hnpg"]) {
      const labels = (await suggest(encodeURIComponent(q))).map((s) => s.label);
      expect(labels, q).toContain("天水花牛苹果");
      expect(labels, q).not.toContain("手工茶具");
    }
    const fruit = await suggest(encodeURIComponent("shuiguo"));
    expect(fruit[0]).toMatchObject({ label: "水果", kind: "品类", href: "/search?q=%E6%B0%B4%E6%9E%9C" });
  });

  it("answers junk, markup and huge input with an empty list, never an error", async () => {
    for (const q of ["", "%20%20", encodeURIComponent("<script>alert(1)</script>"), encodeURIComponent("🍎💥"), "zzzzqqqq", "a".repeat(5000), encodeURIComponent("苹".repeat(3000)), "%E0%A4%A"]) {
      const list = await suggest(q);
      expect(Array.isArray(list)).toBe(true);
    }
  });

  it("counts searches that found something and offers the most searched as hot searches", async () => {
    // start from nothing: the searches of the tests above were counted too
    await flushSearchCounts();
    await prisma.searchQueryCount.deleteMany();
    for (let i = 0; i < 3; i++) await search(encodeURIComponent("花牛"));
    await search(encodeURIComponent("苹果"));
    await search("zzzqqq"); // found nothing: not counted
    await search(`${encodeURIComponent("苹果")}&sort=price_asc`); // a re-sort of a search: not counted again
    await flushSearchCounts();
    expect(await hotSearches()).toEqual(["花牛", "苹果"]);
    const rows = await prisma.searchQueryCount.findMany({ orderBy: { query: "asc" }, select: { query: true, count: true } });
    expect(rows).toEqual([{ query: "花牛", count: 3 }, { query: "苹果", count: 1 }]);
    // an empty search box offers them
    expect((await suggest("")).map((s) => [s.label, s.kind])).toEqual([["花牛", "热搜"], ["苹果", "热搜"]]);
    expect((await search(encodeURIComponent("当归"))).hot).toEqual(["花牛", "苹果"]);
  });
});
