// Marking parcels shipped from a file: every bad row reported by row and column, nothing shipped
// until the file is clean; another co-op's parcel reads as unknown.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { checkShippingFile, importShippingFile, shippingTemplateCsv } from "~/models/parcels/shipping-import.server";
import { makePaidOrder } from "../../factories";
import { ADDRESS, threeCoops } from "../../support/parcels";

const enc = (text: string) => new TextEncoder().encode(text);

async function shop() {
  const s = await threeCoops();
  const orders = [];
  for (let i = 0; i < 3; i++) {
    orders.push(await makePaidOrder(prisma, { buyerId: s.buyer.id, address: ADDRESS, lines: [{ variantId: s.variants[0].id, quantity: 1 }, { variantId: s.variants[1].id, quantity: 1 }] }));
  }
  const codes = async (coopIndex: number) =>
    (await prisma.parcel.findMany({ where: { coopId: s.coops[coopIndex].id }, orderBy: { order: { number: "asc" } }, select: { seq: true, order: { select: { number: true } } } })).map((p) => `${p.order.number}-${p.seq}`);
  return { ...s, orders, mine: await codes(0), theirs: await codes(1) };
}

describe("the shipping file", () => {
  it("reports every bad row — unknown, another co-op's, repeated, wrong courier, wrong format — and ships nothing", async () => {
    const s = await shop();
    const csv = [
      "包裹号,快递公司,运单号",
      `${s.mine[0]},顺丰,SF1234567890123`,
      `LH-2099-NOPE-NOPE-1,顺丰,SF1234567890124`,
      `${s.theirs[0]},顺丰,SF1234567890125`,
      `${s.mine[0].toLowerCase()},京东,JDVA01234567890`,
      `${s.mine[1]},申通,773012345678`,
      `${s.mine[2]},圆通,SF1234567890126`,
      "",
      `${s.mine[2]},顺丰,SF1234567890123`,
    ].join("\n");
    const checked = await checkShippingFile(s.coops[0].id, "ship.csv", enc(csv));
    expect(checked.rows).toEqual([]);
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "A"],
      [4, "A"],
      [5, "A"],
      [6, "B"],
      [7, "C"],
      [8, null],
      [9, "A"],
      [9, "C"],
    ]);
    expect(checked.errors[0].message).toMatch(/没有包裹号/);
    expect(checked.errors[1].message).toBe(checked.errors[1].message.replace(s.coops[1].name, "")); // no word of the other co-op
    expect(checked.errors[1].message).toMatch(/没有包裹号/);
    expect(checked.errors[2].message).toMatch(/与第 2 行是同一个包裹/);
    expect(checked.errors[3].message).toMatch(/请从列表中选择快递公司/);
    expect(checked.errors[4].message).toMatch(/不是圆通的运单号格式/);
    expect(checked.errors[6].message).toMatch(/与第 7 行是同一个包裹/);
    expect(checked.errors[7].message).toMatch(/运单号与第 2 行重复/);
    const result = await importShippingFile({ coopId: s.coops[0].id, actorId: s.managers[0].id, fileName: "ship.csv", bytes: enc(csv) });
    expect(result.shipped).toBe(0);
    expect(await prisma.parcel.count({ where: { coopId: s.coops[0].id, status: "SHIPPED" } })).toBe(0);
  });

  it("ships every parcel of a clean file (CSV from the template, or XLSX) in one go, and refuses to ship them again", async () => {
    const s = await shop();
    const template = await shippingTemplateCsv(s.coops[0].id);
    expect(template).toContain("包裹号,收件人,快递公司,运单号");
    for (const code of s.mine) expect(template).toContain(code);
    for (const code of s.theirs) expect(template).not.toContain(code);

    const filled = template
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line, i) => (i === 0 ? line : line.replace(/,,$/, `,顺丰速运,SF12345678901${String(i).padStart(2, "0")}`)))
      .join("\n");
    const first = await importShippingFile({ coopId: s.coops[0].id, actorId: s.managers[0].id, fileName: "ship.csv", bytes: enc(filled.replace(s.mine[2], "")) });
    expect(first.errors.map((e) => e.message)).toEqual(["请填写包裹号"]);
    const ok = await importShippingFile({ coopId: s.coops[0].id, actorId: s.managers[0].id, fileName: "ship.csv", bytes: enc(filled) });
    expect(ok).toEqual({ errors: [], shipped: 3 });
    const shipped = await prisma.parcel.findMany({ where: { coopId: s.coops[0].id }, select: { status: true, courier: true, trackingNumber: true, shippedById: true } });
    expect(shipped.every((p) => p.status === "SHIPPED" && p.courier === "顺丰" && p.shippedById === s.managers[0].id)).toBe(true);
    const again = await importShippingFile({ coopId: s.coops[0].id, actorId: s.managers[0].id, fileName: "ship.csv", bytes: enc(filled) });
    expect(again.errors).toHaveLength(3);
    expect(again.errors[0].message).toMatch(/包裹已发货（运单号 SF/);

    // XLSX for the other co-op
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("发货");
    sheet.addRow(["包裹号", "快递公司", "运单号"]);
    s.theirs.forEach((code, i) => sheet.addRow([code, "EMS", `EA12345678${i}CN`]));
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await importShippingFile({ coopId: s.coops[1].id, actorId: s.managers[1].id, fileName: "ship.xlsx", bytes: xlsx })).toEqual({ errors: [], shipped: 3 });
  });

  it("refuses a file that is not CSV or XLSX, or has the wrong columns, by saying which", async () => {
    const s = await shop();
    expect((await checkShippingFile(s.coops[0].id, "ship.xls", enc("x"))).errors[0].message).toMatch(/只支持 \.csv 或 \.xlsx/);
    const wrong = await checkShippingFile(s.coops[0].id, "ship.csv", enc("包裹,物流,备注二\nx,y,z"));
    expect(wrong.errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/无法识别的列「备注二」/), "缺少列「运单号」"]));
  });
});
