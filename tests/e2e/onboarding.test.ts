// The story of issue 14, at phone width: a new user applies for their co-op, the county
// recommends it and staff approve it; the new manager creates a product with a photo and submits
// its certificate; staff certify it (it goes on sale) and confirm it for a hall; shoppers find it
// in the hall and in search, with its photo.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { agreeToTerms, logIn, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

describe("a co-op joins and lists for itself", () => {
  it("applies → county and staff approve → creates a product with a photo → staff certify → it is in the hall and in search", async () => {
    const run = Date.now().toString(36).toUpperCase();
    const email = `coop-${run.toLowerCase()}@example.test`;
    const coopName = `秦安县测试${run.slice(-4)}花椒专业合作社`;
    const productName = `秦安大红袍花椒${run.slice(-4)}`;
    const body17 = `93620522MA7${run.replace(/[^0-9]/g, "").padEnd(6, "1").slice(-6)}`;
    const creditCode = body17 + creditCodeCheckChar(body17);
    const wrongCode = body17 + (creditCode.endsWith("0") ? "1" : "0");
    const licence = await sharp({ create: { width: 1200, height: 850, channels: 3, background: "#fff7ed" } }).jpeg().toBuffer();
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#b91c1c" } }).jpeg().toBuffer();

    // 1. sign up and apply
    const applicant = await browser.newPage({ viewport: PHONE });
    await applicant.goto("/signup");
    await applicant.getByLabel("姓名或昵称").fill("赵有福");
    await applicant.getByLabel("邮箱").fill(email);
    await applicant.getByLabel("密码", { exact: true }).fill("longhuo2026");
    await applicant.getByLabel("确认密码").fill("longhuo2026");
    await agreeToTerms(applicant);
    await applicant.getByRole("button", { name: "注册" }).click();
    await applicant.waitForURL((url) => !url.pathname.startsWith("/signup"));
    await applicant.goto("/coop/apply");
    await applicant.getByLabel("主体名称（与营业执照一致）").fill(coopName);
    await applicant.getByLabel("统一社会信用代码").fill(wrongCode);
    await applicant.getByLabel("所在区县").selectOption({ label: "天水市 · 秦安县" });
    await applicant.getByLabel("联系人", { exact: true }).fill("赵有福");
    await applicant.getByLabel("手机号").fill("13919385678");
    await applicant.getByLabel("务工工资（吸纳脱贫户务工）").check();
    await applicant.getByLabel("带动脱贫户数").fill("28");
    await applicant.getByLabel("具体说明").fill("吸纳 9 名脱贫劳动力务工；保底收购 28 户脱贫户的花椒");
    await applicant.getByLabel("营业执照", { exact: true }).setInputFiles({ name: "licence.jpg", mimeType: "image/jpeg", buffer: licence });
    await applicant.getByRole("button", { name: "提交申请" }).click();
    // the browser catches the wrong check character before anything is sent
    await applicant.getByRole("alert").filter({ hasText: "校验位" }).waitFor();
    await applicant.getByLabel("统一社会信用代码").fill(creditCode);
    await applicant.getByRole("button", { name: "提交申请" }).click();
    await applicant.getByText("申请已提交，请等待所在区县推荐").waitFor();
    await applicant.getByText("待县级推荐").first().waitFor();

    // 2. the county recommends it
    const county = await browser.newPage({ viewport: PHONE });
    await logIn(county, "county@demo.longhuo.cn");
    await county.getByRole("link", { name: "县级推荐" }).click();
    const mine = county.getByRole("listitem").filter({ hasText: coopName });
    await mine.getByRole("button", { name: "推荐给平台" }).click();
    await county.getByText("已推荐，等待平台审核").waitFor();

    // 3. staff approve it
    const staff = await browser.newPage({ viewport: PHONE });
    await logIn(staff, "staff@demo.longhuo.cn");
    await staff.goto("/admin/suppliers");
    await staff.getByTestId(`application-${creditCode}`).getByRole("button", { name: "审核通过" }).click();
    await staff.getByText(`合作社「${coopName}」已开通`).waitFor();

    // 4. the new manager creates a product, with a photo, and submits its certificate
    await applicant.goto("/coop");
    await applicant.getByRole("heading", { level: 1, name: coopName }).waitFor();
    await applicant.getByRole("link", { name: "新建商品" }).click();
    await applicant.getByLabel("商品名称").fill(productName);
    await applicant.getByLabel("品类").selectOption({ label: "调味品" });
    await applicant.getByLabel("计价单位").fill("袋");
    await applicant.getByLabel("商品介绍").fill("秦安县五营镇山坡上的大红袍花椒，颗粒大、麻味足，晒干后手工筛选。");
    await applicant.getByLabel("产季").fill("7–8 月");
    await applicant.getByLabel("规格名称").fill("250g 袋装");
    await applicant.getByLabel("SKU").fill(`HJ-${run}`);
    await applicant.getByLabel("重量（克）").fill("250");
    await applicant.getByLabel("单价（元）", { exact: true }).fill("29.90");
    await applicant.getByLabel("初始库存").fill("200");
    await applicant.getByLabel("市场参考价（元）").fill("32");
    await applicant.getByLabel("参考价来源").fill("京东自营同规格");
    await applicant.getByLabel("查价日期").fill("2026-11-20");
    await applicant.getByRole("button", { name: "保存草稿" }).click();
    await applicant.getByRole("heading", { level: 1, name: "商品图片" }).waitFor();
    await applicant.getByLabel(/选择图片/).setInputFiles({ name: "huajiao.jpg", mimeType: "image/jpeg", buffer: photo });
    await applicant.getByLabel(/图片描述/).fill("晒干的大红袍花椒");
    await applicant.getByRole("button", { name: "上传", exact: true }).click();
    await applicant.getByText("已上传 1 张图片").waitFor();
    await applicant.getByRole("img", { name: "晒干的大红袍花椒" }).waitFor();
    await applicant.getByRole("link", { name: `← ${productName}` }).click();
    await applicant.getByRole("link", { name: "提交认定申请" }).click();
    await applicant.getByLabel("证书编号").fill(`秦扶产认〔2026〕${run.slice(-4)}号`);
    await applicant.getByLabel("发证日期").fill("2026-03-01");
    await applicant.getByLabel("有效期至").fill("2029-02-28");
    await applicant.getByLabel("证书扫描件").setInputFiles({ name: "cert.jpg", mimeType: "image/jpeg", buffer: licence });
    await applicant.getByRole("button", { name: "提交认定申请" }).click();
    await applicant.getByText("认定申请已提交").waitFor();
    // on sale nowhere yet
    await applicant.goto(`/search?q=${encodeURIComponent(productName)}`);
    expect(await applicant.getByRole("link", { name: productName }).count()).toBe(0);
    // ask the Tianjin hall (秦安 is paired with Tianjin) to show it
    await applicant.goto("/coop/products");
    await applicant.getByRole("link", { name: productName }).click();
    await applicant.getByRole("region", { name: "体验馆陈列" }).getByRole("listitem").filter({ hasText: "甘货进津" }).getByRole("button", { name: "申请陈列" }).click();
    await applicant.getByText("已申请陈列，等待平台确认").waitFor();

    // 5. staff certify it (it goes on sale) and confirm the hall listing
    await staff.goto(`/admin/certification?status=PENDING&q=${encodeURIComponent(productName)}`);
    const item = staff.getByRole("listitem").filter({ hasText: productName });
    await item.getByRole("link", { name: "查看证书扫描件" }).waitFor();
    await item.getByRole("button", { name: "保存认定" }).click();
    await staff.getByText("已更新认定：已认定，商品已上架").waitFor();
    await staff.goto("/admin/halls");
    await staff.getByRole("listitem").filter({ hasText: productName }).getByRole("button", { name: "确认陈列" }).click();
    await staff.getByText("已确认陈列").waitFor();

    // 6. shoppers find it, with its photo, in search and in the hall
    const shopper = await browser.newPage({ viewport: PHONE });
    await shopper.goto(`/search?q=${encodeURIComponent(productName)}`);
    const card = shopper.getByRole("link", { name: new RegExp(productName) }).first();
    await card.waitFor();
    const srcset = await card.locator("img").getAttribute("srcset");
    expect(srcset).toMatch(/\/images\/p\/[a-f0-9]{24}\/320\.webp 320w/);
    await shopper.goto("/halls/tianjin?sort=newest");
    await shopper.getByRole("link", { name: new RegExp(productName) }).first().waitFor();
    const img = shopper.getByRole("link", { name: new RegExp(productName) }).first().locator("img");
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await shopper.getByRole("link", { name: new RegExp(productName) }).first().click();
    await shopper.getByRole("heading", { level: 1, name: productName }).waitFor();
    expect(await shopper.locator("main").textContent()).toContain("¥29.90");
  });
});
