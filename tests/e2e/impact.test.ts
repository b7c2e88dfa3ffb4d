import { describe, expect, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

const number = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));

describe("the public impact page", () => {
  it("shows headline totals and the pairings from the ledger, with no household codes", async () => {
    const page = await browser.newPage();
    const response = await page.goto("/impact");
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "帮扶成效" }).waitFor();
    const orders = page.locator("dt", { hasText: "订单" }).locator("xpath=following-sibling::dd");
    expect(number(await orders.textContent())).toBeGreaterThanOrEqual(300);
    const people = page.locator("dt", { hasText: "带动脱贫人口" }).locator("xpath=following-sibling::dd");
    expect(number(await people.textContent())).toBeGreaterThan(0);
    await page.getByRole("heading", { name: "东西部协作结对" }).waitFor();
    expect(await page.getByRole("img", { name: "按市州的销售额" }).count()).toBe(1);
    const html = await page.content();
    expect(html).not.toMatch(/GS-[A-Z]+-\d{4}/);
  });
});

describe("staff reports", () => {
  it("drill from city to county to co-op, filter, export, and refuse bad dates", async () => {
    const page = await browser.newPage();
    await logIn(page, "staff@demo.longhuo.cn");
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "管理后台" }).getByRole("link", { name: "销售与帮扶报表" }).click();
    await page.getByRole("heading", { name: "销售与帮扶报表" }).waitFor();
    const total = number(await page.locator("tfoot td").nth(1).textContent());
    expect(total).toBeGreaterThan(0);

    // City → county: the county rows add up to the city's row.
    const firstCity = page.locator("tbody tr").first();
    const cityAmount = number(await firstCity.locator("td").nth(1).textContent());
    await firstCity.getByRole("link").click();
    await page.waitForURL(/by=county/);
    await page.locator("thead th", { hasText: "县区" }).waitFor();
    expect(number(await page.locator("tfoot td").nth(1).textContent())).toBe(cityAmount);
    const firstCounty = page.locator("tbody tr").first();
    const countyAmount = number(await firstCounty.locator("td").nth(1).textContent());
    await firstCounty.getByRole("link").click();
    await page.waitForURL(/by=coop/);
    await page.locator("thead th", { hasText: "合作社" }).waitFor();
    expect(number(await page.locator("tfoot td").nth(1).textContent())).toBe(countyAmount);
    await page.getByRole("img", { name: /按合作社的销售额/ }).waitFor();

    // The CSV export of the same filters streams the ledger rows, formula-safe, with a header.
    const href = await page.getByRole("link", { name: "导出 CSV" }).getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("金额（元）");
    expect(text.trim().split("\n").length).toBeGreaterThan(1);

    const bad = await page.goto("/admin/reports?from=2026-02-30");
    expect(bad?.status()).toBe(400);
    expect(await page.textContent("main")).toContain("日期无效");
  });

  it("reconciliation shows the ledger agrees with the orders", async () => {
    const page = await browser.newPage();
    await logIn(page, "staff@demo.longhuo.cn");
    await page.goto("/admin/reconciliation");
    await expect(page.getByRole("status").filter({ hasText: "对账" }).textContent()).resolves.toContain("对账一致");
  });
});

describe("organisation and co-op views", () => {
  it("an organisation sees its purchases against its pledge", async () => {
    const page = await browser.newPage();
    await logIn(page, "orgadmin@demo.longhuo.cn");
    await page.goto("/org/impact");
    await page.getByRole("heading", { name: /本单位帮扶成效/ }).waitFor();
    await page.getByRole("progressbar", { name: "认购完成度" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
  });

  it("a co-op sees what each of its households earned; others are turned away", async () => {
    const page = await browser.newPage();
    await logIn(page, "coop@demo.longhuo.cn");
    await page.goto("/coop/impact");
    await page.getByRole("heading", { name: /农户收益/ }).waitFor();
    expect(await page.locator("tbody tr td.font-mono").count()).toBeGreaterThan(0);

    const consumer = await browser.newPage();
    await logIn(consumer, "consumer@demo.longhuo.cn");
    expect((await consumer.goto("/coop/impact"))?.status()).toBe(403);
    expect((await consumer.goto("/admin/reports"))?.status()).toBe(403);
  });
});
