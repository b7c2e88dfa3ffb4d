import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { importBankStatement, importStoredStatement, previewStatementUpload, statementAmountFen, statementDay } from "~/models/institutions/bank-statement.server";
import { excessToReturn, markExcessReturned } from "~/models/institutions/bank-transfer.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";

const HEADER = { poNumber: "PO-9", costCentre: "", paymentMethod: "BANK_TRANSFER" as const, invoiceType: "PLAIN", invoiceTitle: "青岛市总工会", invoiceTaxNo: "81370203MC1234567A" };
const TODAY = businessDay(new Date());

async function setup(approvalLimitFen = 100_000_000) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 10000, stock: 1000, giftBox: true }] });
  const org = await makeOrganization(prisma, { approvalLimitFen });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const staff = await makeUser(prisma, { roles: ["staff"] });
  const order = (quantity: number) => submitBulkOrder({ buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity }], header: HEADER });
  return { product, org, staff, order };
}

const csv = (rows: string[][]) => new TextEncoder().encode(["日期,金额,付款方,附言", ...rows.map((r) => r.join(","))].join("\r\n"));

const state = (id: string) => prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, paidAt: true, payments: { select: { amountFen: true } }, bankReceipts: { select: { amountFen: true, excessFen: true } } } });

describe("bank statement import", () => {
  it("pays an order once its parts cover the total, flags an excess for refund, and counts a statement imported twice once", async () => {
    const s = await setup();
    const a = await s.order(3); // ¥300.00
    const b = await s.order(2); // ¥200.00
    const c = await s.order(1); // ¥100.00
    const file = csv([
      ["2026-11-28", "100.00", "青岛市总工会", `货款 DG${a.number} 第一笔`],
      ["2026/11/29", "200", "青岛市总工会", `DG${a.number.replace(/-/g, "").toLowerCase()}`],
      ["20261129", "\"250.00\"", "青岛市总工会", `DG${b.number}`],
      ["2026-11-30", "40.00", "某某", `DG${c.number}`],
    ]);
    const first = await importBankStatement("statement.csv", file, s.staff.id, TODAY);
    expect(first).toMatchObject({ ok: true, booked: 4, skipped: 0 });

    const [sa, sb, sc] = await Promise.all([state(a.id), state(b.id), state(c.id)]);
    expect(sa.status).toBe("PAID");
    expect(businessDay(sa.paidAt!)).toBe("2026-11-29"); // the day the covering transfer arrived
    expect(sa.payments).toEqual([{ amountFen: 30000 }]); // one payment through markOrderPaid
    expect(sb.status).toBe("PAID");
    expect(sb.bankReceipts).toEqual([{ amountFen: 25000, excessFen: 5000 }]);
    expect(sc.status).toBe("PENDING_PAYMENT"); // ¥40 of ¥100: waits for the rest
    expect(sc.payments).toEqual([]);
    if (!first.ok) throw new Error();
    expect(first.messages.join("\n")).toContain("还差 ¥60.00");
    expect(first.messages.join("\n")).toContain("多收 ¥50.00");
    const ledger = await prisma.attributionEntry.count({ where: { orderLine: { orderId: { in: [a.id, b.id] } }, level: "COUNTY" } });
    expect(ledger).toBe(2);

    // The same statement again: nothing new, nothing counted twice, the ledger unchanged.
    const again = await importBankStatement("statement.csv", file, s.staff.id, TODAY);
    expect(again).toMatchObject({ ok: true, booked: 0, skipped: 4 });
    expect(await prisma.bankReceipt.count({ where: { orderId: { in: [a.id, b.id, c.id] } } })).toBe(4);
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: { in: [a.id, b.id] } }, level: "COUNTY" } })).toBe(2);
    expect((await state(a.id)).payments).toHaveLength(1);

    // The rest of c arrives with a later statement that repeats yesterday's rows.
    const later = csv([["2026-11-30", "40.00", "某某", `DG${c.number}`], ["2026-12-01", "60.00", "某某", `DG${c.number}`]]);
    expect(await importBankStatement("later.csv", later, s.staff.id, TODAY)).toMatchObject({ ok: true, booked: 1, skipped: 1 });
    expect((await state(c.id)).status).toBe("PAID");

    // Two identical transfers on one day are two transfers.
    const d = await s.order(2);
    const twice = csv([["2026-12-01", "100", "同一单位", `DG${d.number}`], ["2026-12-01", "100", "同一单位", `DG${d.number}`]]);
    expect(await importBankStatement("twice.csv", twice, s.staff.id, TODAY)).toMatchObject({ ok: true, booked: 2 });
    expect((await state(d.id)).status).toBe("PAID");

    // The excess waits for staff to send it back, then leaves the list.
    const excess = (await excessToReturn()).filter((r) => r.order.number === b.number);
    expect(excess).toHaveLength(1);
    await markExcessReturned(excess[0].id, s.staff.id);
    expect((await excessToReturn()).some((r) => r.order.number === b.number)).toBe(false);
    await expect(markExcessReturned(excess[0].id, s.staff.id)).rejects.toThrow("没有待退回");
  });

  it("money for an order already paid is all excess", async () => {
    const s = await setup();
    const a = await s.order(1);
    await importBankStatement("one.csv", csv([["2026-11-28", "100", "x", `DG${a.number}`]]), s.staff.id, TODAY);
    await importBankStatement("two.csv", csv([["2026-11-29", "100", "x", `DG${a.number} 重复付款`]]), s.staff.id, TODAY);
    expect((await state(a.id)).bankReceipts.map((r) => r.excessFen).sort()).toEqual([0, 10000]);
  });

  it("reports a row matching no order and an amount in the wrong format by row, and books nothing", async () => {
    const s = await setup();
    const a = await s.order(1);
    const file = csv([
      ["2026-11-28", "100.00", "青岛市总工会", `DG${a.number}`],
      ["2026-11-28", '"1,00.5"', "青岛市总工会", `DG${a.number}`],
      ["2026-11-28", "-100", "青岛市总工会", `DG${a.number}`],
      ["2026-02-30", "100", "某人", "春节慰问品"],
      ["2026-11-28", "100", "某人", "DGLH-2611-AAAA-BBBB"],
    ]);
    const result = await importBankStatement("bad.csv", file, s.staff.id, TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error();
    expect(result.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [3, "B", "金额"],
      [4, "B", "金额"],
      [5, "A", "日期"],
      [5, "D", "附言"],
      [6, "D", "附言"],
    ]);
    expect(result.errors[0].message).toContain("格式不对");
    expect(await prisma.bankReceipt.count({ where: { orderId: a.id } })).toBe(0);
    expect((await state(a.id)).status).toBe("PENDING_PAYMENT");
  });

  it("an order awaiting approval is refused by row", async () => {
    const s = await setup(0);
    const a = await s.order(1);
    const result = await importBankStatement("x.csv", csv([["2026-11-28", "100", "x", `DG${a.number}`]]), s.staff.id, TODAY);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 2, column: "D", message: expect.stringContaining("尚未审批通过") }] });
  });

  it("reads XLSX with date cells; the preview books nothing and the confirm step books the kept file", async () => {
    const s = await setup();
    const a = await s.order(2);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("收款明细");
    sheet.addRow(["交易日期", "贷方金额", "对方户名", "摘要"]);
    sheet.addRow([new Date(Date.UTC(2026, 10, 27)), 200, "青岛市总工会", `DG${a.number}`]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const preview = await previewStatementUpload("收款.xlsx", bytes, TODAY);
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(preview.preview.orders).toEqual([expect.objectContaining({ number: a.number, newFen: 20000, willPay: true, excessFen: 0 })]);
    expect((await state(a.id)).status).toBe("PENDING_PAYMENT");
    expect(await importStoredStatement(preview.preview.key, s.staff.id, TODAY)).toMatchObject({ ok: true, booked: 1 });
    expect((await state(a.id)).status).toBe("PAID");
    await expect(importStoredStatement(`statements/${"0".repeat(64)}.csv`, s.staff.id, TODAY)).rejects.toThrow("已失效");
  });
});

describe("statement cells", () => {
  it("reads bank amounts and dates, refusing what is not one", () => {
    expect(["30,000.00", "¥30000", "30000元", "0.5", "1,234,567.89"].map(statementAmountFen)).toEqual([3_000_000, 3_000_000, 3_000_000, 50, 123_456_789]);
    expect(["-100", "1,00", "12.345", "一百", ""].map(statementAmountFen)).toEqual([null, null, null, null, null]);
    expect(["2026-12-01", "2026/12/1", "20261201", "2026年12月1日", "2026-12-01 10:22:03"].map(statementDay)).toEqual(Array(5).fill("2026-12-01"));
    expect(["2026-02-30", "12/01/2026", "昨天"].map(statementDay)).toEqual([null, null, null]);
  });
});
