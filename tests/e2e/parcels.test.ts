import { createClient } from "@libsql/client";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { chooseArea, DEMO_PASSWORD, logIn, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
// A tiny PNG: the store checks the type from the first bytes.
const PHOTO = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1c1a50000000049454e44ae426082", "hex");

/** A product on sale from each demo co-op (coop@ ships the first, coop2@ the second). */
async function productsOfDemoCoops() {
  const db = createClient({ url: inject("databaseUrl") });
  try {
    const slugOf = async (coop: string) => {
      const r = await db.execute({
        sql: `SELECT p.slug, p.name FROM Product p JOIN Coop c ON c.id = p.coopId JOIN Variant v ON v.productId = p.id
              WHERE c.slug = ? AND p.status = 'ACTIVE' AND v.active = 1 AND v.stock >= 5 AND v.minOrderQty = 1 ORDER BY p.slug LIMIT 1`,
        args: [coop],
      });
      return { slug: String(r.rows[0].slug), name: String(r.rows[0].name) };
    };
    return [await slugOf("qinan-liuping-mitao"), await slugOf("maiji-huaniu-pingguo")];
  } finally {
    db.close();
  }
}

describe("every parcel reaches its buyer", () => {
  // Four people and a dozen pages: longer than the default minute on a busy machine.
  it("a shopper buys from two co-ops on a phone; each co-op ships; one parcel is received, the other refunded; the statements show it", { timeout: 240_000 }, async () => {
    const [peach, apple] = await productsOfDemoCoops();

    // the shopper buys one item from each co-op
    const shopper = await browser.newPage({ viewport: PHONE });
    await logIn(shopper, "shopper07@demo.longhuo.cn", DEMO_PASSWORD);
    for (const p of [peach, apple]) {
      await shopper.goto(`/products/${p.slug}`);
      await shopper.getByRole("button", { name: /加入购物车/ }).first().click();
      await shopper.getByText("已加入购物车").waitFor();
    }
    await shopper.goto("/checkout");
    const newAddress = shopper.getByLabel("使用新地址");
    if (await newAddress.count()) await newAddress.check();
    await shopper.getByLabel("收件人").fill("周小敏");
    await shopper.getByLabel("手机号码").fill("13912340007");
    await chooseArea(shopper, { province: "天津市", city: "天津市", district: "津南区" });
    await shopper.getByLabel("详细地址").fill("咸水沽镇津沽路 7 号");
    await shopper.getByRole("button", { name: "提交订单并付款" }).click();
    await shopper.getByRole("button", { name: "确认支付" }).click();
    await shopper.waitForURL(/\/orders\/LH-[\w-]+\?paid=1/);
    const number = new URL(shopper.url()).pathname.split("/").pop()!;
    await shopper.getByRole("article", { name: /包裹/ }).nth(1).waitFor();
    expect(await shopper.getByRole("article", { name: /包裹/ }).count()).toBe(2);

    // each co-op ships its own parcel; a number in the wrong format is refused beside the field
    const tracking = { "coop@demo.longhuo.cn": "SF1234567890777", "coop2@demo.longhuo.cn": "JDVA01234567777" } as const;
    for (const [email, number_] of Object.entries(tracking)) {
      const coop = await browser.newPage({ viewport: PHONE });
      await logIn(coop, email);
      await coop.goto("/coop/orders");
      const card = coop.getByRole("article", { name: new RegExp(`包裹 ${number}-`) });
      expect(await card.count()).toBe(1); // only its own parcel of this order
      if (email === "coop@demo.longhuo.cn") {
        await card.getByLabel("快递公司").selectOption("顺丰");
        await card.getByLabel("运单号").fill("YT1234567890123");
        await card.getByRole("button", { name: "发货" }).click();
        await card.getByRole("alert").filter({ hasText: "不是顺丰的运单号格式" }).waitFor();
      } else {
        await card.getByLabel("快递公司").selectOption("京东");
      }
      await card.getByLabel("运单号").fill(number_);
      await card.getByRole("button", { name: "发货" }).click();
      await coop.getByRole("status").filter({ hasText: "已发货，已通知买家" }).waitFor();
      await coop.context().close();
    }

    // the shopper sees both parcels shipped with links to the couriers' pages
    await shopper.goto(`/orders/${number}`);
    const peachParcel = shopper.getByRole("article", { name: /包裹/ }).filter({ hasText: peach.name });
    const appleParcel = shopper.getByRole("article", { name: /包裹/ }).filter({ hasText: apple.name });
    await peachParcel.getByRole("link", { name: tracking["coop@demo.longhuo.cn"] }).waitFor();
    expect(await peachParcel.getByRole("link", { name: tracking["coop@demo.longhuo.cn"] }).getAttribute("href")).toContain("sf-express.com");
    expect(await appleParcel.getByRole("link", { name: tracking["coop2@demo.longhuo.cn"] }).getAttribute("href")).toContain("jdl.com");

    // confirms the peaches, asks for a refund on the apples (with a photo)
    await peachParcel.getByRole("button", { name: "确认收货" }).click();
    await shopper.getByRole("status").filter({ hasText: "已确认收货" }).waitFor();
    await shopper.getByRole("article", { name: /包裹/ }).filter({ hasText: peach.name }).getByText("已收货").first().waitFor();
    await shopper.getByRole("article", { name: /包裹/ }).filter({ hasText: apple.name }).getByRole("link", { name: "申请售后" }).click();
    await shopper.getByRole("heading", { level: 1, name: "申请售后" }).waitFor();
    await shopper.getByLabel("件数").fill("2");
    await shopper.getByLabel("原因").fill("苹果有磕伤");
    await shopper.getByRole("button", { name: "提交申请" }).click();
    await shopper.getByText("最多可申请 1 件").waitFor();
    expect(await shopper.getByLabel("原因").inputValue()).toBe("苹果有磕伤");
    await shopper.getByLabel("件数").fill("1");
    // leaving the field clears the server's message (the page settles before the click)
    await shopper.getByLabel("件数").press("Tab");
    await shopper.getByLabel(/照片/).setInputFiles({ name: "apple.png", mimeType: "image/png", buffer: PHOTO });
    await shopper.getByRole("button", { name: "提交申请" }).click();
    await shopper.waitForURL(`**/orders/${number}`);
    const flash = shopper.getByRole("status").filter({ hasText: "售后申请已提交" });
    await flash.waitFor();
    const refundFen = await flash.textContent();
    const amount = /¥[\d,.]+/.exec(refundFen!)![0];

    // the apple co-op accepts; the refund goes back
    const coop2 = await browser.newPage({ viewport: PHONE });
    await logIn(coop2, "coop2@demo.longhuo.cn");
    await coop2.goto("/coop/after-sales");
    const request = coop2.getByRole("article", { name: new RegExp(`售后 ${number}-`) });
    await request.getByRole("img", { name: "买家照片 1" }).waitFor();
    await request.getByRole("button", { name: `同意并退款 ${amount}` }).click();
    await coop2.getByRole("status").filter({ hasText: "已同意" }).waitFor();

    // the shopper sees the refund and the ledger reversal
    await shopper.goto(`/orders/${number}`);
    const refunds = shopper.locator("section[aria-labelledby=refunds-h]");
    await refunds.getByText(amount).waitFor();
    expect(await refunds.textContent()).toContain("已从帮扶账本冲减");
    await shopper.getByRole("article", { name: /包裹/ }).filter({ hasText: apple.name }).getByText("已退款").waitFor();
    expect(await shopper.locator("main").textContent()).toContain("部分退款");

    // the month's statements: the apple co-op's shows the sale and the refund; staff see both co-ops
    await coop2.goto("/coop/settlements");
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const statement = coop2.getByRole("region", { name: `${month} 结算单` });
    expect(await statement.textContent()).toContain(`-${amount}`);
    const staff = await browser.newPage({ viewport: PHONE });
    await logIn(staff, "staff@demo.longhuo.cn");
    await staff.goto(`/admin/settlements?month=${month}`);
    for (const name of ["秦安县刘坪蜜桃农民专业合作社", "天水市麦积区花牛苹果种植农民专业合作社"]) {
      await staff.getByRole("region", { name: `${name} 结算单` }).waitFor();
    }
    expect(await staff.getByRole("region", { name: "天水市麦积区花牛苹果种植农民专业合作社 结算单" }).textContent()).toContain(`-${amount}`);
    for (const page of [shopper, staff]) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
  });
});
