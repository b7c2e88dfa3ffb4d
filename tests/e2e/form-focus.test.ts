import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { agreeToTerms, useBrowser } from "./browser";

const browser = useBrowser();

// Issue 15, item 1: after a server-side error, react-hook-form was handed a new errors object on
// every render and focused the failed field again on each focus change, so what a person typed
// into another field went into the failed one (on /signup, a password into the e-mail field).

const fieldValues = (page: Page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll("input[id]")].map((i) => [i.id, (i as HTMLInputElement).value])));

/**
 * Clicks a field, types at its end, and checks the text landed there: that field gained exactly
 * the typed text, every other field is unchanged, and focus stayed where the click put it.
 */
async function clickAndType(page: Page, id: string, text: string) {
  const before = await fieldValues(page);
  await page.locator(`#${id}`).click();
  await page.keyboard.press("End");
  await page.keyboard.type(text);
  const after = await fieldValues(page);
  expect(await page.evaluate(() => document.activeElement?.id ?? null)).toBe(id);
  expect(after).toEqual({ ...before, [id]: before[id] + text });
  return after;
}

describe("a form after a server-side error", () => {
  it("on /login, lets the shopper type into another field", async () => {
    const page = await browser.newPage();
    await page.goto("/login");
    await page.waitForLoadState("networkidle"); // hydrated: the bug lives in the browser's form
    await page.getByLabel("邮箱").fill("consumer@demo.longhuo.cn");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("账号或密码错误").waitFor();

    expect((await clickAndType(page, "email", "x")).email).toBe("consumer@demo.longhuo.cnx");
    await clickAndType(page, "password", "abc");
  });

  it("on /signup, a password typed after the error stays in the password field", async () => {
    const page = await browser.newPage();
    await page.goto("/signup");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("姓名或昵称").fill("重复注册");
    await page.getByLabel("邮箱").fill("consumer@demo.longhuo.cn");
    await page.getByLabel("密码", { exact: true }).fill("password-123");
    await page.getByLabel("确认密码").fill("password-123");
    await agreeToTerms(page);
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByText("该邮箱已注册").waitFor();

    const typed = await clickAndType(page, "password", "secret-456");
    expect(typed.email).toBe("consumer@demo.longhuo.cn");
    expect((await clickAndType(page, "name", "甲")).name).toBe("重复注册甲");
  });
});
