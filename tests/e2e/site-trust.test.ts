import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// The harness runs production with SUPPORT_HOTLINE, SUPPORT_EMAIL and ICP_NUMBER set (global-setup.ts).
describe("trust and the law", () => {
  it("every page's footer links 关于我们, 用户协议 and 隐私政策 and shows the configured hotline and ICP number, at phone width", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto("/");
    const footer = page.locator("footer");
    await expect(footer.getByRole("link", { name: "400-800-2026" }).getAttribute("href")).resolves.toBe("tel:4008002026");
    await expect(footer.getByRole("link", { name: "kefu@longhuo.cn" }).isVisible()).resolves.toBe(true);
    await expect(footer.getByRole("link", { name: "陇ICP备2026000001号-1" }).getAttribute("href")).resolves.toBe("https://beian.miit.gov.cn/");
    for (const [name, path, heading] of [
      ["关于我们", "/about", "关于我们"],
      ["用户协议", "/legal/terms", "用户协议"],
      ["隐私政策", "/legal/privacy", "隐私政策"],
    ] as const) {
      const link = footer.getByRole("link", { name, exact: true });
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await link.click();
      await page.waitForURL(`**${path}`);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await page.locator("main").textContent()).toContain("400-800-2026");
    }
    // what the privacy policy has to say, in the store's own terms
    const text = (await page.locator("main").textContent()) ?? "";
    for (const word of ["收货地址", "手机号", "匿名户编号", "Stripe", "境外"]) expect(text).toContain(word);
  });

  it("cards show units sold and the popular sort orders by them; the product page shows the same figure", async () => {
    const page = await browser.newPage();
    await page.goto("/halls/tianjin?sort=popular");
    // the listing under the filters (the curated shelves above it are ordered by staff)
    const cards = page.locator('section:has(> p[role="status"]) > ul > li > a');
    const counts = await cards.evaluateAll((links) =>
      links.map((a) => Number((a.textContent?.match(/已售\s*([\d,]+)/)?.[1] ?? "0").replace(/,/g, ""))),
    );
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.some((n) => n > 0)).toBe(true);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const first = cards.first();
    await first.click();
    await page.waitForURL("**/products/**");
    expect(await page.getByTestId("units-sold").textContent()).toBe(`累计售出 ${counts[0].toLocaleString("zh-CN")} 件`);
  });
});
