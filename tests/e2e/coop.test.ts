import { describe, expect, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

describe("co-op managers keep their listings", () => {
  it("edits a listing, is told about a bad price without losing the form, and shoppers find the new name", async () => {
    const page = await browser.newPage();
    await logIn(page, "coop@demo.longhuo.cn");
    await page.getByRole("link", { name: "合作社", exact: true }).click();
    await page.waitForURL("**/coop");
    await page.getByRole("link", { name: "商品与库存" }).first().click();
    await page.waitForURL("**/coop/products");
    const link = page.getByRole("table").getByRole("link").first();
    const name = (await link.textContent())!.trim();
    await link.click();
    await page.getByRole("heading", { level: 1, name }).waitFor();

    const renamed = `${name}新季`;
    await page.getByLabel("商品名称").fill(renamed);
    const price = page.getByLabel(/单价/).first();
    await price.fill("abc");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "请输入单价" }).waitFor();
    expect(await page.getByLabel("商品名称").inputValue()).toBe(renamed);

    await price.fill("45.00");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("已保存，商品页和搜索已更新").waitFor();
    expect(await page.getByLabel(/单价/).first().inputValue()).toBe("45.00");

    // the households behind it: their shares of later sales, in percent adding up to 100
    const shares = page.getByRole("region", { name: "受益农户" });
    const boxes = shares.getByRole("textbox");
    const count = await boxes.count();
    await boxes.first().fill("50");
    await shares.getByRole("button", { name: "保存比例" }).click();
    await page.getByRole("alert").filter({ hasText: "各户比例合计须为 100%" }).waitFor();
    for (let i = 0; i < count; i++) await boxes.nth(i).fill(i === 0 ? "70" : i === 1 ? "30" : "0");
    await shares.getByRole("button", { name: "保存比例" }).click();
    await page.getByText("受益农户比例已保存").waitFor();
    expect(await page.getByRole("region", { name: "受益农户" }).getByRole("textbox").first().inputValue()).toBe("70");

    await page.goto(`/search?q=${encodeURIComponent("新季")}`);
    await page.getByRole("link", { name: renamed }).first().click();
    await page.getByRole("heading", { level: 1, name: renamed }).waitFor();
    expect(await page.locator("main").textContent()).toContain("¥45.00");
  });

  it("without JavaScript, a server-rejected form comes back as typed with the message by the field", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await logIn(page, "coop@demo.longhuo.cn");
    await page.goto("/coop/products");
    await page.getByRole("table").getByRole("link").nth(1).click();
    await page.getByLabel("发货说明").fill("顺丰冷链，下单后 24 小时内发货");
    await page.getByLabel(/低库存提醒线/).first().fill("-5");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "请输入 0–1000000 之间的整数" }).waitFor();
    expect(await page.getByLabel("发货说明").inputValue()).toBe("顺丰冷链，下单后 24 小时内发货");
    expect(await page.getByLabel(/低库存提醒线/).first().inputValue()).toBe("-5");
    expect(await page.getByLabel(/在售/).first().isChecked()).toBe(true);
  });
});

