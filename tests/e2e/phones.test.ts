import { createClient } from "@libsql/client";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { logIn, useBrowser } from "./browser";
import { DESKTOP, layoutProblems, PHONE, smallTapTargets } from "./layout";

const browser = useBrowser();

// Issue 15, item 2: at 390 px the cart set product names one character per line, order tables ran
// columns together ("¥58.001"), the header's search box was 76 px wide and its links 20 px tall,
// and a phone had no tab bar and no buy bar.

async function demoFacts() {
  const db = createClient({ url: inject("databaseUrl") });
  try {
    const one = async (sql: string, args: string[] = []) => (await db.execute({ sql, args })).rows[0];
    const product = await one(
      `SELECT p.slug FROM Product p JOIN Variant v ON v.productId = p.id WHERE p.status = 'ACTIVE' AND v.active = 1 AND v.stock >= 20 AND v.minOrderQty = 1
       AND (SELECT COUNT(*) FROM ProductImage i WHERE i.productId = p.id) > 1 ORDER BY p.slug LIMIT 1`,
    );
    const consumerOrder = await one(`SELECT o.number FROM "Order" o JOIN User u ON u.id = o.buyerId WHERE u.email = ? AND o.kind = 'RETAIL' ORDER BY o.createdAt DESC LIMIT 1`, ["consumer@demo.longhuo.cn"]);
    const orgOrder = await one(`SELECT o.number FROM "Order" o JOIN User u ON u.id = o.buyerId WHERE u.email = ? ORDER BY o.createdAt DESC LIMIT 1`, ["buyer@demo.longhuo.cn"]);
    return { product: String(product.slug), consumerOrder: String(consumerOrder.number), orgOrder: String(orgOrder.number) };
  } finally {
    db.close();
  }
}

async function readable(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(await layoutProblems(page), path).toEqual([]);
}

/** Puts one unit of the product in the cart from its page (the buy bar's 加入购物车). */
async function addOne(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "加入购物车" }).click();
  await page.getByText("已加入购物车").waitFor();
}

describe("at 390 px", () => {
  it("the main pages scroll only downwards and no text wraps into a column narrower than 4 characters", { timeout: 180_000 }, async () => {
    const facts = await demoFacts();
    const guest = await browser.newPage({ viewport: PHONE });
    for (const path of ["/", "/halls/tianjin", `/products/${facts.product}`, "/search?q=花牛", "/categories"]) await readable(guest, path);

    const consumer = await browser.newPage({ viewport: PHONE });
    await logIn(consumer, "consumer@demo.longhuo.cn");
    await addOne(consumer, facts.product);
    for (const path of ["/cart", "/checkout", "/orders", `/orders/${facts.consumerOrder}`]) await readable(consumer, path);

    const coop = await browser.newPage({ viewport: PHONE });
    await logIn(coop, "coop@demo.longhuo.cn");
    for (const path of ["/coop", "/coop/orders"]) await readable(coop, path);

    const buyer = await browser.newPage({ viewport: PHONE });
    await logIn(buyer, "buyer@demo.longhuo.cn");
    for (const path of ["/org/orders", `/org/orders/${facts.orgOrder}`]) await readable(buyer, path);

    const staff = await browser.newPage({ viewport: PHONE });
    await logIn(staff, "staff@demo.longhuo.cn");
    for (const path of ["/admin/orders", `/admin/orders/${facts.consumerOrder}`]) await readable(staff, path);
  });

  it("the header's search box takes the width and every header and tab-bar link is a 44 px target", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await logIn(page, "staff@demo.longhuo.cn"); // the most links: every role's place
    await page.goto("/");
    const search = await page.getByRole("combobox", { name: "搜索商品" }).boundingBox();
    expect(search!.width).toBeGreaterThan(200);
    expect(search!.height).toBeGreaterThanOrEqual(44);
    expect(await smallTapTargets(page, "header a, header button, header input, [data-testid=tab-bar] a")).toEqual([]);
  });

  it("a bottom tab bar leads to 首页 / 分类 / 购物车 / 我的, covers nothing, and is gone on a desktop", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto("/");
    const tabs = page.getByRole("navigation", { name: "底部导航" });
    expect(await tabs.getByRole("link").allTextContents()).toEqual(["首页", "分类", "购物车", "我的"]);
    // at the very bottom of the page the footer's last line is above the bar, not under it
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const bar = (await tabs.boundingBox())!;
    const icp = (await page.getByRole("link", { name: /ICP备/ }).boundingBox())!;
    expect(icp.y + icp.height).toBeLessThanOrEqual(bar.y);

    await tabs.getByRole("link", { name: "分类" }).click();
    await page.waitForURL("**/categories");
    await page.getByRole("heading", { level: 1, name: "商品分类" }).waitFor();
    const first = page.getByRole("navigation", { name: "品类" }).getByRole("link").first();
    const name = (await first.locator("span").first().textContent())!;
    await first.click();
    await page.waitForURL("**/categories?category=*");
    await page.getByRole("heading", { level: 1, name }).waitFor();
    expect(await page.locator("main ul li a h3").count()).toBeGreaterThan(0);
    await tabs.getByRole("link", { name: "我的" }).click();
    await page.waitForURL("**/login");

    const desktop = await browser.newPage({ viewport: DESKTOP });
    await desktop.goto("/");
    expect(await desktop.getByTestId("tab-bar").isVisible()).toBe(false);
  });

  it("the product page's 加入购物车 / 立即购买 bar stays on screen above the tab bar, and the page's end is not hidden under it", async () => {
    const { product } = await demoFacts();
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`/products/${product}`);
    const buyBar = page.getByTestId("buy-bar");
    const tabBar = page.getByTestId("tab-bar");
    for (const y of [0, 600]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const [buy, tab] = [(await buyBar.boundingBox())!, (await tabBar.boundingBox())!];
      expect(buy.y + buy.height).toBeLessThanOrEqual(tab.y + 0.5);
      expect(buy.y).toBeLessThan(PHONE.height);
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const [buy, icp] = [(await buyBar.boundingBox())!, (await page.getByRole("link", { name: /ICP备/ }).boundingBox())!];
    expect(icp.y + icp.height).toBeLessThanOrEqual(buy.y);

    const desktop = await browser.newPage({ viewport: DESKTOP });
    await desktop.goto(`/products/${product}`);
    const onDesktop = (await desktop.getByTestId("buy-bar").evaluate((el) => getComputedStyle(el).position)) as string;
    expect(onDesktop).toBe("static");
  });
});
