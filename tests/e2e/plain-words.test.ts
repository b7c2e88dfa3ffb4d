// Screens speak the buyer's and staff's language: no database values (TEST, BANK_TRANSFER, PAID…),
// provider references (test_refund_…), column names (paidAt, slug) or commands (npm run …) on the
// main institution and staff pages (issue 16).
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

const INTERNALS = /\b(?:TEST|CARD|BANK_TRANSFER|PENDING_[A-Z]+|PAID|SHIPPED|DELIVERED|REFUNDED|CANCELLED|RETAIL|BULK|AGENCY|ENTERPRISE|UNION|VERIFIED|REJECTED|undefined|null|NaN)\b|test_refund_|paidAt|createdAt|npm run|\bslug\b/;

async function visibleText(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  return page.locator("main").innerText();
}

async function expectPlain(page: Page, paths: string[]) {
  for (const path of paths) {
    const text = await visibleText(page, path);
    expect(INTERNALS.exec(text)?.[0] ?? null, `${path} shows an internal word`).toBeNull();
  }
}

describe("no internals on screens", () => {
  it("staff pages", async () => {
    const page = await browser.newPage();
    await logIn(page, "staff@demo.longhuo.cn");
    await expectPlain(page, ["/admin", "/admin/orders", "/admin/bank-transfers", "/admin/organizations", "/admin/reconciliation", "/admin/invoices", "/admin/settlements", "/admin/parcels"]);
    // an order with a refund and a bulk order, as staff see them
    await page.goto("/admin/orders");
    const links = await page.locator("main a[href^='/admin/orders/LH-']").evaluateAll((as) => as.slice(0, 6).map((a) => a.getAttribute("href")!));
    await expectPlain(page, links);
  });

  it("institution pages", async () => {
    const page = await browser.newPage();
    await logIn(page, "orgadmin@demo.longhuo.cn");
    await expectPlain(page, ["/org", "/org/orders", "/org/orders/new", "/org/impact", "/org/members"]);
    expect(await visibleText(page, "/org/impact")).toContain("只计一次");
    await page.goto("/org/orders");
    const links = await page.locator("main tbody a").evaluateAll((as) => as.slice(0, 4).map((a) => a.getAttribute("href")!));
    await expectPlain(page, links);
  });
});
