// Uploads that used to stall the server: refused by what they are, before or while they are read.
import { describe, expect, it } from "vitest";
import { readGrid } from "~/lib/spreadsheet.server";
import { XLSX_LIMITS } from "~/lib/zip-check";
import { bombXlsx } from "../../tests/support/zip-bomb";

const LIMITS = { maxBytes: 8 * 1024 * 1024, maxRows: 10_000 };
const MB = 1024 * 1024;

describe("reading uploads safely", () => {
  it("refuses a 400 MB zip bomb by its declared size, as 413", async () => {
    const bomb = await bombXlsx({ inflatedBytes: 400 * MB });
    expect(bomb.byteLength).toBeLessThan(1 * MB);
    await expect(readGrid("名单.xlsx", bomb, LIMITS)).rejects.toMatchObject({ status: 413, message: expect.stringContaining("解压后超过") });
  });

  it("refuses a bomb under the size cap by its compression ratio", async () => {
    const bomb = await bombXlsx({ inflatedBytes: XLSX_LIMITS.maxUncompressedBytes / 2 });
    await expect(readGrid("名单.xlsx", bomb, LIMITS)).rejects.toMatchObject({ message: expect.stringContaining("压缩比异常") });
  });

  it("catches an archive that lies about its sizes when it inflates past what it declared", async () => {
    const liar = await bombXlsx({ inflatedBytes: 40 * MB, lie: true });
    await expect(readGrid("名单.xlsx", liar, LIMITS)).rejects.toMatchObject({ message: expect.stringContaining("与声明不符") });
  });

  it("stops a 200,000-row CSV at the row limit with one clear error", async () => {
    const csv = ["姓名,手机号", ...Array.from({ length: 200_000 }, (_, i) => `张${i},1380013${String(i % 10000).padStart(4, "0")}`)].join("\n");
    await expect(readGrid("名单.csv", new TextEncoder().encode(csv), LIMITS)).rejects.toMatchObject({ message: expect.stringContaining("超过上限 10000 行") });
  });

  it("takes a file of exactly the limit, trailing blank lines included", async () => {
    const csv = ["姓名,手机号", ...Array.from({ length: 10_000 }, (_, i) => `张${i},138`), ",", "", ","].join("\n");
    const grid = await readGrid("名单.csv", new TextEncoder().encode(csv), LIMITS);
    expect(grid.rows[10_000]).toEqual(["张9999", "138"]);
  });

  it("refuses a file named .xlsx that is not a zip", async () => {
    await expect(readGrid("名单.xlsx", new TextEncoder().encode("姓名,手机号"), LIMITS)).rejects.toMatchObject({ message: expect.stringContaining("无法打开") });
  });
});
