import { describe, expect, it } from "vitest";
import { orderLinesSchema, validOrderLines } from "~/models/institutions/bulk-order.schema";

describe("the bulk builder's quick-add table", () => {
  it("takes 1–100000 of a SKU, as its message says, and refuses what the message refuses", () => {
    const ok = orderLinesSchema.safeParse({ sku_0: " ab-1 ", qty_0: "100000", sku_1: "", qty_1: "", sku_2: "C-2", qty_2: "1" });
    expect(ok.success && ok.data).toEqual([
      { row: 0, sku: "AB-1", quantity: 100000 },
      { row: 2, sku: "C-2", quantity: 1 },
    ]);
    // /^\d{1,6}$/ used to let 999999 through under a message that said 1–100000
    for (const qty of ["100001", "999999", "0", "1.5", "-3", "abc"]) {
      const bad = orderLinesSchema.safeParse({ sku_0: "AB-1", qty_0: qty });
      expect(bad.success, qty).toBe(false);
      expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["qty_0", "数量应为 1–100000 的整数"]]);
    }
  });

  it("reports a missing SKU and a repeated one by row, and still prices the good rows", () => {
    const values = { sku_0: "AB-1", qty_0: "5", sku_1: "", qty_1: "3", sku_2: "ab-1", qty_2: "2", sku_3: "D-4", qty_3: "x", sku_4: "E-5", qty_4: "7" };
    const parsed = orderLinesSchema.safeParse(values);
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["sku_1", "请填写 SKU"],
      ["sku_2", "与第 1 行重复"],
      ["qty_3", "数量应为 1–100000 的整数"],
    ]);
    expect(validOrderLines(values, { sku_1: "", sku_2: "", qty_3: "" })).toEqual([
      { row: 0, sku: "AB-1", quantity: 5 },
      { row: 4, sku: "E-5", quantity: 7 },
    ]);
  });
});
