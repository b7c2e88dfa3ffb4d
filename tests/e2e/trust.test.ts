import { describe, expect, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
// Household codes in the demo look like GS-QINAN-0001: none may ever reach a trace page.
const HOUSEHOLD_CODE = /GS-[A-Z]+-\d{4}/;

describe("a buyer checks what they were told", () => {
  it("opens a parcel's trace link from the order page and sees the batch, with no household named", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await logIn(page, "consumer@demo.longhuo.cn");
    await page.goto("/orders");
    // the demo consumer's orders, the first two pages of 我的订单 (ten a page; each order links more than once)
    const hrefs: string[] = [];
    for (const list of ["/orders", "/orders?page=2"]) {
      await page.goto(list);
      hrefs.push(...(await page.locator("a[href^='/orders/LH-']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!.split("?")[0]))));
    }
    const numbers = [...new Set(hrefs)].filter((h) => !h.includes("/after-sales"));
    expect(numbers.length).toBeGreaterThan(0);
    let found = false;
    for (const href of numbers) {
      await page.goto(href);
      if ((await page.getByTestId("trace-link").count()) > 0) {
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
    const link = page.getByTestId("trace-link").first();
    const code = (await link.textContent())!.trim();
    const qr = await page.request.get(`/trace/${code}/qr.svg`);
    expect(qr.status()).toBe(200);
    expect(qr.headers()["content-type"]).toContain("image/svg+xml");
    await link.click();
    await page.waitForURL(`**/trace/${code}`);
    expect(await page.getByTestId("trace-code").textContent()).toBe(code);
    expect(Number(await page.getByTestId("trace-households").textContent())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId("trace-people").textContent())).toBeGreaterThan(0);
    const text = await page.locator("main").innerText();
    expect(text).toContain("承诺达标合格证");
    expect(text).not.toMatch(HOUSEHOLD_CODE);
    expect(await page.content()).not.toMatch(HOUSEHOLD_CODE);
    expect((await page.request.get("/trace/0000000000")).status()).toBe(404);
  });

  it("an organisation asks for a 专票, staff issue it, and a refund reverses it", async () => {
    const buyer = await browser.newPage({ viewport: PHONE });
    await logIn(buyer, "buyer@demo.longhuo.cn");
    await buyer.goto("/org/orders");
    await buyer.locator("tr", { hasText: "GL-2026-003" }).getByRole("link").first().click();
    await buyer.waitForURL(/\/org\/orders\/LH-/);
    const orderPath = new URL(buyer.url()).pathname;
    const number = orderPath.split("/").pop()!;

    await buyer.getByText("申请发票", { exact: true }).click();
    await buyer.getByLabel("发票类型").selectOption("SPECIAL");
    await buyer.getByLabel("发票抬头").fill("福州市鼓楼区机关事务服务中心");
    await buyer.getByLabel("纳税人识别号").fill("12350102MB0K12345X");
    await buyer.getByLabel("注册地址（专票必填）").fill("福州市鼓楼区东街 88 号");
    await buyer.getByLabel("注册电话（专票必填）").fill("0591-87654321");
    await buyer.getByLabel("开户银行（专票必填）").fill("中国银行福州鼓楼支行");
    await buyer.getByLabel("银行账号（专票必填）").fill("4071 0000 8888 6666");
    await buyer.getByRole("button", { name: "保存发票信息" }).click();
    await buyer.getByText("校验位不对").waitFor();
    await buyer.getByLabel("纳税人识别号").fill("12350102MB0K12345L");
    await buyer.getByRole("button", { name: "保存发票信息" }).click();
    await buyer.getByText("发票信息已保存").waitFor();
    expect(await buyer.getByTestId("invoice-request").textContent()).toContain("增值税专用发票");

    const staff = await browser.newPage();
    await logIn(staff, "staff@demo.longhuo.cn");
    await staff.goto("/admin/invoices");
    const item = staff.getByTestId(`to-issue-${number}`);
    await item.getByLabel("发票号码").fill("26352000000000170001");
    await item.getByLabel("发票 PDF").setInputFiles({ name: "fapiao.pdf", mimeType: "application/pdf", buffer: PDF });
    await item.getByRole("button", { name: "登记开票" }).click();
    await staff.getByText("发票 26352000000000170001 已登记").waitFor();

    await buyer.reload();
    const blue = buyer.getByTestId("invoice-blue");
    expect(await blue.textContent()).toContain("26352000000000170001");
    const href = await blue.getByRole("link", { name: "下载 PDF" }).getAttribute("href");
    const pdf = await buyer.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // Staff refund one box: the red-letter reversal is waiting before anyone types its number.
    await staff.goto(`/admin/orders/${number}`);
    await staff.getByLabel(/退款金额$/).first().fill("10");
    await staff.getByLabel(/退款原因$/).first().fill("一盒破损");
    await staff.getByRole("button", { name: "按行退款" }).first().click();
    await staff.getByRole("button", { name: "确认退款" }).click(); // money actions ask first
    await staff.getByText(/已退款 ¥10\.00/).waitFor();
    await staff.goto("/admin/invoices");
    const red = staff.getByTestId(`to-reverse-${number}`);
    expect(await red.textContent()).toContain("26352000000000170001");
    expect(await red.textContent()).toContain("−¥10.00");
    await red.getByLabel("红字发票号码").fill("26352000000000170002");
    await red.getByLabel("红字发票 PDF").setInputFiles({ name: "hongzi.pdf", mimeType: "application/pdf", buffer: PDF });
    await red.getByRole("button", { name: "登记红字发票" }).click();
    await staff.getByText("红字发票 26352000000000170002 已登记").waitFor();

    await buyer.reload();
    const reversal = buyer.getByTestId("invoice-red");
    expect(await reversal.textContent()).toContain("26352000000000170002");
    expect(await reversal.textContent()).toContain("冲销 26352000000000170001");

    await staff.goto("/admin/reconciliation");
    expect(await staff.getByRole("status").first().textContent()).toContain("对账一致");
  });
});
