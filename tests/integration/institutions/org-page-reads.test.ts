// The organisation home (/org) reads with raw statements (decision 0016, third pass: each Prisma
// read cost its query compiler 0.3–0.8 ms of CPU, and the page ran seven). Each is held here to the
// Prisma read it replaced, with a second organisation whose rows must not appear.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { rollupsAsOf } from "~/models/impact/rollup.server";
import { countyNames, pledgeTarget } from "~/models/impact/views.server";
import { listOrgOrders } from "~/models/institutions/bulk-order.server";
import { organizationBanner, organizationOfMember } from "~/models/institutions/organization.server";
import { makeCounty, makeOrganization, makePrefecture, makeProduct, makeUser, makeWorld } from "../../factories";

const prismaOrgOrders = (organizationId: string, opts: { status?: string; take?: number } = {}) =>
  prisma.order.findMany({
    where: { organizationId, kind: "BULK", ...(opts.status ? { status: opts.status } : {}) },
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 100,
    select: { id: true, number: true, status: true, totalFen: true, poNumber: true, createdAt: true, paymentMethod: true, buyer: { select: { name: true } }, _count: { select: { lines: true, parcels: true } } },
  });

describe("the /org page's raw reads", () => {
  it("the member's organisation and the banner are what Prisma's reads returned, and only that organisation's", async () => {
    const ours = await makeOrganization(prisma, { status: "VERIFIED", approvalLimitFen: 500_000 });
    const rejected = await makeOrganization(prisma, { status: "REJECTED" });
    await prisma.organization.update({ where: { id: rejected.id }, data: { rejectReason: "营业执照模糊" } });
    const select = { id: true, name: true, creditCode: true, status: true, approvalLimitFen: true, invoiceTitle: true, taxNumber: true, city: true, type: true, rejectReason: true } as const;
    for (const org of [ours, rejected]) {
      expect(await organizationOfMember(org.id)).toEqual(await prisma.organization.findUniqueOrThrow({ where: { id: org.id }, select }));
      expect(await organizationBanner(org.id)).toEqual(await prisma.organization.findUnique({ where: { id: org.id }, select: { name: true, status: true } }));
    }
    expect((await organizationOfMember(ours.id)).rejectReason).toBeNull();
    expect((await organizationOfMember(rejected.id)).rejectReason).toBe("营业执照模糊");
    expect(await organizationBanner(null)).toBeNull();
    expect(await organizationBanner("no-such-org")).toBeNull();
    await expect(organizationOfMember("no-such-org")).rejects.toMatchObject({ status: 404 });
  });

  it("the organisation's bulk orders are what Prisma's read returned: newest first, counts, status filter, limit; no other organisation's, no retail", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 10 }] });
    const variant = product.variants[0];
    const ours = await makeOrganization(prisma);
    const theirs = await makeOrganization(prisma);
    const alice = await makeUser(prisma, { name: "采购员甲", roles: ["org_buyer"] });
    const bob = await makeUser(prisma, { name: "采购员乙", roles: ["org_buyer"] });
    let n = 0;
    const order = async (organizationId: string, buyerId: string, data: { status: string; kind?: string; poNumber?: string; paymentMethod?: string; lines?: number; parcels?: number }) => {
      n += 1;
      const created = await prisma.order.create({
        data: {
          number: `ORGREAD${String(n).padStart(4, "0")}${organizationId.slice(-4)}`,
          buyerId, organizationId, kind: data.kind ?? "BULK", status: data.status, subtotalFen: 1000 * n, totalFen: 1000 * n + 600,
          poNumber: data.poNumber ?? null, paymentMethod: data.paymentMethod ?? null,
          createdAt: new Date(Date.UTC(2026, 10, n, 8, 30, 15, n)),
        },
      });
      for (let i = 0; i < (data.lines ?? 0); i++) {
        await prisma.orderLine.create({ data: { orderId: created.id, variantId: variant.id, productId: product.id, productName: product.name, variantName: "默认", quantity: i + 1, unitPriceFen: 1200, lineTotalFen: 1200 * (i + 1) } });
      }
      for (let seq = 1; seq <= (data.parcels ?? 0); seq++) {
        await prisma.parcel.create({ data: { orderId: created.id, seq, coopId: w.coop.id, source: "ORDER", recipient: "收件人", mobile: "13800000000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五一北路 1 号" } });
      }
      return created;
    };
    await order(ours.id, alice.id, { status: "PENDING_APPROVAL", lines: 2 });
    await order(ours.id, bob.id, { status: "PAID", poNumber: "PO-2026-17", paymentMethod: "BANK_TRANSFER", lines: 3, parcels: 2 });
    await order(ours.id, alice.id, { status: "PENDING_APPROVAL", poNumber: "PO-2026-18", lines: 1 });
    await order(ours.id, alice.id, { status: "RETURNED" });
    await order(ours.id, alice.id, { status: "PENDING_APPROVAL", kind: "RETAIL", lines: 1 });
    await order(theirs.id, bob.id, { status: "PENDING_APPROVAL", lines: 4, parcels: 1 });

    for (const opts of [{}, { status: "PENDING_APPROVAL" as const, take: 20 }, { take: 2 }, { status: "PAID" as const }]) {
      const viaRaw = await listOrgOrders(ours.id, opts);
      expect(viaRaw).toEqual(await prismaOrgOrders(ours.id, opts));
      expect(viaRaw.every((o) => o.createdAt instanceof Date)).toBe(true);
    }
    const all = await listOrgOrders(ours.id);
    expect(all.map((o) => o.status)).toEqual(["RETURNED", "PENDING_APPROVAL", "PAID", "PENDING_APPROVAL"]);
    expect(all.map((o) => o._count)).toEqual([{ lines: 0, parcels: 0 }, { lines: 1, parcels: 0 }, { lines: 3, parcels: 2 }, { lines: 2, parcels: 0 }]);
    expect(await listOrgOrders(theirs.id)).toEqual(await prismaOrgOrders(theirs.id));
    expect((await listOrgOrders(theirs.id)).map((o) => o.buyer.name)).toEqual(["采购员乙"]);
    expect(await listOrgOrders("no-such-org")).toEqual([]);
  });

  it("the pledge, the counties' names and the rollups' freshness are what Prisma's reads returned", async () => {
    const w = await makeWorld(prisma);
    const second = await makePrefecture(prisma, { partnerCityId: w.city.id, name: "陇南市", shortName: "陇南" });
    const other = await makeCounty(prisma, { prefectureId: second.id, partnerCityId: w.city.id, name: "康县" });
    const ours = await makeOrganization(prisma);
    const theirs = await makeOrganization(prisma);
    await prisma.pledge.create({ data: { organizationId: ours.id, year: 2026, targetFen: 5_000_000 } });
    await prisma.pledge.create({ data: { organizationId: ours.id, year: 2025, targetFen: 3_000_000 } });
    await prisma.pledge.create({ data: { organizationId: theirs.id, year: 2027, targetFen: 9_000_000 } });
    const viaPrisma = (organizationId: string, year: number) =>
      prisma.pledge.findUnique({ where: { organizationId_year: { organizationId, year } }, select: { targetFen: true } });
    for (const [org, year] of [[ours.id, 2026], [ours.id, 2025], [ours.id, 2027], [theirs.id, 2027], [theirs.id, 2026]] as const) {
      expect(await pledgeTarget(org, year)).toEqual(await viaPrisma(org, year));
    }
    expect(await pledgeTarget(ours.id, 2027)).toBeNull();

    const countySelect = { id: true, name: true, prefecture: { select: { name: true, shortName: true } }, partnerCity: { select: { name: true } } } as const;
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    for (const ids of [[w.county.id, other.id], [other.id], [], ["no-such-county"]]) {
      expect(byId(await countyNames(ids))).toEqual(byId(await prisma.county.findMany({ where: { id: { in: ids } }, select: countySelect })));
    }

    const prismaAsOf = async () => {
      const [oldest, pending] = await Promise.all([
        prisma.impactRollupQueue.findFirst({ orderBy: { queuedAt: "asc" }, select: { queuedAt: true } }),
        prisma.impactRollupQueue.count(),
      ]);
      return { asOf: oldest?.queuedAt.toISOString() ?? null, pending };
    };
    await prisma.impactRollupQueue.deleteMany();
    const empty = await rollupsAsOf();
    expect(empty.pending).toBe(0);
    expect(Math.abs(Date.parse(empty.asOf) - Date.now())).toBeLessThan(5_000); // "now" when nothing waits
    await prisma.impactRollupQueue.create({ data: { entryIds: "[]", queuedAt: new Date("2026-12-02T04:05:06.789Z") } });
    await prisma.impactRollupQueue.create({ data: { entryIds: "[]", queuedAt: new Date("2026-12-01T23:59:59.001Z") } });
    await prisma.impactRollupQueue.create({ data: { entryIds: "[]", queuedAt: new Date("2026-12-03T00:00:00.000Z") } });
    const expected = await prismaAsOf();
    expect(await rollupsAsOf()).toEqual(expected);
    expect(expected).toEqual({ asOf: "2026-12-01T23:59:59.001Z", pending: 3 });
    await prisma.impactRollupQueue.deleteMany();
  });
});
