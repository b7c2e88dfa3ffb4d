import { describe, expect, it } from "vitest";
import { columnLetter, csvCell, looksLikeFormula, toCsv } from "./csv-safe";

describe("CSV exports", () => {
  it("neutralises cells that a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://x\",\"点我\")")).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell("+8613800000000")).toBe("'+8613800000000");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("张三")).toBe("张三");
    expect(csvCell("a,b")).toBe('"a,b"');
  });

  it("starts with a BOM and ends rows with CRLF", () => {
    expect(toCsv(["姓名"], [["李四"]])).toBe("\uFEFF姓名\r\n李四\r\n");
  });

  it("names columns as a spreadsheet does", () => {
    expect([0, 7, 25, 26, 27].map(columnLetter)).toEqual(["A", "H", "Z", "AA", "AB"]);
  });

  it("spots formula-looking input", () => {
    expect(["=1+1", " +1", "-x", "@a", "\tfoo"].every(looksLikeFormula)).toBe(true);
    expect(["1+1", "北京", "13800000000"].some(looksLikeFormula)).toBe(false);
  });
});
