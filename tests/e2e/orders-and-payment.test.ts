import { describe, expect, it } from "vitest";
import { chooseArea, logIn, useBrowser } from "./browser";

// 我的订单 tabs and the payment-method choice, on a phone (issue 15 items 9 and 11).
const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

const noSideways = (page: import("playwright-core").Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("我的订单 on a phone", () => {
  it("shows the tab of the URL with counts, follows client navigation and search, and opens tracking in a new tab", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await logIn(page, "consumer@demo.longhuo.cn");
    await page.goto("/orders");
    const tabs = page.getByRole("navigation", { name: "订单状态" });
    for (const name of ["全部", "待付款", "待发货", "待收货", "已完成", "售后"]) await tabs.getByRole("link", { name: new RegExp(`^${name}`) }).waitFor();
    expect(await tabs.locator('[aria-current="page"]').textContent()).toMatch(/^全部/);
    expect(await noSideways(page)).toBe(true);

    // client-side navigation: the URL and the highlighted tab agree, the list is that tab's
    const toReceive = Number(await page.getByTestId("tab-count-to-receive").textContent());
    expect(toReceive).toBeGreaterThan(0);
    await tabs.getByRole("link", { name: /^待收货/ }).click();
    await page.waitForURL("**/orders?tab=to-receive");
    await expect.poll(() => tabs.locator('[aria-current="page"]').textContent()).toMatch(/^待收货/);
    await expect.poll(() => page.getByTestId("order-card").count()).toBe(Math.min(toReceive, 10));
    const link = page.locator('[data-testid="order-card"] a[target="_blank"]').first();
    expect(await link.getAttribute("rel")).toContain("noopener");
    expect(await link.getAttribute("href")).toMatch(/^https:\/\//);
    await page.getByTestId("order-card").first().getByRole("button", { name: /确认收货/ }).first().waitFor();
    // the back button shows 全部 again
    await page.goBack();
    await page.waitForURL((url) => url.search === "");
    await expect.poll(() => tabs.locator('[aria-current="page"]').textContent()).toMatch(/^全部/);

    // search by a product name keeps working from the list, and the box shows the words
    const firstLine = (await page.getByTestId("order-card").first().locator("p").first().textContent())!;
    const word = firstLine.split("×")[0].slice(0, 4);
    await page.getByLabel("搜索订单").fill(word);
    await page.getByRole("main").getByRole("button", { name: "搜索" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === word);
    expect(await page.getByTestId("order-card").count()).toBeGreaterThan(0);
    expect(await page.getByText(`「${word}」的订单`).isVisible()).toBe(true);
    expect(await noSideways(page)).toBe(true);
  });

  it("works without JavaScript: the tab links are plain links", async () => {
    const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
    await logIn(page, "consumer@demo.longhuo.cn");
    await page.goto("/orders?tab=unpaid");
    expect(await page.getByRole("navigation", { name: "订单状态" }).locator('[aria-current="page"]').textContent()).toMatch(/^待付款/);
    expect(await page.getByTestId("order-card").count()).toBeGreaterThan(0);
  });
});

describe("paying by 微信支付", () => {
  it("the buyer picks 微信支付 at checkout; Stripe gets a WeChat Pay session; the order says 微信支付", { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await logIn(page, "shopper11@demo.longhuo.cn");
    await page.goto("/halls/tianjin");
    await page.locator("main ul li a").first().click();
    await page.waitForURL("**/products/**");
    await page.getByRole("button", { name: /加入购物车/ }).first().click();
    await page.getByText("已加入购物车").waitFor();
    await page.goto("/checkout");
    const choice = page.getByRole("group", { name: "支付方式" });
    for (const name of ["支付宝", "微信支付", "银行卡"]) await choice.getByRole("radio", { name: new RegExp(name) }).waitFor();
    expect(await noSideways(page)).toBe(true);
    await choice.getByRole("radio", { name: /微信支付/ }).check();
    if (await page.getByLabel("收件人").count()) {
      await page.getByLabel("收件人").fill("赵敏");
      await page.getByLabel("手机号码").fill("13912345670");
      await chooseArea(page, { province: "天津市", city: "天津市", district: "津南区" });
      await page.getByLabel("详细地址").fill("咸水沽镇 1 号");
    }
    await page.getByRole("button", { name: "提交订单并付款" }).click();
    await page.getByRole("heading", { name: /模拟 Stripe 收银台/ }).waitFor();
    expect(await page.getByTestId("methods").textContent()).toContain("wechat_pay");
    await page.getByRole("button", { name: "确认支付" }).click();
    await page.waitForURL(/\/orders\/LH-.*\?paid=1/);
    await expect.poll(async () => (await page.reload(), await page.getByTestId("paid-with").textContent())).toContain("微信支付");
  });
});
