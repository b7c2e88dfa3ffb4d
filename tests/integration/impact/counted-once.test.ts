// Counted once: a sale claimed by a hall, a county, an east–west pairing and a 定点帮扶 programme is
// in exactly one bucket of each claim, every claim adds up to the same total, and any cross-tab of
// two claims adds up to it by rows and by columns — on generated data.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { CLAIMS } from "~/models/impact/claims";
import { claimTotals, countedOnceCheck, crossTab } from "~/models/impact/cross-tab.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { addMember, createProgramme } from "~/models/programmes/programme.server";
import { makeCounty, makeOrganization, makePaidOrder, makeProduct, makeUser, makeWorld, seededRandom } from "../../factories";

const DAY = 86_400_000;
let expectedFen = 0;
let programmeIds: string[] = [];
let soldOnce: { hallId: string; countyId: string; cityId: string; programmeId: string; amountFen: number; day: string };

beforeAll(async () => {
  const rand = seededRandom(17);
  const a = await makeWorld(prisma);
  const b = await makeWorld(prisma);
  const c2 = await makeCounty(prisma, { prefectureId: a.prefecture.id, partnerCityId: a.city.id, name: "临洮县" });
  const products = [
    await makeProduct(prisma, { countyId: a.county.id, coopId: a.coop.id, categoryId: a.category.id, variants: [{ priceFen: 3980, stock: 100000 }] }),
    await makeProduct(prisma, { countyId: c2.id, coopId: a.coop.id, categoryId: a.category.id, variants: [{ priceFen: 1234, stock: 100000 }] }),
    await makeProduct(prisma, { countyId: b.county.id, coopId: b.coop.id, categoryId: b.category.id, variants: [{ priceFen: 8800, stock: 100000 }] }),
  ];
  const unitOrg = await makeOrganization(prisma, { name: "某部机关服务局", type: "AGENCY" });
  const otherOrg = await makeOrganization(prisma, { type: "UNION" });
  const now = Date.now();
  const p1 = await createProgramme({ name: "某部定点帮扶渭源县", unitName: "某部", countyId: a.county.id, startsOn: "2000-01-01" });
  await addMember(p1.id, unitOrg.id);
  const p2 = await createProgramme({ name: "某部定点帮扶临洮县", unitName: "某部", countyId: c2.id, startsOn: businessDay(new Date(now - 100 * DAY)) });
  await addMember(p2.id, unitOrg.id);
  await addMember(p2.id, otherOrg.id);
  programmeIds = [p1.id, p2.id];
  const buyers = [await makeUser(prisma, { organizationId: unitOrg.id, roles: ["org_buyer"] }), await makeUser(prisma, { organizationId: otherOrg.id, roles: ["org_buyer"] }), await makeUser(prisma)];
  for (let k = 0; k < 80; k++) {
    const who = Math.floor(rand() * 3);
    const lines = products.filter(() => rand() < 0.6).map((p) => ({ variantId: p.variants[0].id, quantity: 1 + Math.floor(rand() * 4) }));
    if (!lines.length) continue;
    const order = await makePaidOrder(prisma, {
      buyerId: buyers[who].id,
      organizationId: who < 2 ? [unitOrg.id, otherOrg.id][who] : null,
      hallId: rand() < 0.4 ? a.hall.id : rand() < 0.7 ? b.hall.id : null,
      paidAt: new Date(now - Math.floor(rand() * 300) * DAY),
      lines,
    });
    expectedFen += order.lines.reduce((s, l) => s + l.lineTotalFen, 0);
  }
  // One sale with all four claims: bought through hall B by the unit, from the first county (paired with city A).
  const one = await makePaidOrder(prisma, { buyerId: buyers[0].id, organizationId: unitOrg.id, hallId: b.hall.id, paidAt: new Date(now - 2 * DAY), lines: [{ variantId: products[0].variants[0].id, quantity: 1 }] });
  expectedFen += one.lines[0].lineTotalFen;
  soldOnce = { hallId: b.hall.id, countyId: a.county.id, cityId: a.city.id, programmeId: p1.id, amountFen: one.lines[0].lineTotalFen, day: businessDay(new Date(now - 2 * DAY)) };
}, 120_000);

describe("each sale counted once per claim", () => {
  it("every claim's buckets add up to the ledger, and every cross-tab adds up by rows and columns", async () => {
    const range = { from: "2000-01-01", to: businessDay(new Date()) };
    const totals = await claimTotals(range);
    expect(totals.map((t) => t.amountFen)).toEqual(CLAIMS.map(() => expectedFen));
    for (const rows of CLAIMS) {
      for (const cols of CLAIMS) {
        const tab = await crossTab({ ...range, rows, cols });
        expect(tab.totalFen, `${rows}×${cols}`).toBe(expectedFen);
        expect(tab.rows.reduce((s, r) => s + r.amountFen, 0)).toBe(expectedFen);
        expect(tab.cols.reduce((s, c) => s + c.amountFen, 0)).toBe(expectedFen);
        const cellSum = Object.values(tab.cells).reduce((s, v) => s + v, 0);
        expect(cellSum).toBe(expectedFen);
      }
    }
  });

  it("a sale claimed four ways sits in one bucket of each claim, for that day", async () => {
    const day = { from: soldOnce.day, to: soldOnce.day };
    const tab = await crossTab({ ...day, rows: "hall", cols: "programme" });
    const mine = tab.cells[`${soldOnce.hallId}\u0001${soldOnce.programmeId}`];
    expect(mine).toBeGreaterThanOrEqual(soldOnce.amountFen);
    const byCounty = await crossTab({ ...day, rows: "county", cols: "city" });
    expect(byCounty.cells[`${soldOnce.countyId}\u0001${soldOnce.cityId}`]).toBeGreaterThanOrEqual(soldOnce.amountFen);
    // Whatever two claims are crossed, that day's total is the same.
    const totals = await claimTotals(day);
    expect(new Set(totals.map((t) => t.amountFen)).size).toBe(1);
  });

  it("programme claims respect their dates: sales before a programme started are not claimed by it", async () => {
    const tab = await crossTab({ from: "2000-01-01", to: businessDay(new Date(Date.now() - 101 * DAY)), rows: "programme", cols: "county" });
    expect(tab.rows.find((r) => r.key === programmeIds[1])).toBeUndefined();
  });

  it("refuses a second programme claiming the same buyer's purchases from the same county, and the reconciliation catches one slipped in", async () => {
    const org = await prisma.programmeMember.findFirstOrThrow({ where: { programmeId: programmeIds[0] }, select: { organizationId: true } });
    const county = await prisma.assistanceProgramme.findUniqueOrThrow({ where: { id: programmeIds[0] }, select: { countyId: true } });
    const rival = await createProgramme({ name: "另一单位定点帮扶", unitName: "另一单位", countyId: county.countyId, startsOn: "2020-01-01" });
    await expect(addMember(rival.id, org.organizationId)).rejects.toMatchObject({ status: 409, field: "organizationId" });
    expect(await prisma.programmeMember.count({ where: { programmeId: rival.id } })).toBe(0);
    expect((await reconcile()).ok).toBe(true);

    await prisma.programmeMember.create({ data: { programmeId: rival.id, organizationId: org.organizationId } });
    const check = await countedOnceCheck(expectedFen);
    expect(check.ok).toBe(false);
    expect(check.problems.join()).toContain("同时认领");
    // Even then the report still counts each sale once (the earlier programme keeps it).
    const totals = await claimTotals({ from: "2000-01-01", to: businessDay(new Date()) });
    expect(totals.map((t) => t.amountFen)).toEqual(CLAIMS.map(() => expectedFen));
    await prisma.programmeMember.deleteMany({ where: { programmeId: rival.id } });
  });
});
