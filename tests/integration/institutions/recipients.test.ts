import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { checkRecipientFile, deliveryListCsv, deliveryListXlsx, importRecipients, MAX_RECIPIENT_ROWS } from "~/models/institutions/recipients.server";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";

const HEADER_ROW = "姓名,手机号,省份,城市,区县,详细地址,礼盒,数量";
const enc = (s: string) => new TextEncoder().encode(s);

async function orderWith(quantities: number[]) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, {
    countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "渭源白条党参礼盒",
    variants: quantities.map((_, i) => ({ name: i === 0 ? "精品装" : `规格${i}`, priceFen: 5000, stock: 100000, giftBox: true })),
  });
  const org = await makeOrganization(prisma, { approvalLimitFen: 0 });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const order = await submitBulkOrder({
    buyer, organization: org, lines: product.variants.map((v, i) => ({ variantId: v.id, quantity: quantities[i] })),
    header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
  });
  return { order, skus: product.variants.map((v) => v.sku) };
}

const row = (sku: string, o: Partial<Record<"name" | "mobile" | "street" | "qty", string>> = {}) =>
  [o.name ?? "张三", o.mobile ?? "13800138000", "福建省", "福州市", "鼓楼区", o.street ?? "五四路 100 号", sku, o.qty ?? "1"].join(",");

describe("checking a recipient file", () => {
  it("accepts a good CSV and splits the order into one parcel per recipient", async () => {
    const { order, skus } = await orderWith([3]);
    const csv = [HEADER_ROW, row(skus[0]), row("精品装", { name: "李四", mobile: "13800138001", qty: "2" })].join("\n");
    const result = await checkRecipientFile(order.id, "r.csv", enc(csv));
    expect(result.errors).toEqual([]);
    expect(await importRecipients(order.id, result.rows)).toBe(2);
    const parcels = await prisma.parcel.findMany({ where: { orderId: order.id }, orderBy: { recipient: "asc" }, include: { items: true } });
    expect(parcels.map((s) => [s.recipient, s.source, s.items[0].quantity])).toEqual([["张三", "RECIPIENT", 1], ["李四", "RECIPIENT", 2]]);
  });

  it("reports wrong headers by column and imports nothing", async () => {
    const { order } = await orderWith([3]);
    const result = await checkRecipientFile(order.id, "r.csv", enc("名字,手机号,省份,城市,区县,详细地址,礼盒,数量,备注\n张三"));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, column: "A", message: expect.stringContaining("无法识别的列「名字」") }),
        expect.objectContaining({ row: 1, column: "I", message: expect.stringContaining("无法识别的列「备注」") }),
        expect.objectContaining({ row: 1, column: null, message: "缺少列「姓名」" }),
      ]),
    );
  });

  it("reports bad phones, unknown packages, blank rows and formula cells by row and column", async () => {
    const { order, skus } = await orderWith([10]);
    const csv = [
      HEADER_ROW,
      row(skus[0]),
      row(skus[0], { mobile: "1380013800" }),
      "",
      row("没有这种礼盒"),
      row(skus[0], { name: "=HYPERLINK(\"http://evil\")" }),
      row(skus[0], { qty: "0" }),
      "",
    ].join("\n");
    const result = await checkRecipientFile(order.id, "r.csv", enc(csv));
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([[3, "B"], [4, null], [5, "G"], [6, "A"], [7, "H"]]);
    expect(result.errors[0].message).toContain("不是 11 位大陆手机号");
    expect(result.errors[1].message).toContain("空行");
    expect(result.errors[3].message).toContain("= + - @");
    expect(await prisma.parcel.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("refuses more boxes than the order holds, per package", async () => {
    const { order, skus } = await orderWith([2, 5]);
    const csv = [HEADER_ROW, row(skus[0], { qty: "2" }), row(skus[0], { name: "李四", mobile: "13800138001" }), row(skus[1], { qty: "5" })].join("\n");
    const result = await checkRecipientFile(order.id, "r.csv", enc(csv));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(/共分配 3 份，超过订单可分配的 2 份/);
  });

  it("counts earlier imports against the order, also when two imports race", async () => {
    const { order, skus } = await orderWith([2]);
    const csv = [HEADER_ROW, row(skus[0], { qty: "2" })].join("\n");
    const other = [HEADER_ROW, row(skus[0], { name: "李四", mobile: "13800138001", qty: "2" })].join("\n");
    const first = await checkRecipientFile(order.id, "r.csv", enc(csv));
    const second = await checkRecipientFile(order.id, "r.csv", enc(other));
    const results = await Promise.allSettled([importRecipients(order.id, first.rows), importRecipients(order.id, second.rows)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.parcel.count({ where: { orderId: order.id } })).toBe(1);
    const again = [HEADER_ROW, row(skus[0], { name: "王五", mobile: "13800138002" })].join("\n");
    expect((await checkRecipientFile(order.id, "r.csv", enc(again))).errors[0].message).toContain("可分配的 0 份");
  });

  it(`reports a file over ${MAX_RECIPIENT_ROWS} rows as one clear error`, async () => {
    const { order, skus } = await orderWith([1]);
    const lines = [HEADER_ROW, ...Array.from({ length: MAX_RECIPIENT_ROWS + 1 }, () => row(skus[0]))];
    const result = await checkRecipientFile(order.id, "r.csv", enc(lines.join("\n")));
    expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining(`超过上限 ${MAX_RECIPIENT_ROWS} 行`) })]);
  });

  it("reads GBK-encoded CSV as saved by Excel on Chinese Windows", async () => {
    const { order, skus } = await orderWith([1]);
    // "姓名" etc. in GBK: build with the reverse mapping of TextDecoder.
    const text = [HEADER_ROW, row(skus[0])].join("\r\n");
    const gbk = await encodeGbk(text);
    const result = await checkRecipientFile(order.id, "r.csv", gbk);
    expect(result.errors).toEqual([]);
    expect(result.rows[0].recipient).toBe("张三");
  });

  it("reads XLSX, rejecting formula cells and taking numeric phone cells as text", async () => {
    const { order, skus } = await orderWith([5]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("收件人");
    ws.addRow(HEADER_ROW.split(","));
    ws.addRow(["王五", 13900139000, "山东省", "青岛市", "市北区", "延安三路 1 号", skus[0], 1]);
    ws.addRow(["赵六", 13900139001, "山东省", "青岛市", "市北区", "延安三路 2 号", skus[0], { formula: "1+1", result: 2 }]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const bad = await checkRecipientFile(order.id, "r.xlsx", bytes);
    expect(bad.errors).toEqual([expect.objectContaining({ row: 3, column: "H", message: expect.stringContaining("公式单元格") })]);
    ws.spliceRows(3, 1);
    const good = await checkRecipientFile(order.id, "r.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(good.errors).toEqual([]);
    expect(good.rows[0]).toMatchObject({ recipient: "王五", mobile: "13900139000", quantity: 1 });
  });

  it("rejects other file types and broken XLSX", async () => {
    const { order } = await orderWith([1]);
    expect((await checkRecipientFile(order.id, "r.xls", enc("x"))).errors[0].message).toContain("只支持 .csv 或 .xlsx");
    expect((await checkRecipientFile(order.id, "r.xlsx", enc("not a zip"))).errors[0].message).toContain("无法打开");
  });

  it("the delivery list escapes formula characters", async () => {
    const { order, skus } = await orderWith([1]);
    const [ok] = (await checkRecipientFile(order.id, "r.csv", enc([HEADER_ROW, row(skus[0])].join("\n")))).rows;
    await importRecipients(order.id, [{ ...ok, street: "-1 层 @前台" }]);
    const csv = await deliveryListCsv(order.id);
    expect(csv).toContain(",'-1 层 @前台,");
    expect(csv.startsWith("\uFEFF序号,包裹号,收件人")).toBe(true);
    expect(csv).toContain(`${order.number}-1,`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await deliveryListXlsx(order.id)) as unknown as ArrayBuffer);
    const cell = wb.worksheets[0].getRow(2).getCell(8);
    expect(cell.value).toBe("-1 层 @前台");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});

async function encodeGbk(text: string): Promise<Uint8Array> {
  // Node has GBK decoding but no encoder: map each character by searching the two-byte space once.
  const decoder = new TextDecoder("gbk");
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}
