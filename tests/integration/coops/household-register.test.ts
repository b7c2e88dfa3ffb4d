// Staff import the 脱贫户 register: every bad row reported by row and column, nothing saved
// unless the whole file is clean; re-importing updates; co-ops then see their households.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { listingShares } from "~/models/coops/listing.server";
import { checkHouseholdFile, importHouseholds } from "~/models/coops/household-register.server";
import * as page from "~/routes/admin.households";
import { makeCoop, makeCounty, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf } from "../../requests";

const HEADER = ["农户编号", "区县", "乡镇", "村", "人口", "合作社"];
// written by hand, not with toCsv: that would defuse the formula the test needs to send
const file = (rows: string[][], header = HEADER) => new TextEncoder().encode([header, ...rows].map((r) => r.join(",")).join("\r\n"));

async function world() {
  const w = await makeWorld(prisma);
  const coop = await makeCoop(prisma, { countyId: w.county.id, name: `渭源县测试合作社${Date.now()}` });
  const elsewhere = await makeCounty(prisma, { prefectureId: w.prefecture.id, partnerCityId: w.city.id, name: `临洮县${Date.now()}` });
  return { ...w, coop, elsewhere };
}

describe("the household register import", () => {
  it("reports every bad row by row and column, and saves nothing", async () => {
    const w = await world();
    const before = await prisma.household.count();
    const checked = await checkHouseholdFile("households.csv", file([
      ["GS-T-0001", w.county.name, "城关镇", "新庄村", "4", w.coop.name],
      ["bad code!", w.county.name, "城关镇", "新庄村", "4", w.coop.name],
      ["GS-T-0001", w.county.name, "城关镇", "新庄村", "4", w.coop.creditCode],
      ["GS-T-0003", "不存在县", "城关镇", "新庄村", "0", w.coop.name],
      ["GS-T-0004", w.elsewhere.name, "城关镇", "新庄村", "3", w.coop.name],
      ["GS-T-0005", w.county.name, "城关镇", "=HYPERLINK(1)", "3", w.coop.name],
    ]));
    expect(checked.rows).toEqual([]);
    const at = (row: number) => checked.errors.filter((e) => e.row === row).map((e) => `${e.column}${e.field}:${e.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([expect.stringMatching(/^A农户编号:编号应为/)]);
    expect(at(4)).toEqual([expect.stringMatching(/^A农户编号:编号与第 2 行重复/)]);
    expect(at(5)).toEqual([expect.stringMatching(/^B区县:没有区县/), expect.stringMatching(/^E人口:人口应为/)]);
    expect(at(6)).toEqual([expect.stringMatching(/^F合作社:合作社「.*」不在临洮县/)]);
    expect(at(7)).toEqual([expect.stringMatching(/^D村:不能是公式/)]);
    expect(await prisma.household.count()).toBe(before);
  });

  it("names missing and unknown columns instead of guessing", async () => {
    const checked = await checkHouseholdFile("h.csv", file([["GS-T-9", "x", "y", "z", "1"]], ["农户编号", "区县", "乡镇", "村", "人口", "姓名"]));
    expect(checked.errors.map((e) => e.message)).toEqual([expect.stringContaining("无法识别的列「姓名」"), "缺少列「合作社」"]);
  });

  it("imports a clean file, links each household to its co-op, and updates on re-import", async () => {
    const w = await world();
    const rows = [
      ["GS-T-1001", w.county.name, "城关镇", "新庄村", "4", w.coop.name],
      ["gs-t-1002", w.county.slug, "莲峰镇", "下寨村", "6", w.coop.creditCode],
    ];
    const first = await checkHouseholdFile("h.csv", file(rows));
    expect(first.errors).toEqual([]);
    expect(await importHouseholds(first.rows)).toEqual({ added: 2, updated: 0 });
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id });
    expect((await listingShares(w.coop.id, product.id)).map((h) => [h.code, h.members])).toEqual([["GS-T-1001", 4], ["GS-T-1002", 6]]);

    const again = await checkHouseholdFile("h.csv", file([["GS-T-1002", w.county.name, "莲峰镇", "下寨村", "5", w.coop.name]]));
    expect(await importHouseholds(again.rows)).toEqual({ added: 0, updated: 1 });
    expect((await prisma.household.findUniqueOrThrow({ where: { code: "GS-T-1002" } })).members).toBe(5);

    // the same code may not move to another county
    const moved = await checkHouseholdFile("h.csv", file([["GS-T-1002", w.elsewhere.name, "城关镇", "新庄村", "5", w.coop.name]]));
    expect(moved.errors.some((e) => e.message === "该编号已登记在另一个区县")).toBe(true);
  });

  it("is for staff only", async () => {
    for (const roles of [["coop_manager"], ["consumer"]] as const) {
      const cookie = await cookieFor((await makeUser(prisma, { roles: [...roles] })).id);
      const form = new FormData();
      form.set("file", new File([file([])], "h.csv", { type: "text/csv" }));
      const response = await responseOf(() => page.action({ request: new Request("http://shop.test/admin/households", { method: "POST", headers: { Cookie: cookie }, body: form }), params: {}, context: {} }));
      expect(response.status).toBe(403);
    }
  });
});
