import { describe, expect, it } from "vitest";
import { CATEGORIES, COOPS, PRODUCTS } from "../../prisma/seed-data/catalog";
import { COUNTIES, EASTERN_CITIES, PREFECTURES } from "../../prisma/seed-data/geography";

// The demo data must tell the true story of the pairings (东西部扶贫协作, Gansu Daily 2019): four
// eastern cities help 10 prefectures and 58 counties — Tianjin 34 of them, Xiamen 8 (临夏州),
// Fuzhou 7 (定西市), Qingdao 9 (陇南市).
describe("demo geography and catalogue", () => {
  it("pairs 4 eastern cities with 10 prefectures and 58 counties as the article reports", () => {
    expect(EASTERN_CITIES.map((c) => c.hallSlogan)).toEqual(["甘货进津", "陇货入闽", "陇货入闽", "陇货入鲁"]);
    expect(PREFECTURES).toHaveLength(10);
    expect(COUNTIES).toHaveLength(58);
    const perCity = (slug: string) => COUNTIES.filter((c) => c.partnerCity === slug).length;
    expect([perCity("tianjin"), perCity("xiamen"), perCity("fuzhou"), perCity("qingdao")]).toEqual([34, 8, 7, 9]);
    expect(COUNTIES.filter((c) => c.leftPoverty)).toHaveLength(58);
    expect(COUNTIES.find((c) => c.name === "秦安县")?.partnerDistrict).toBe("津南区");
    expect(EASTERN_CITIES.reduce((n, c) => n + c.districts.length, 0)).toBe(39);
    for (const county of COUNTIES) {
      const city = EASTERN_CITIES.find((c) => c.slug === county.partnerCity)!;
      expect(city.districts).toContain(county.partnerDistrict);
      expect(PREFECTURES.find((p) => p.slug === county.prefecture)?.partnerCity).toBe(county.partnerCity);
    }
  });

  it("has at least 300 products, each resolving to a real county and category, priced in whole fen", () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(300);
    expect(COOPS.length).toBeGreaterThanOrEqual(40);
    const countySlugs = new Set(COUNTIES.map((c) => c.slug));
    const categorySlugs = new Set(CATEGORIES.map((c) => c.slug));
    expect(new Set(PRODUCTS.map((p) => p.slug)).size).toBe(PRODUCTS.length);
    for (const p of PRODUCTS) {
      expect(countySlugs.has(p.county)).toBe(true);
      expect(categorySlugs.has(p.category)).toBe(true);
      for (const v of p.variants) expect(Number.isSafeInteger(v.priceFen) && v.priceFen > 0).toBe(true);
    }
  });
});
