import { describe, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

describe("platform staff certify products", () => {
  it("certifies a pending product and the shop shows the certificate", async () => {
    const page = await browser.newPage();
    await logIn(page, "staff@demo.longhuo.cn");
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "管理后台" }).getByRole("link", { name: "扶贫认定" }).click();
    await page.getByRole("heading", { level: 1, name: "扶贫产品认定" }).waitFor();
    await page.getByRole("heading", { name: "合作社认定" }).waitFor();

    // certify the first pending product whose co-op is certified
    const item = page.locator("li", { hasText: "合作社已认定" }).first();
    const name = (await item.getByRole("link").first().textContent())!.trim();
    await item.getByLabel("证书编号").fill("甘扶产认〔2026〕E2E01号");
    await item.getByLabel(/有效期至/).fill("2099-12-31");
    await item.getByRole("button", { name: "保存认定" }).click();
    await page.getByText("已更新认定：已认定").waitFor();

    await page.goto("/admin/certification?status=CERTIFIED&q=" + encodeURIComponent(name));
    await page.getByRole("link", { name }).first().click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.getByText("甘扶产认〔2026〕E2E01号").first().waitFor();
  });

  it("imports the household register, reporting a bad row without importing anything", async () => {
    const page = await browser.newPage();
    await logIn(page, "staff@demo.longhuo.cn");
    await page.goto("/admin/households");
    await page.getByRole("heading", { level: 1, name: "脱贫户登记" }).waitFor();
    const csv = (rows: string[]) => ({ name: "households.csv", mimeType: "text/csv", buffer: Buffer.from(["农户编号,区县,乡镇,村,人口,合作社", ...rows].join("\n")) });
    const good = "GS-E2E-0001,秦安县,刘坪乡,下曲村,4,秦安县刘坪蜜桃农民专业合作社";
    await page.getByLabel(/上传农户表/).setInputFiles(csv([good, "GS-E2E-0002,秦安县,刘坪乡,下曲村,99,秦安县刘坪蜜桃农民专业合作社"]));
    await page.getByRole("button", { name: "校验并导入" }).click();
    await page.getByText("文件有 1 处问题，未导入任何农户").waitFor();
    await page.getByRole("cell", { name: "人口应为 1–20 的整数" }).waitFor();

    await page.getByLabel(/上传农户表/).setInputFiles(csv([good]));
    await page.getByRole("button", { name: "校验并导入" }).click();
    await page.getByText("已导入：新增 1 户，更新 0 户").waitFor();
  });
});

