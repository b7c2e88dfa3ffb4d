import { describe, expect, it } from "vitest";
import { chooseArea, logIn, useBrowser } from "./browser";

const browser = useBrowser();

// The article's schemes, end to end against the production build, the seeded demo data and the
// loopback Stripe (its pay button sends the signed webhook, as Stripe would).
describe("the article's schemes", () => {
  it("adopts a tree from the Tianjin hall, pays, and sees its certificate with the growth log", async () => {
    const page = await browser.newPage();
    await logIn(page, "consumer@demo.longhuo.cn");
    await page.goto("/halls/tianjin");
    await page.getByRole("region", { name: "帮扶项目" }).getByRole("link", { name: /秦安刘坪蜜桃认养园/ }).click();
    await page.getByRole("heading", { level: 1, name: "秦安刘坪蜜桃认养园" }).waitFor();
    // a name is needed on the certificate: the form says so beside the field
    await page.getByLabel("D-08 号树（可认养）").check({ force: true });
    await page.getByRole("button", { name: "认养并付款" }).click();
    await page.getByText("请填写证书上的认养人名称").waitFor();
    await page.getByLabel("证书上的认养人名称").fill("林晓雯和小满");
    expect(await page.getByTestId("adopt-total").textContent()).toBe("¥399.00");
    await page.getByRole("button", { name: "认养并付款" }).click();
    await page.getByRole("heading", { name: /模拟 Stripe 收银台/ }).waitFor();
    await page.getByRole("button", { name: "确认支付" }).click();
    await page.waitForURL(/\/orders\/LH-[\w-]+\?paid=1/);
    await page.getByRole("link", { name: "查看与管理" }).click();
    await page.waitForURL("**/trees/mine");
    const card = page.getByTestId("adoption").filter({ hasText: "D-08 号树" });
    await card.getByRole("link", { name: "认养证书与生长日志" }).click();
    await page.getByRole("heading", { name: "果树认养证书" }).waitFor();
    expect(await page.getByTestId("adopter-name").textContent()).toBe("林晓雯和小满");
    expect(await page.locator("main").textContent()).toContain("D-08");
    expect(await page.getByRole("list", { name: "生长日志" }).textContent()).toContain("冬季修剪");
    const pdf = await page.request.get(`${page.url()}/certificate.pdf`);
    expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([200, "application/pdf"]);
    // the tree is now taken on the grid
    await page.goto("/trees/orchards/qinan-mitao");
    expect(await page.getByLabel("D-08 号树（已认养）").isDisabled()).toBe(true);
  });

  it("books one departure for two travellers, with the ID check digit checked and the numbers masked afterwards", async () => {
    const page = await browser.newPage();
    await logIn(page, "consumer@demo.longhuo.cn");
    await page.goto("/halls/xiamen");
    await page.getByRole("region", { name: "帮扶项目" }).getByRole("link", { name: /河州古城·东乡手抓/ }).click();
    await page.getByRole("heading", { level: 1, name: /河州古城/ }).waitFor();
    await page.getByTestId("departure").first().getByRole("link", { name: "预订" }).click();
    await page.getByLabel("游客人数").selectOption("2");
    await page.getByRole("button", { name: "更改人数" }).click();
    await page.getByRole("group", { name: "游客 2" }).waitFor();
    const fill = async (i: number, name: string, mobile: string, id: string) => {
      const group = page.getByRole("group", { name: `游客 ${i}` });
      await group.getByLabel("真实姓名").fill(name);
      await group.getByLabel("手机号").fill(mobile);
      await group.getByLabel("居民身份证号").fill(id);
    };
    await fill(1, "林晓雯", "13906001234", "350203199105123025");
    await fill(2, "林小满", "13906001235", "350203201708150013");
    await page.getByRole("button", { name: "提交并付款" }).click();
    await page.getByText("身份证号校验位不对，请核对后重新输入").waitFor();
    expect(await page.getByRole("group", { name: "游客 2" }).getByLabel("真实姓名").inputValue()).toBe("林小满");
    await page.getByRole("group", { name: "游客 2" }).getByLabel("居民身份证号").fill("350203201708150014");
    await page.getByRole("button", { name: "提交并付款" }).click();
    await page.getByRole("heading", { name: /模拟 Stripe 收银台/ }).waitFor();
    await page.getByRole("button", { name: "确认支付" }).click();
    await page.waitForURL(/\/orders\/LH-[\w-]+\?paid=1/);
    await page.getByRole("link", { name: "查看与管理" }).click();
    await page.getByRole("heading", { name: /我的预订/ }).waitFor();
    const html = await page.content();
    expect(html).toContain("3502********3025");
    expect(html).toContain("3502********0014");
    expect(html).not.toContain("350203199105123025");
    expect(await page.locator("main").textContent()).toMatch(/2 人/);
  });

  it("pre-orders chili, the co-op enters a short harvest, and the buyer sees the part not filled refunded", async () => {
    const buyer = await browser.newPage();
    await logIn(buyer, "consumer@demo.longhuo.cn");
    await buyer.goto("/halls/qingdao");
    await buyer.getByRole("region", { name: "帮扶项目" }).getByRole("link", { name: /陇南线椒/ }).click();
    await buyer.getByRole("heading", { level: 1, name: /陇南线椒/ }).waitFor();
    await buyer.getByLabel(/数量/).fill("10");
    await buyer.getByLabel("收件人").fill("林晓雯");
    await buyer.getByLabel("手机号码").fill("13906001234");
    await chooseArea(buyer, { province: "福建省", city: "厦门市", district: "思明区" });
    await buyer.getByLabel("详细地址").fill("湖滨南路 88 号");
    expect(await buyer.getByTestId("preorder-total").textContent()).toBe("¥260.00");
    await buyer.getByRole("button", { name: "提交预订并付款" }).click();
    await buyer.getByRole("heading", { name: /模拟 Stripe 收银台/ }).waitFor();
    await buyer.getByRole("button", { name: "确认支付" }).click();
    await buyer.waitForURL(/\/orders\/LH-[\w-]+\?paid=1/);
    const orderUrl = new URL(buyer.url()).pathname;

    // the co-op closes the pre-sale (minimum reached) and enters 5 units less than were ordered
    const coop = await browser.newPage();
    await logIn(coop, "presale@demo.longhuo.cn");
    await coop.goto("/coop/presales/longnan-xianjiao-2027");
    const decide = coop.getByRole("button", { name: "截止并确认成团" });
    const sold = Number(/已订 (\d+) 份/.exec((await decide.locator("xpath=..").textContent()) ?? "")?.[1]);
    expect(sold).toBeGreaterThan(10);
    await decide.click();
    await coop.getByText("已成团，已通知全部买家").waitFor();
    await coop.getByLabel("实际采收（份）").fill(String(sold - 5));
    await coop.getByRole("button", { name: "登记并配货" }).click();
    await coop.getByText(/已按付款先后配货 \d+ 份，自动退款 ¥130\.00/).waitFor();

    // the buyer paid last: 5 of 10 filled, 5 × ¥26 back
    await buyer.goto("/presales/mine");
    const mine = buyer.getByTestId("preorder").filter({ hasText: "陇南线椒" });
    expect(await mine.getByTestId("preorder-fill").textContent()).toContain("配到 5 份，已退款 ¥130.00");
    expect(await mine.getByTestId("preorder-stage").textContent()).toBe("已配货");
    await buyer.goto(orderUrl);
    expect(await buyer.getByRole("list", { name: "订单进度" }).textContent()).toContain("部分退款");
  });
});
