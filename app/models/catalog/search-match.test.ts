import { describe, expect, it } from "vitest";
import { decodeSearchText, encodeSearchText, highlight, matchProduct, parseQuery, rankProducts, SearchCorpus, type FieldKind } from "./search-match";

function product(id: string, fields: Partial<Record<FieldKind, string>>, salesCount = 0) {
  const all = { name: "", county: "", prefecture: "", coop: "", category: "", ...fields };
  return { id, salesCount, fields: decodeSearchText(encodeSearchText(all)) };
}

const CATALOG = [
  product("apple", { name: "天水花牛苹果", county: "麦积区", prefecture: "天水市", coop: "麦积区花牛果品专业合作社", category: "水果" }, 10),
  product("apple-box", { name: "花牛苹果礼盒 5kg", county: "秦安县", prefecture: "天水市", coop: "秦安县果业合作社", category: "水果" }, 50),
  product("danggui", { name: "岷县当归", county: "岷县", prefecture: "定西市", coop: "岷县当归种植合作社", category: "中药材" }, 5),
  product("danggui-slices", { name: "当归片", county: "渭源县", prefecture: "定西市", coop: "渭源县中药材合作社", category: "中药材" }, 1),
  product("pepper", { name: "武都花椒", county: "武都区", prefecture: "陇南市", coop: "武都区花椒合作社", category: "调味品" }, 100),
  product("potato", { name: "定西马铃薯", county: "安定区", prefecture: "定西市", coop: "安定区薯业合作社", category: "蔬菜菌菇" }, 7),
];

function ids(q: string) {
  const query = parseQuery(q);
  if (!query) return [];
  return rankProducts(CATALOG, query).map((h) => h.entry.id);
}

describe("search matcher", () => {
  it("finds hanzi, including two-character words", () => {
    expect(ids("苹果")).toEqual(["apple-box", "apple"]);
    expect(ids("当归")).toEqual(expect.arrayContaining(["danggui", "danggui-slices"]));
    expect(ids("当归")).toHaveLength(2);
    expect(ids("花牛")).toEqual(expect.arrayContaining(["apple", "apple-box"]));
  });

  it("finds full pinyin with or without spaces", () => {
    for (const q of ["huaniu", "huaniupingguo", "huaniu pingguo", "hua niu ping guo", "HuaNiu"]) {
      expect(ids(q), q).toEqual(expect.arrayContaining(["apple", "apple-box"]));
      expect(ids(q), q).not.toContain("pepper");
    }
    expect(ids("danggui")).toEqual(expect.arrayContaining(["danggui", "danggui-slices"]));
  });

  it("finds pinyin initials", () => {
    expect(ids("hnpg")).toEqual(expect.arrayContaining(["apple", "apple-box"]));
    expect(ids("hnpg")).toHaveLength(2);
    expect(ids("dg")).toEqual(expect.arrayContaining(["danggui", "danggui-slices"]));
  });

  it("finds mixes of hanzi and pinyin, and several words", () => {
    expect(ids("花niu")).toEqual(expect.arrayContaining(["apple", "apple-box"]));
    expect(ids("花niu")).not.toContain("pepper");
    expect(ids("天水 礼盒")).toEqual(["apple-box"]);
    expect(ids("dingxi malingshu")).toEqual(["potato"]);
  });

  it("only matches pinyin on syllable boundaries", () => {
    // "ngg" sits inside ping-guo; it is no syllable start
    expect(ids("ngg")).toEqual([]);
  });

  it("matches county, co-op and category as well as the name", () => {
    expect(ids("岷县")).toEqual(expect.arrayContaining(["danggui"]));
    expect(ids("zhongyaocai")).toEqual(expect.arrayContaining(["danggui", "danggui-slices"]));
    expect(ids("longnan")).toEqual(["pepper"]);
  });

  it("ranks exact, then prefix, then contained matches; name before other fields", () => {
    // "当归片" starts with 当归 (prefix); "岷县当归" contains it
    expect(ids("当归")).toEqual(["danggui-slices", "danggui"]);
    // exact name beats a better seller that only contains the words
    const exact = parseQuery("花牛苹果礼盒5kg")!;
    expect(rankProducts(CATALOG, exact)[0].entry.id).toBe("apple-box");
    // a name match ranks above a co-op match: 花椒 in the name of pepper; nothing else
    expect(ids("huajiao")).toEqual(["pepper"]);
    // ties go to the better seller
    expect(ids("hnpg")).toEqual(["apple-box", "apple"]);
  });

  it("ranks word matches above matches that straddle two words (花牛 is not in 雪花·牛排)", () => {
    const catalog = [
      product("steak", { name: "平凉红牛雪花牛排", county: "崆峒区", prefecture: "平凉市", coop: "平凉红牛养殖合作社", category: "肉禽蛋" }, 900),
      product("apple", { name: "天水花牛苹果", county: "麦积区", prefecture: "天水市", coop: "麦积区果品合作社", category: "水果" }, 1),
      product("apple-box", { name: "静宁苹果 花牛品种礼盒", county: "静宁县", prefecture: "平凉市", coop: "静宁果业合作社", category: "水果" }, 2),
    ];
    for (const q of ["花牛", "huaniu", "huaniu pingguo"]) {
      const ranked = rankProducts(catalog, parseQuery(q)!).map((h) => h.entry.id);
      // the steak sells far more, yet every 花牛 apple comes first
      expect(ranked.slice(0, 2).sort(), q).toEqual(["apple", "apple-box"]);
    }
    // a match inside a word still counts when it is all there is
    expect(rankProducts(catalog, parseQuery("牛排")!).map((h) => h.entry.id)).toEqual(["steak"]);
  });

  it("drops products found only through their co-op's name, unless nothing else matches", () => {
    const catalog = [
      product("apple", { name: "天水花牛苹果", county: "麦积区", prefecture: "天水市", coop: "麦积区果品合作社", category: "水果" }, 1),
      product("tea-set", { name: "手工茶具", county: "麦积区", prefecture: "天水市", coop: "天水市麦积区花牛苹果种植农民专业合作社", category: "工艺品" }, 50),
    ];
    expect(rankProducts(catalog, parseQuery("花牛")!).map((h) => h.entry.id)).toEqual(["apple"]);
    expect(rankProducts(catalog, parseQuery("huaniu pingguo")!).map((h) => h.entry.id)).toEqual(["apple"]);
    // someone searching for the co-op itself still finds its products
    expect(rankProducts(catalog, parseQuery("种植农民")!).map((h) => h.entry.id)).toEqual(["tea-set"]);
  });

  it("cleans any input: markup, SQL, emoji, long strings", () => {
    expect(parseQuery("<script>alert(1)</script>")!.display).toBe("script alert 1 script");
    expect(parseQuery("' OR 1=1; --")!.display).toBe("or 1 1");
    expect(parseQuery("🍎🍎")).toBeNull();
    expect(parseQuery("   ")).toBeNull();
    expect(Array.from(parseQuery("苹".repeat(5000))!.display)).toHaveLength(40);
  });

  it("highlights the matched characters in the displayed text", () => {
    const apple = CATALOG[0];
    const hit = (q: string) => matchProduct(apple.fields, parseQuery(q)!)!;
    const marked = (q: string) =>
      highlight("天水花牛苹果", hit(q))
        .filter((s) => s.hit)
        .map((s) => s.text)
        .join(",");
    expect(marked("花牛")).toBe("花牛");
    expect(marked("huaniu")).toBe("花牛");
    expect(marked("pg")).toBe("苹果");
    expect(marked("tianshui")).toBe("天水");
    // width-folded and spaced display text still maps back
    expect(highlight("花牛 苹果", [{ start: 2, end: 4 }]).filter((s) => s.hit).map((s) => s.text)).toEqual(["苹果"]);
  });
});

describe("search corpus (candidate lookup)", () => {
  it("ranks exactly as scoring every product would", () => {
    const words = ["苹果", "花牛", "当归", "花椒", "核桃", "牛肉", "礼盒", "黄芪", "枸杞", "土豆"];
    const places = ["秦安县", "岷县", "武都区", "麦积区", "渭源县", "临潭县"];
    const many = Array.from({ length: 300 }, (_, i) =>
      product(`p${i}`, {
        name: `${places[i % places.length].slice(0, 2)}${words[i % words.length]}${words[(i * 7) % words.length]}`,
        county: places[(i * 3) % places.length],
        prefecture: i % 2 ? "天水市" : "陇南市",
        coop: `${places[i % places.length]}合作社`,
        category: i % 3 ? "水果" : "中药材",
      }, i % 17),
    );
    const corpus = new SearchCorpus(many);
    const queries = ["苹果", "hn", "huaniu", "dg", "花niu", "秦安 礼盒", "tianshui", "qa lh", "zz", "牛", "minxian danggui", "wudu", "pg", "n"];
    let withHits = 0;
    for (const q of queries) {
      const query = parseQuery(q)!;
      const full = rankProducts(many, query).map((h) => [h.entry.id, h.score]);
      expect(corpus.rank(query).map((h) => [h.entry.id, h.score]), q).toEqual(full);
      if (full.length) withHits += 1;
    }
    // the comparison means something: most queries do find products
    expect(withHits).toBeGreaterThanOrEqual(10);
  });
});
