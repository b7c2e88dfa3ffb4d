import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { readInbox, type ReceivedMail } from "../support/fake-smtp";

// The machine has no network, so Chromium must not look for one (these flags were checked with
// Debian's chromium and playwright-core; do not pass --user-data-dir to launch()).
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const baseUrl = () => inject("baseUrl");

/** One browser per test file; each test gets a fresh context (no shared cookies). */
export function useBrowser() {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<Page> {
      const context = await browser.newContext({
        baseURL: baseUrl(),
        locale: "zh-CN",
        viewport: options.viewport,
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      return context.newPage();
    },
  };
}

export const DEMO_PASSWORD = "longhuo2026";

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Picks 省 / 市 / 区县 in the linked address picker: each list appears once the level above is
 * chosen (fetched from /areas), so each select is waited for before it is used.
 */
export async function chooseArea(page: Page, area: { province: string; city: string; district: string }) {
  await page.locator("select#province").selectOption(area.province);
  await page.locator("select#city").selectOption(area.city);
  await page.locator("select#district").selectOption(area.district);
}

/**
 * Ticks the sign-up's agreement to the 用户协议 and 隐私政策: after the page has hydrated (React
 * resets an uncontrolled checkbox to its server-rendered state when it hydrates), and after the
 * field being typed in has lost focus (its check may show a message that moves the box down
 * between the press and the release of the click).
 */
export async function agreeToTerms(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.getByLabel(/我已阅读并同意/).check();
}

/** Waits for the production server's sender to deliver mail for `address` to the fake SMTP server. */
export async function mailFor(address: string, deadlineMs = 30_000): Promise<ReceivedMail> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const [mail] = await readInbox(inject("smtpInbox"), address);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail for ${address} arrived`);
}
