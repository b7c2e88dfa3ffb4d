import { createClient } from "@libsql/client";
import { describe, expect, inject, it } from "vitest";
import { logIn, useBrowser } from "./browser";
import { PHONE } from "./layout";

const browser = useBrowser();

// Issue 15, item 5: the product page took any quantity (the cart found out later), had no −/+,
// and no 立即购买.

/** A product on sale with one variant of a few units (so the stock is what bounds the stepper). */
async function lowStockProduct(exclude: string[] = []) {
  const db = createClient({ url: inject("databaseUrl") });
  try {
    const r = await db.execute({
      sql: `SELECT p.slug, p.name, v.stock FROM Product p JOIN Variant v ON v.productId = p.id
            WHERE p.status = 'ACTIVE' AND v.active = 1 AND v.stock BETWEEN 3 AND 40 AND v.minOrderQty = 1
              AND (SELECT COUNT(*) FROM Variant w WHERE w.productId = p.id AND w.active = 1) = 1
              AND p.slug NOT IN (${exclude.map(() => "?").join(",") || "''"})
            ORDER BY v.stock, p.slug LIMIT 1`,
      args: exclude,
    });
    return { slug: String(r.rows[0].slug), name: String(r.rows[0].name), stock: Number(r.rows[0].stock) };
  } finally {
    db.close();
  }
}

describe("buying on the product page", () => {
  it("− and + stay within the stock, and more than the stock is refused beside the quantity", async () => {
    const p = await lowStockProduct();
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`/products/${p.slug}`);
    await page.waitForLoadState("networkidle");
    const quantity = page.getByLabel("数量", { exact: true });
    const plus = page.getByRole("button", { name: /^增加/ });
    const minus = page.getByRole("button", { name: /^减少/ });
    expect(await minus.isDisabled()).toBe(true); // at the minimum already
    for (let i = 1; i < p.stock; i++) await plus.click();
    expect(await quantity.inputValue()).toBe(String(p.stock));
    expect(await plus.isDisabled()).toBe(true);

    await quantity.fill(String(p.stock + 1));
    const message = page.locator("#buy-message");
    expect(await message.textContent()).toBe(`库存仅剩 ${p.stock} 件`);
    expect(await quantity.getAttribute("aria-describedby")).toBe("buy-message");
    await page.getByRole("button", { name: "加入购物车" }).click();
    expect(await message.textContent()).toBe(`库存仅剩 ${p.stock} 件`);
    await page.goto("/cart");
    await page.getByText("购物车是空的").waitFor();
  });

  it("the server refuses it too (no JavaScript: the form posts and the cart page says why)", async () => {
    const p = await lowStockProduct();
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`/products/${p.slug}`);
    const quantity = page.getByLabel("数量", { exact: true });
    // as if the page was loaded before others bought: the field's own max no longer says the stock
    await quantity.evaluate((el) => el.removeAttribute("max"));
    await quantity.fill(String(p.stock + 5));
    await page.getByRole("button", { name: "加入购物车" }).click();
    await page.getByText(`库存仅剩 ${p.stock} 件`).waitFor();
    expect(new URL(page.url()).pathname).toBe("/cart");
    await page.getByText("购物车是空的").waitFor();
  });

  it("立即购买 goes to checkout with just that line; what the cart held stays in the cart", async () => {
    const inCart = await lowStockProduct();
    const now = await lowStockProduct([inCart.slug]);
    const page = await browser.newPage({ viewport: PHONE });
    await logIn(page, "shopper08@demo.longhuo.cn");
    await page.goto(`/products/${inCart.slug}`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "加入购物车" }).click();
    await page.getByText("已加入购物车").waitFor();

    await page.goto(`/products/${now.slug}`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: /^增加/ }).click();
    await page.getByRole("button", { name: "立即购买" }).click();
    await page.waitForURL("**/checkout?buy=*&qty=2");
    const summary = page.locator("aside");
    await page.getByTestId("buy-now-note").waitFor();
    expect(await summary.textContent()).toContain(`${now.name}`);
    expect(await summary.textContent()).toMatch(/× 2/);
    expect(await summary.textContent()).not.toContain(inCart.name);

    await page.goto("/cart");
    expect(await page.getByTestId("cart-line").allTextContents()).toEqual([expect.stringContaining(inCart.name)]);
  });
});
