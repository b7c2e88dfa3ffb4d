import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { agreeToTerms, chooseArea, mailFor, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

async function signUp(page: Page, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("姓名或昵称").fill("手机买家");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("手机号码（选填）").fill(`+86 139 ${String(Date.now()).slice(-8, -4)} ${String(Date.now()).slice(-4)}`);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByRole("button", { name: "注册" }).click();
  // without the agreement the form says why, beside the box
  await page.getByText("请阅读并同意《用户协议》和《隐私政策》").waitFor();
  await agreeToTerms(page);
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
}

const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a shopper on a phone (390 px)", () => {
  it("sees 包邮 in the cart, picks 省 → 市 → 区县 at checkout and watches the hint follow the province", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await signUp(page, `picker-${Date.now()}@example.test`, "password-123");

    await page.goto("/halls/tianjin");
    await page.locator("main ul li a").first().click();
    await page.waitForURL("**/products/**");
    await page.getByRole("button", { name: /加入购物车/ }).first().click();
    await page.getByText("已加入购物车").waitFor();

    await page.goto("/cart");
    const cartHint = await page.getByTestId("shipping-hint").textContent();
    expect(cartHint).toMatch(/满 ¥99\.00 包邮，再买 ¥\d+\.\d\d 即可包邮|已满 ¥99\.00，包邮/);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("link", { name: "去结算" }).click();
    await page.waitForURL("**/checkout");

    await page.getByLabel("收件人").fill("王小明");
    await page.getByLabel("手机号码").fill("+86 139 1234 5678");
    await chooseArea(page, { province: "福建省", city: "福州市", district: "鼓楼区" });
    await page.getByLabel("详细地址").fill("五一北路 1 号");
    const hint = page.locator("aside").getByTestId("shipping-hint");
    expect(await hint.textContent()).toMatch(/^寄往福建省(满 ¥99\.00 包邮，再买 ¥\d+\.\d\d 即可包邮|，已满 ¥99\.00，包邮)/);

    // a remote province: the list of cities starts again, and the hint uses the remote rule
    await page.locator("select#province").selectOption("青海省");
    expect(await page.locator("select#city").inputValue().catch(() => "")).toBe("");
    await page.locator("select#city option", { hasText: "西宁市" }).waitFor({ state: "attached" });
    expect(await hint.textContent()).toMatch(/^寄往青海省(满 ¥299\.00 包邮，再买|，已满 ¥299\.00)/);
    await page.locator("select#city").selectOption("西宁市");
    await page.locator("select#district").selectOption("城中区");
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByLabel("保存到地址簿").check();
    await page.getByRole("button", { name: "提交订单并付款" }).click();
    await page.getByRole("heading", { name: /模拟 Stripe 收银台/ }).waitFor();

    // the address went into the address book as the default, with the official names
    await page.goto("/account/addresses");
    const saved = page.getByTestId("saved-address");
    expect(await saved.count()).toBe(1);
    expect(await saved.textContent()).toMatch(/王小明 13912345678\s*默认[\s\S]*青海省 西宁市 城中区/);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
  });

  it("resets a forgotten password from the e-mailed link, which signs out the other devices", async () => {
    const email = `forgot-${Date.now()}@example.test`;
    const first = await browser.newPage({ viewport: PHONE });
    await signUp(first, email, "password-old-1");

    const page = await browser.newPage({ viewport: PHONE });
    await page.goto("/login");
    await page.getByRole("link", { name: "忘记密码？" }).click();
    await page.waitForURL("**/forgot-password");
    await page.getByLabel("邮箱").fill(email);
    await page.getByRole("button", { name: "发送重置链接" }).click();
    await page.getByText("如果该邮箱已注册").waitFor();
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);

    const mail = await mailFor(email);
    expect(mail.subject).toContain("重置");
    const link = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await page.goto(new URL(link!).pathname);
    await page.getByLabel("新密码", { exact: true }).fill("password-new-2");
    await page.getByLabel("确认新密码").fill("password-new-2");
    await page.getByRole("button", { name: "保存新密码" }).click();
    await page.waitForURL("**/account");
    await page.getByText("密码已重置，其他设备上的登录均已退出").waitFor();

    // the other device was signed out
    await first.goto("/account");
    await first.waitForURL("**/login**");
    // the link works once
    await page.goto(new URL(link!).pathname);
    await page.getByText("重置链接无效或已过期").waitFor();
  });
});
