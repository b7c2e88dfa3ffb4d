// Who may use the pages of batches, invoices, programmes and the cross-tab: each refuses the roles
// that must not, and nothing changes.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as adminInvoices from "~/routes/admin.invoices";
import * as adminProgrammes from "~/routes/admin.programmes";
import * as crosstab from "~/routes/admin.reports_.crosstab";
import * as coopBatches from "~/routes/coop.batches._index";
import * as coopNewBatch from "~/routes/coop.batches.new";
import * as coopInvoices from "~/routes/coop.invoices";
import * as batchScan from "~/routes/batches.$code.scan";
import { makeBatch, makeCounty, makeHousehold, makeOrganization, makeProduct, makeUser, makeWorld } from "../factories";
import { cookieFor, responseOf, routeArgs } from "../requests";

describe("staff-only pages", () => {
  it("refuse consumers, organisation admins and co-op managers, and change nothing", async () => {
    const w = await makeWorld(prisma);
    const org = await makeOrganization(prisma);
    const county = await makeCounty(prisma, { prefectureId: w.prefecture.id, partnerCityId: w.city.id });
    const cookies = [
      await cookieFor((await makeUser(prisma)).id),
      await cookieFor((await makeUser(prisma, { roles: ["org_admin"], organizationId: org.id })).id),
      await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id })).id),
    ];
    for (const cookie of cookies) {
      expect((await responseOf(() => adminInvoices.loader(routeArgs("/admin/invoices", { cookie })))).status).toBe(403);
      expect((await responseOf(() => adminInvoices.action(routeArgs("/admin/invoices", { cookie, form: { intent: "issuer", coopId: w.coop.id, invoiceIssuer: "COOP" } })))).status).toBe(403);
      expect((await responseOf(() => adminProgrammes.loader(routeArgs("/admin/programmes", { cookie })))).status).toBe(403);
      const create = { intent: "create", name: "某部定点帮扶测试县", unitName: "某部", countyId: county.id, startsOn: "2026-01-01" };
      expect((await responseOf(() => adminProgrammes.action(routeArgs("/admin/programmes", { cookie, form: create })))).status).toBe(403);
      expect((await responseOf(() => crosstab.loader(routeArgs("/admin/reports/crosstab", { cookie })))).status).toBe(403);
    }
    expect((await prisma.coop.findUniqueOrThrow({ where: { id: w.coop.id } })).invoiceIssuer).toBe("PLATFORM");
    expect(await prisma.assistanceProgramme.count({ where: { countyId: county.id } })).toBe(0);
    const staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
    expect((await responseOf(() => crosstab.loader(routeArgs("/admin/reports/crosstab?rows=hall&cols=programme", { cookie: staff })))).status).toBe(200);
    expect((await responseOf(() => crosstab.loader(routeArgs("/admin/reports/crosstab?rows=nope", { cookie: staff })))).status).toBe(400);
  });
});

describe("co-op pages", () => {
  it("refuse anyone who is not a co-op manager; a batch scan is its co-op's and staff's only", async () => {
    const w = await makeWorld(prisma);
    const consumer = await cookieFor((await makeUser(prisma)).id);
    expect((await responseOf(() => coopBatches.loader(routeArgs("/coop/batches", { cookie: consumer })))).status).toBe(403);
    expect((await responseOf(() => coopNewBatch.action(routeArgs("/coop/batches/new", { cookie: consumer, form: { productId: "x" } })))).status).toBe(403);
    expect((await responseOf(() => coopInvoices.loader(routeArgs("/coop/invoices", { cookie: consumer })))).status).toBe(403);

    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id });
    const household = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id });
    const manager = await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id });
    const batch = await makeBatch(prisma, { code: "7QK2M9TXAB", productId: product.id, coopId: w.coop.id, createdById: manager.id, producedOn: "2026-09-01", shares: [{ householdId: household.id, percent: 100 }] });
    await prisma.batch.update({ where: { id: batch.id }, data: { certScan: "batch-scans/0123456789abcdef0123456789abcdef.jpg" } });
    const other = await makeUser(prisma, { roles: ["coop_manager"], coopId: (await makeWorld(prisma)).coop.id });
    const scan = (cookie: string) => responseOf(() => batchScan.loader(routeArgs(`/batches/${batch.code}/scan`, { cookie, params: { code: batch.code } })));
    expect((await scan(consumer)).status).toBe(404);
    expect((await scan(await cookieFor(other.id))).status).toBe(404);
  });
});
