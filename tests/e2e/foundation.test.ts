import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { agreeToTerms, DEMO_PASSWORD, logIn, useBrowser } from "./browser";

const browser = useBrowser();

/** A visitor opens a staff page, is sent to log in, and lands back on it. */
async function staffComesBackToAdmin(page: Page) {
  await page.goto("/admin");
  await page.waitForURL("**/login?redirectTo=%2Fadmin");
  await page.getByLabel("邮箱").fill("staff@demo.longhuo.cn");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL("**/admin");
}

describe("a shopper browses", () => {
  it("goes from the home page to a hall and on to a product", async () => {
    const page = await browser.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "四大体验馆" }).isVisible()).resolves.toBe(true);
    await page.getByRole("navigation", { name: "体验馆" }).getByRole("link", { name: "天津馆" }).click();
    await page.waitForURL("**/halls/tianjin");
    await page.getByRole("heading", { level: 1, name: /甘货进津/ }).waitFor();
    const firstProduct = page.locator("main ul li a").first();
    const name = (await firstProduct.locator("h3").textContent())!.trim();
    await firstProduct.click();
    await page.waitForURL("**/products/**");
    await page.getByRole("heading", { level: 1, name }).waitFor();
    expect(await page.locator("main").textContent()).toContain("脱贫户");
  });

  it("shows a 404 page for an unknown address and an unknown product", async () => {
    const page = await browser.newPage();
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    expect(await page.textContent("main")).toContain("页面不存在");
    const product = await page.goto("/products/no-such-product");
    expect(product?.status()).toBe(404);
  });

  it("works on a phone-sized screen", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "体验馆" });
    expect(await nav.getByRole("link").count()).toBe(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe("accounts", () => {
  it("signs up (after fixing a mistake), logs out, and logs back in", async () => {
    const page = await browser.newPage();
    const email = `e2e-${Date.now()}@example.cn`;
    await page.goto("/signup");
    await page.getByLabel("姓名或昵称").fill("测试买家");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码", { exact: true }).fill("password-123");
    await page.getByLabel("确认密码").fill("password-999");
    await agreeToTerms(page);
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("两次输入的密码不一致").isVisible()).resolves.toBe(true);
    expect(await page.getByLabel("邮箱").inputValue()).toBe(email);

    await page.getByLabel("确认密码").fill("password-123");
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByText("您好，测试买家").waitFor();

    await page.getByRole("button", { name: "退出" }).click();
    await page.getByRole("link", { name: "登录" }).waitFor();

    await logIn(page, email, "password-123");
    await page.getByText("您好，测试买家").waitFor();
  });

  it("without JavaScript, a rejected sign-up keeps what was typed and log-in returns to where it began", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto("/signup");
    await page.getByLabel("姓名或昵称").fill("无脚本用户");
    await page.getByLabel("邮箱").fill("nojs@example.cn");
    await page.getByLabel("密码", { exact: true }).fill("password-123");
    await page.getByLabel("确认密码").fill("different-1");
    await agreeToTerms(page);
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByText("两次输入的密码不一致").waitFor();
    expect(await page.getByLabel("姓名或昵称").inputValue()).toBe("无脚本用户");
    expect(await page.getByLabel("邮箱").inputValue()).toBe("nojs@example.cn");
    expect(await page.getByLabel("密码", { exact: true }).inputValue()).toBe("");

    await staffComesBackToAdmin(page);
  });

  it("says only 'wrong account or password' for a bad log-in", async () => {
    const page = await browser.newPage();
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("nobody@example.cn");
    await page.getByLabel("密码").fill("whatever-1");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("账号或密码错误").waitFor();
    expect(await page.getByLabel("邮箱").inputValue()).toBe("nobody@example.cn");
  });
});

describe("role guards", () => {
  it("gives a consumer 403 on a staff page and lets staff in", async () => {
    const consumer = await browser.newPage();
    await logIn(consumer, "consumer@demo.longhuo.cn");
    const forbidden = await consumer.goto("/admin/users");
    expect(forbidden?.status()).toBe(403);
    expect(await consumer.textContent("main")).toContain("没有权限");

    const staff = await browser.newPage();
    await logIn(staff, "staff@demo.longhuo.cn");
    const allowed = await staff.goto("/admin/users");
    expect(allowed?.status()).toBe(200);
    await staff.getByRole("heading", { name: "用户与角色" }).waitFor();
  });

  it("sends a visitor to log in and back", async () => {
    const page = await browser.newPage();
    await staffComesBackToAdmin(page);
    await page.getByRole("heading", { name: "平台概览" }).waitFor();
  });
});
