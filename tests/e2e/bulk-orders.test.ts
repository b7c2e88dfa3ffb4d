import { describe, expect, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

describe("an institution buys in bulk", () => {
  it("buyer submits → approver approves → staff records the bank transfer → order paid", async () => {
    // The org admin makes every order need approval (limit 0).
    const admin = await browser.newPage();
    await logIn(admin, "orgadmin@demo.longhuo.cn");
    await admin.goto("/org/members");
    await admin.getByLabel("额度（元）").fill("0");
    await admin.getByRole("button", { name: "保存" }).click();
    await admin.getByText("审批额度已更新").waitFor();

    // Buyer: add a gift box from the catalogue, see the tier price, submit.
    const buyer = await browser.newPage();
    await logIn(buyer, "buyer@demo.longhuo.cn");
    await buyer.goto("/org/orders/new");
    await buyer.getByRole("button", { name: /^加入/ }).first().click();
    // Adding posts the table and comes back priced (the catalogue button's SKU in row 1).
    await buyer.getByTestId("line-total-0").waitFor();
    expect(await buyer.locator("#sku_0").inputValue()).not.toBe("");
    const oneBox = await buyer.getByTestId("order-total").textContent();
    const added = Number(await buyer.locator("#qty_0").inputValue());
    await buyer.locator("#qty_0").fill(String(added + 1));
    await buyer.getByRole("button", { name: "计算价格" }).click();
    await buyer.waitForFunction((before) => document.querySelector("[data-testid=order-total]")?.textContent !== before, oneBox);
    const previewTotal = await buyer.getByTestId("order-total").textContent();
    expect(previewTotal).toMatch(/^¥[\d,]+\.\d\d$/);
    await buyer.getByLabel("采购单号（PO，选填）").fill("E2E-PO-1");
    await buyer.getByRole("button", { name: "提交订单" }).click();
    await buyer.waitForURL(/\/org\/orders\/LH-/);
    const orderUrl = new URL(buyer.url()).pathname;
    const number = orderUrl.split("/").pop()!;
    expect(await buyer.getByTestId("order-status").textContent()).toBe("待审批");
    expect(await buyer.getByTestId("order-total").textContent()).toBe(previewTotal);
    // A buyer is never offered the approve button.
    expect(await buyer.getByRole("button", { name: "审批通过" }).count()).toBe(0);

    // Approver: sees it waiting on the overview, approves.
    const approver = await browser.newPage();
    await logIn(approver, "approver@demo.longhuo.cn");
    await approver.goto("/org");
    await approver.getByRole("link", { name: number }).click();
    await approver.waitForURL(`**${orderUrl}`);
    await approver.getByRole("button", { name: "审批通过" }).click();
    await approver.getByText("已审批通过，订单进入待付款").waitFor();
    expect(await approver.getByTestId("order-status").textContent()).toBe("待付款");
    const reference = await approver.getByTestId("payment-ref").textContent();
    expect(reference).toBe(`DG${number}`);
    const pdf = await approver.request.get(`${orderUrl}/proforma.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // Staff: record the transfer against the reference.
    const staff = await browser.newPage();
    await logIn(staff, "staff@demo.longhuo.cn");
    await staff.goto("/admin/bank-transfers");
    const card = staff.getByTestId(`transfer-${number}`);
    await card.getByLabel("到账金额（元）").fill(previewTotal!.replace(/[¥,]/g, ""));
    await card.getByLabel("银行流水号").fill(`E2E${Date.now()}`);
    await card.getByRole("button", { name: "登记到账" }).click();
    await staff.getByRole("button", { name: "确认", exact: true }).click(); // money actions ask first
    await staff.getByText(`订单 ${number} 已收齐`).waitFor();

    // The buyer sees it paid.
    await buyer.goto(orderUrl);
    expect(await buyer.getByTestId("order-status").textContent()).toBe("已付款");
  });

  it("another organisation's order is a 404; a downloaded gift code redeems once", async () => {
    const page = await browser.newPage();
    await logIn(page, "buyer@demo.longhuo.cn");
    const missing = await page.goto("/org/orders/LH-0000-XXXX-XXXX");
    expect(missing?.status()).toBe(404);

    // Issue one code on the demo org's paid order; the CSV download is the only copy.
    await page.goto("/org/orders?status=PAID");
    await page.locator("tbody a").first().click();
    await page.waitForURL(/\/org\/orders\/LH-/);
    await page.getByLabel("数量").fill("1");
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.locator("#expiresOn").fill(until);
    await page.locator("#format").selectOption("csv");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "生成并下载兑换码" }).click()]);
    const csv = await new Response(await download.createReadStream() as unknown as ReadableStream).text();
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(csv)![1];

    const employee = await browser.newPage();
    const redeem = async () => {
      // the code first (typed in any case), then the gift and the address with the picker
      await employee.goto("/gift/redeem");
      await employee.getByLabel("兑换码").fill(code.toLowerCase());
      await employee.getByRole("button", { name: "查看礼品" }).click();
      await employee.waitForURL(/code=/);
      // the URL changes a moment before the page shows the answer: wait for one of the two answers
      const refused = employee.getByText("兑换码无效、已兑换或已过期");
      await refused.or(employee.getByLabel("收件人")).first().waitFor();
      if (await refused.count()) return;
      await employee.getByLabel("收件人").fill("王小明");
      await employee.getByLabel("手机号").fill("13800138000");
      await employee.getByLabel("省份").selectOption("福建省");
      await employee.locator("select#city option", { hasText: "福州市" }).waitFor({ state: "attached" });
      await employee.getByLabel("城市").selectOption("福州市");
      await employee.locator("select#district option", { hasText: "鼓楼区" }).waitFor({ state: "attached" });
      await employee.getByLabel("区县").selectOption("鼓楼区");
      await employee.getByLabel("详细地址").fill("五四路 100 号");
      await employee.getByRole("button", { name: "确认兑换" }).click();
    };
    await redeem();
    await employee.getByRole("heading", { name: "兑换成功" }).waitFor();
    await redeem();
    await employee.getByText("兑换码无效、已兑换或已过期").waitFor();

    await page.reload();
    expect(await page.locator("main").textContent()).toContain("王小明");
  });
});
