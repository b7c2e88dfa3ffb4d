// Issue 15 items 3, 6 and 12 in a real browser: filter controls that show the URL's state after
// client-side navigation, linked 市州/区县, 搜索联想 and the search page's sorting, 收藏 without
// JavaScript and the share panel.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

const hydrated = (page: Page) => page.waitForLoadState("networkidle");
const total = async (page: Page) => Number(((await page.getByRole("status").filter({ hasText: "共" }).textContent()) ?? "").replace(/\D/g, ""));

describe("filters show what the URL says (item 3)", () => {
  it("keeps a category chosen by chip in the 品类 select, so 筛选 does not drop it", async () => {
    const page = await browser.newPage();
    await page.goto("/halls/tianjin");
    await hydrated(page);
    const all = await total(page);
    const chips = page.getByRole("navigation", { name: "品类" }).getByRole("link");
    const chip = chips.nth(1);
    const category = (await chip.textContent())!.trim();
    await chip.click();
    await page.waitForURL(/category=/);
    await page.waitForFunction((before) => !document.querySelector("main [role=status]")?.textContent?.includes(` ${before} `), all);
    const filtered = await total(page);
    expect(filtered).toBeLessThan(all);
    const filters = page.locator("form").filter({ has: page.getByRole("button", { name: "筛选" }) });
    // before the fix the select still said 全部品类 after this client-side navigation
    expect(await filters.getByLabel("品类").evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(category);
    await filters.getByRole("button", { name: "筛选" }).click();
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).searchParams.get("category")).not.toBeNull();
    expect(await total(page)).toBe(filtered);
  });

  it("links 市州 and 区县: a 市州 limits the counties, a county sets its 市州", async () => {
    const page = await browser.newPage();
    await page.goto("/halls/tianjin");
    await hydrated(page);
    const filters = page.locator("form").filter({ has: page.getByRole("button", { name: "筛选" }) });
    const countyOptions = () => filters.getByLabel("区县").locator("option").allTextContents();
    const everyCounty = await countyOptions();
    await filters.getByLabel("市州").selectOption({ label: "天水市" });
    const tianshui = await countyOptions();
    expect(tianshui.length).toBeLessThan(everyCounty.length);
    expect(tianshui).toContain("秦安县");
    // back to every 市州, then a county: its 市州 follows
    await filters.getByLabel("市州").selectOption({ label: "全部市州" });
    await filters.getByLabel("区县").selectOption({ label: "秦安县" });
    expect(await filters.getByLabel("市州").evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe("天水市");
    await filters.getByRole("button", { name: "筛选" }).click();
    await page.waitForURL(/county=qinan/);
    expect(new URL(page.url()).searchParams.get("prefecture")).toBe("tianshui");
  });

  it("shows a report drill-down's filter in its select", async () => {
    const page = await browser.newPage();
    await logIn(page, "staff@demo.longhuo.cn");
    await page.goto("/admin/reports?by=city");
    await hydrated(page);
    const city = page.locator("table tbody a").first();
    const name = (await city.textContent())!.trim();
    await city.click();
    await page.waitForURL(/cityId=/);
    await page.getByRole("heading", { name: "按县区的销售额" }).waitFor().catch(() => undefined);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "筛选" }) });
    // before the fix this said 全部 after the drill-down
    expect(await form.getByLabel("东部城市").evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(name);
  });
});

describe("search (item 6)", () => {
  it("suggests while typing pinyin, and Enter on a suggestion opens it", async () => {
    const page = await browser.newPage();
    await page.goto("/");
    await hydrated(page);
    const box = page.getByRole("combobox", { name: "搜索商品" }).first();
    await box.fill("huaniu");
    const list = page.getByRole("listbox", { name: "搜索联想" }).first();
    await list.getByRole("option", { name: /花牛苹果/ }).first().waitFor();
    const options = await list.getByRole("option").allTextContents();
    expect(options.some((o) => o.includes("雪花牛排"))).toBe(false);
    await box.press("ArrowDown");
    const first = list.getByRole("option").first();
    expect(await first.getAttribute("aria-selected")).toBe("true");
    const label = (await first.locator("span").first().textContent())!;
    await box.press("Enter");
    await page.getByRole("heading", { level: 1, name: label }).waitFor();
  });

  it("offers hot searches in an empty box and sorts results by price", async () => {
    const page = await browser.newPage();
    await page.goto("/search?q=%E8%8B%B9%E6%9E%9C");
    await hydrated(page);
    await page.getByRole("navigation", { name: "热门搜索" }).getByRole("link").first().waitFor();
    await page.getByRole("navigation", { name: "排序" }).getByRole("link", { name: "价格从低到高" }).click();
    await page.waitForURL(/sort=price_asc/);
    const prices = (await page.locator("main ul li a").filter({ hasText: "起" }).locator("p span.font-semibold").allTextContents()).map((t) => Number(t.replace(/[^\d.]/g, "")));
    expect(prices.length).toBeGreaterThan(1);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  });
});

describe("收藏, 足迹 and 分享 (item 12)", () => {
  it("saves a product without JavaScript, lists it in 收藏 and the view in 足迹, and removes it", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await logIn(page, "orgadmin@demo.longhuo.cn");
    await page.goto("/search?q=%E8%8A%B1%E7%89%9B");
    const card = page.locator("main ul li a").first();
    const name = (await card.locator("h2").textContent())!.trim();
    await card.click();
    await page.waitForURL("**/products/**");
    const productUrl = page.url();
    await page.getByRole("button", { name: "收藏" }).click();
    await page.waitForURL(productUrl);
    await page.getByRole("button", { name: "已收藏" }).waitFor();
    await page.goto("/favorites");
    expect(await page.locator("main h2").allTextContents()).toContain(name);
    await page.goto("/footprints");
    expect(await page.locator("main h2").first().textContent()).toBe(name);
    await page.goto("/favorites");
    await page.getByRole("button", { name: `收藏${name}` }).click();
    await page.getByText("还没有收藏").waitFor();
  });

  it("opens a share panel with the product's link and its QR code", async () => {
    const page = await browser.newPage();
    await page.goto("/search?q=%E8%8A%B1%E7%89%9B");
    await page.locator("main ul li a").first().click();
    await page.waitForURL("**/products/**");
    await hydrated(page);
    await page.locator("summary", { hasText: "分享" }).click();
    expect(await page.getByLabel("商品链接").inputValue()).toBe(page.url());
    const qr = page.getByRole("img", { name: /二维码/ });
    await qr.waitFor();
    const width = await qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : new Promise<number>((done) => img.addEventListener("load", () => done(img.naturalWidth)))));
    expect(width).toBeGreaterThan(0);
  });
});
