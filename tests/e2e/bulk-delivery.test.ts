import { createClient } from "@libsql/client";
import { describe, expect, inject, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

/** A variant of the demo co-op coop@ manages, with stock for a union's order of 21 boxes. */
async function boxOfDemoCoop() {
  const db = createClient({ url: inject("databaseUrl") });
  try {
    const r = await db.execute({
      sql: `SELECT v.sku FROM Variant v JOIN Product p ON p.id = v.productId JOIN Coop c ON c.id = p.coopId
            WHERE c.slug = 'qinan-liuping-mitao' AND p.status = 'ACTIVE' AND v.active = 1 AND v.stock >= 60 AND v.minOrderQty <= 21 ORDER BY v.sku LIMIT 1`,
      args: [],
    });
    return String(r.rows[0].sku);
  } finally {
    db.close();
  }
}

const text = async (response: { body(): Promise<Buffer> }) => (await response.body()).toString("utf8");

describe("an institution's holiday order reaches every employee", () => {
  it("a union buyer imports 20 recipients, staff import the bank statement that pays it, a code is redeemed with the picker, the co-op ships every parcel, the delivery list has every tracking number", { timeout: 300_000 }, async () => {
    const sku = await boxOfDemoCoop();

    // The buyer orders 21 boxes: 20 for named employees, one for a gift code.
    const buyer = await browser.newPage();
    await logIn(buyer, "buyer@demo.longhuo.cn");
    await buyer.goto("/org/orders/new");
    await buyer.locator("#sku_0").fill(sku);
    await buyer.locator("#qty_0").fill("21");
    await buyer.getByRole("button", { name: "计算价格" }).click();
    await buyer.getByTestId("line-total-0").waitFor();
    const total = (await buyer.getByTestId("order-total").textContent())!;
    await buyer.getByRole("button", { name: "提交订单" }).click();
    await buyer.waitForURL(/\/org\/orders\/LH-/);
    const orderUrl = new URL(buyer.url()).pathname;
    const number = orderUrl.split("/").pop()!;
    if ((await buyer.getByTestId("order-status").textContent()) === "待审批") {
      const approver = await browser.newPage();
      await logIn(approver, "approver@demo.longhuo.cn");
      await approver.goto(orderUrl);
      await approver.getByRole("button", { name: "审批通过" }).click();
      await approver.getByText("已审批通过，订单进入待付款").waitFor();
      await approver.context().close();
      await buyer.reload();
    }
    // Codes wait for the money.
    expect(await buyer.getByTestId("codes-refusal").textContent()).toContain("付款后才能发放兑换码");

    // 20 recipients, one with an address on Mars first: refused by row and column, nothing saved.
    const people = Array.from({ length: 20 }, (_, i) => `员工${i + 1},138${String(10_000_000 + i).padStart(8, "0")},福建省,福州市,鼓楼区,五四路 ${i + 1} 号,${sku},1`);
    const upload = async (rows: string[]) => {
      await buyer.locator("#file").setInputFiles({ name: "recipients.csv", mimeType: "text/csv", buffer: Buffer.from(["姓名,手机号,省份,城市,区县,详细地址,礼盒,数量", ...rows].join("\n")) });
      await buyer.getByRole("button", { name: "校验并导入" }).click();
    };
    await upload([...people.slice(0, 19), people[19].replace("福建省", "火星省")]);
    await buyer.getByText("文件有 1 处问题，未导入任何收件人").waitFor();
    expect(await buyer.getByRole("alert").filter({ hasText: "火星省" }).textContent()).toContain("C（省份）");
    await upload(people);
    await buyer.getByText("已导入 20 位收件人").waitFor();
    // The same file again adds nobody.
    await upload(people);
    await buyer.getByText("都已在名单中").waitFor();
    expect(await buyer.getByTestId("allocation").textContent()).toContain("还剩 1/21");

    // The union pays by bank transfer; staff import the platform account's statement, check what it
    // will book, and confirm: the transfer names the order in its 附言 and covers it, so it is paid.
    const staff = await browser.newPage();
    await logIn(staff, "staff@demo.longhuo.cn");
    await staff.goto("/admin/bank-transfers");
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const statement = ["日期,金额,付款方,附言", `${today},${total.replace(/[¥,]/g, "")},福州市总工会,春节慰问品货款 ${number}`].join("\r\n");
    await staff.locator("#file").setInputFiles({ name: "statement.csv", mimeType: "text/csv", buffer: Buffer.from(statement) });
    await staff.getByRole("button", { name: "检查对账单" }).click();
    expect(await staff.getByTestId(`preview-${number}`).textContent()).toContain("收齐后标记为已付款");
    await staff.getByRole("button", { name: "确认入账" }).click();
    await staff.getByText("已入账 1 笔").waitFor();
    await staff.context().close();

    // Now the code is issued, as a spreadsheet with its full link.
    await buyer.reload();
    expect(await buyer.getByTestId("order-status").textContent()).toBe("已付款");
    await buyer.locator("#count").fill("1");
    await buyer.locator("#expiresOn").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await buyer.locator("#format").selectOption("csv");
    const [download] = await Promise.all([buyer.waitForEvent("download"), buyer.getByRole("button", { name: "生成并下载兑换码" }).click()]);
    const codes = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
    const link = /(https?:\/\/\S+\/gift\/redeem\?code=[0-9A-Z-]+)/.exec(codes)![1];

    // The employee opens the link on a phone: the gift first, then the address with the picker.
    const employee = await browser.newPage({ viewport: PHONE });
    await employee.goto(new URL(link).pathname + new URL(link).search);
    await employee.getByTestId("gift-preview").waitFor();
    expect(await employee.getByTestId("gift-preview").textContent()).not.toContain(sku);
    await employee.getByLabel("收件人").fill("王小明");
    await employee.getByLabel("手机号").fill("139 0000 1111");
    await employee.getByLabel("省份").selectOption("山东省");
    await employee.locator("select#city option", { hasText: "青岛市" }).waitFor({ state: "attached" });
    await employee.getByLabel("城市").selectOption("青岛市");
    await employee.locator("select#district option", { hasText: "市北区" }).waitFor({ state: "attached" });
    await employee.getByLabel("区县").selectOption("市北区");
    await employee.getByLabel("详细地址").fill("辽宁路 88 号");
    await employee.getByRole("button", { name: "确认兑换" }).click();
    await employee.getByRole("heading", { name: "兑换成功" }).waitFor();

    // The co-op ships all 21 parcels from its shipping file.
    const coop = await browser.newPage();
    await logIn(coop, "coop@demo.longhuo.cn");
    const template = await text(await coop.request.get("/coop/orders/shipping-template.csv"));
    const mine = template.split(/\r?\n/).map((l) => l.split(",")[0]).filter((code) => code.startsWith(`${number}-`));
    expect(mine).toHaveLength(21);
    const tracking = (i: number) => `SF${String(1_600_000_000_000 + i)}`;
    await coop.goto("/coop/orders");
    await coop.locator("#file").setInputFiles({ name: "shipping.csv", mimeType: "text/csv", buffer: Buffer.from(["包裹号,快递公司,运单号", ...mine.map((code, i) => `${code},顺丰,${tracking(i)}`)].join("\n")) });
    await coop.getByRole("button", { name: "校验并发货" }).click();
    await coop.getByRole("status").filter({ hasText: "21" }).waitFor();
    await coop.context().close();

    // The buyer sees every parcel shipped and downloads the delivery list with the tracking numbers.
    await buyer.goto(orderUrl);
    expect(await buyer.getByTestId("order-status").textContent()).toBe("已发货");
    const list = await text(await buyer.request.get(`${orderUrl}/delivery-list.csv`));
    const rows = list.trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(21);
    for (const [i] of mine.entries()) expect(list).toContain(tracking(i));
    expect(list).toContain("王小明");

    // The employee looks the gift up by code and mobile.
    await employee.goto("/gift/status");
    await employee.getByLabel("兑换码").fill(/code=([0-9A-Z-]+)/.exec(link)![1]);
    await employee.getByLabel("手机号").fill("13900001111");
    await employee.getByRole("button", { name: "查询" }).click();
    expect(await employee.getByTestId("gift-status").textContent()).toContain("已发货");
  });
});
