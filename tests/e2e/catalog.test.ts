import http from "node:http";
import { describe, expect, it } from "vitest";
import { baseUrl, logIn, useBrowser } from "./browser";

const browser = useBrowser();

describe("shoppers find products", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`goes from a hall through a filter to a product (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await browser.newPage({ javaScriptEnabled });
      await page.goto("/halls/tianjin");
      await page.getByRole("heading", { level: 1, name: "甘货进津" }).waitFor();
      const filters = page.locator("form").filter({ has: page.getByRole("button", { name: "筛选" }) });
      await filters.getByLabel("区县").selectOption({ label: "秦安县" });
      await filters.getByLabel("仅看扶贫认定").check();
      await filters.getByLabel("排序").selectOption("price_asc");
      await filters.getByRole("button", { name: "筛选" }).click();
      await page.waitForURL(/county=qinan/);
      const url = new URL(page.url());
      expect(url.searchParams.get("certified")).toBe("1");
      expect(url.searchParams.get("sort")).toBe("price_asc");

      const cards = page.getByRole("region", { name: "全部特产" }).locator("ul li a");
      expect(await cards.count()).toBeGreaterThan(0);
      const origins = await cards.locator("p", { hasText: "产地" }).allTextContents();
      expect(new Set(origins)).toEqual(new Set(["产地：秦安县"]));

      const name = (await cards.first().locator("h3").textContent())!.trim();
      await cards.first().click();
      await page.waitForURL("**/products/**");
      await page.getByRole("heading", { level: 1, name }).waitFor();
      const main = (await page.locator("main").textContent())!;
      expect(main).toContain("秦安县");
      expect(main).toContain("已认定");
      expect(main).toMatch(/有货|已售罄/);
    });
  }

  it("searches by pinyin initials from the header and opens a highlighted result", async () => {
    const page = await browser.newPage();
    await page.goto("/");
    await page.getByRole("combobox", { name: "搜索商品" }).fill("hnpg");
    await page.getByRole("search").getByRole("button", { name: "搜索" }).click();
    await page.waitForURL("**/search?q=hnpg");
    await page.getByRole("heading", { level: 1, name: /“hnpg”共找到 \d+ 种特产/ }).waitFor();
    const hit = page.locator("main ul li a").filter({ has: page.locator("mark", { hasText: "花牛苹果" }) }).first();
    const name = (await hit.locator("h2").textContent())!.trim();
    expect(name).toContain("花牛苹果");
    await hit.click();
    await page.waitForURL("**/products/**");
    await page.getByRole("heading", { level: 1, name }).waitFor();
  });

  it("shows a friendly empty search and never echoes markup", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`/search?q=${encodeURIComponent("<script>window.x=1</script>🍎zzzqqq")}`);
    expect(response?.status()).toBe(200);
    await page.getByText("没有找到相关特产").waitFor();
    expect(await page.evaluate(() => (window as unknown as { x?: number }).x)).toBeUndefined();
    await page.getByRole("link", { name: "hnpg" }).click();
    await page.waitForURL("**/search?q=hnpg");
  });

  it("is usable on a phone: hall and product pages do not scroll sideways", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    for (const path of ["/halls/qingdao", "/counties/qinan", "/search?q=dg"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });

  it("shares one rendered copy of a public page among anonymous visitors, and only with them", async () => {
    const url = `${baseUrl()}/halls/xiamen?sort=newest`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    const second = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
    expect(second.headers.get("x-page-cache")).toMatch(/^(hit|stale)$/);
    expect(await second.text()).toBe(await first.text());
    // node:http, because fetch() adds `Cache-Control: no-cache` to conditional requests
    const revalidated = await new Promise<number>((resolve, reject) =>
      http.get(url, { headers: { "If-None-Match": second.headers.get("etag")! } }, (res) => resolve(res.resume().statusCode!)).on("error", reject),
    );
    expect(revalidated).toBe(304);

    // the impact page is public too; a cart or the log-in page never is, even without a session
    expect((await fetch(`${baseUrl()}/impact`)).headers.get("cache-control")).toBe("public, max-age=60");
    for (const personal of ["/cart", "/login"]) {
      const response = await fetch(`${baseUrl()}${personal}`, { redirect: "manual" });
      expect(response.headers.get("cache-control"), personal).toBe("private, no-store");
      expect(response.headers.get("x-page-cache"), personal).toBeNull();
    }

    const page = await browser.newPage();
    await logIn(page, "buyer@demo.longhuo.cn");
    const own = await page.goto("/halls/xiamen?sort=newest");
    expect(own?.headers()["x-page-cache"]).toBeUndefined();
    expect(own?.headers()["cache-control"]).toBe("private, no-store");
    await page.getByRole("button", { name: "退出" }).waitFor();
    expect((await page.goto("/orders"))?.headers()["cache-control"]).toBe("private, no-store");
  });
});
