import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

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
