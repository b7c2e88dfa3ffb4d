import { describe, expect, it } from "vitest";
import { chooseArea, DEMO_PASSWORD, useBrowser } from "./browser";

const browser = useBrowser();

// The harness runs the production build with a Stripe key and points the real stripe client at a
// loopback fake (see tests/e2e/global-setup.ts). Its checkout page's pay button sends the signed
// checkout.session.completed webhook to /webhooks/stripe, as Stripe would.
describe("a consumer buys", () => {
  it("adds to cart as a guest, logs in at checkout, pays by card and sees the order paid", async () => {
    const page = await browser.newPage();
    await page.goto("/halls/tianjin");
    const firstProduct = page.locator("main ul li a").first();
    const productName = (await firstProduct.locator("h3").textContent())!.trim();
    await firstProduct.click();
    await page.waitForURL("**/products/**");
    await page.getByRole("heading", { level: 1, name: productName }).waitFor();

    // add to cart with a fetcher: no navigation, the header count changes
    const urlBefore = page.url();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("数量", { exact: true }).fill("2");
    await page.getByRole("button", { name: "加入购物车" }).click();
    await page.getByText("已加入购物车").waitFor();
    expect(page.url()).toBe(urlBefore);
    await page.getByRole("link", { name: /购物车\s*2/ }).waitFor();

    await page.goto("/cart");
    await expect(page.getByTestId("cart-line").count()).resolves.toBe(1);
    expect(await page.getByTestId("cart-line").textContent()).toContain(productName);
    await page.getByRole("link", { name: "去结算" }).click();

    // checkout needs an account: log in, come back, the guest cart came along
    await page.waitForURL("**/login?redirectTo=%2Fcheckout");
    await page.getByLabel("邮箱").fill("consumer@demo.longhuo.cn");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL("**/checkout");
    expect(await page.locator("aside").textContent()).toContain(productName);

    // a wrong mobile number is caught beside the field
    await page.getByLabel("收件人").fill("王小明");
    await page.getByLabel("手机号码").fill("12345");
    await chooseArea(page, { province: "福建省", city: "福州市", district: "鼓楼区" });
    await page.getByLabel("详细地址").fill("五一北路 1 号");
    await page.getByRole("button", { name: "提交订单并付款" }).click();
    await page.getByText("请输入 11 位手机号码").waitFor();
    await page.getByLabel("手机号码").fill("13912345678");
    await page.getByRole("button", { name: "提交订单并付款" }).click();

    // the (fake) Stripe checkout page, then back to the order
    await page.getByRole("heading", { name: /模拟 Stripe 收银台/ }).waitFor();
    await page.getByRole("button", { name: "确认支付" }).click();
    await page.waitForURL(/\/orders\/LH-\d{4}-\w{4}-\w{4}\?paid=1/);
    await page.getByRole("heading", { name: /订单 LH-/ }).waitFor();
    const main = page.locator("main");
    await expect(main.getByText("已付款").first().isVisible()).resolves.toBe(true);
    expect(await page.getByRole("list", { name: "订单进度" }).textContent()).toMatch(/待付款[\s\S]*已付款/);
    // the buyer's impact receipt: where this order's money went
    expect(await page.getByRole("region", { name: "本单帮扶去向" }).textContent()).toMatch(/脱贫户/);

    // the order is in "my orders", and the cart is empty now
    await page.goto("/orders");
    expect(await page.locator("main").textContent()).toContain("已付款");
    await page.goto("/cart");
    await page.getByText("购物车是空的").waitFor();
  });

  it("answers a forged webhook with 400", async () => {
    const page = await browser.newPage();
    const response = await page.request.post("/webhooks/stripe", {
      headers: { "stripe-signature": "t=1,v1=deadbeef", "content-type": "application/json" },
      data: JSON.stringify({ id: "evt_forged", type: "checkout.session.completed", data: { object: {} } }),
    });
    expect(response.status()).toBe(400);
  });
});
