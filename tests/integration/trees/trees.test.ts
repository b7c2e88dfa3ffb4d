import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ConflictError, DomainError, ForbiddenError } from "~/lib/errors";
import { createAfterSalesRequest, requestableItems } from "~/models/after-sales/request.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { releaseExpiredReservations } from "~/models/orders/reservation-sweeper.server";
import { adoptSchema, type AdoptInput } from "~/models/trees/adoption.schema";
import { adoptTrees, myAdoptions } from "~/models/trees/adoption.server";
import { certificatePdf } from "~/models/trees/certificate-pdf.server";
import { postGrowthEntry } from "~/models/trees/growth-log.server";
import { harvestSplitSchema, shipDeliverySchema } from "~/models/trees/harvest.schema";
import { shipPreorderSchema } from "~/models/presales/preorder.schema";
import { planDeliveries, recordHarvest, redeemHarvestGift, shipDelivery } from "~/models/trees/harvest.server";
import { certificate, orchardPage } from "~/models/trees/orchard.server";
import { makeOrchard, makeOrchardSeason, makeOrganization, makeUser } from "../../factories";
import { ledgerFen, pay, pdfText, schemeWorld } from "../../support/schemes";

const DAY = 86_400_000;

async function orchardWorld(options: { rows?: number; cols?: number; season?: Partial<Parameters<typeof makeOrchardSeason>[1]> } = {}) {
  const w = await schemeWorld();
  const orchard = await makeOrchard(prisma, {
    coopId: w.coop.id, countyId: w.county.id, categoryId: w.categories.TREE, name: "秦安蜜桃园", variety: "秦安蜜桃",
    rows: options.rows ?? 2, cols: options.cols ?? 3, shareGrams: 25_000, households: w.shares,
  });
  const season = await makeOrchardSeason(prisma, { orchardId: orchard.id, year: 2027, priceFen: 29_900, orgPriceFen: 26_900, orgMinTrees: 3, ...options.season });
  return { ...w, orchard, season };
}

function form(input: Partial<AdoptInput>): AdoptInput {
  return adoptSchema.parse({ year: "2027", mode: "pick", trees: "", count: "", displayName: "王小明一家", payment: "CARD", clientRequestId: crypto.randomUUID(), ...input });
}

const adopter = (u: { id: string; organizationId?: string | null }) => ({ id: u.id, organizationId: u.organizationId ?? null });

describe("adopting trees", () => {
  it("holds the picked tree while paying; once paid the certificate stands and the ledger has the sale in its own category", async () => {
    const w = await orchardWorld();
    const buyer = await makeUser(prisma);
    const order = await adoptTrees({ adopter: adopter(buyer), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-02" }) });
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { kind: true, status: true, totalFen: true, hallId: true } });
    expect(saved).toMatchObject({ kind: "TREE", status: "PENDING_PAYMENT", totalFen: 29_900, hallId: w.hall.id });
    const page = await orchardPage(w.orchard.slug, null);
    expect(page.trees.find((t) => t.code === "A-02")?.state).toBe("taken");
    const adoption = await prisma.treeAdoption.findFirstOrThrow({ where: { orderId: order.id } });
    expect(await certificate(adoption.code)).toBeNull(); // not until paid

    expect(await pay(order.id)).toBe("paid");
    const cert = await certificate(adoption.code);
    expect(cert).toMatchObject({ displayName: "王小明一家", treeCode: "A-02", year: 2027, shareGrams: 25_000 });
    expect(await ledgerFen(order.id)).toBe(29_900);
    const entries = await prisma.attributionEntry.findMany({ where: { orderLine: { orderId: order.id } }, select: { level: true, categoryId: true, amountFen: true } });
    expect(new Set(entries.map((e) => e.categoryId))).toEqual(new Set([w.categories.TREE]));
    expect(entries.filter((e) => e.level === "HOUSEHOLD").reduce((s, e) => s + e.amountFen, 0)).toBe(29_900);
    expect((await reconcile(prisma)).ok).toBe(true);
    expect(await prisma.outboxMessage.count({ where: { subject: { contains: "已付款" }, text: { contains: "认养证书" } } })).toBeGreaterThan(0);
  });

  it("refuses a taken tree with its number beside the grid, and writes nothing", async () => {
    const w = await orchardWorld();
    const [a, b] = [await makeUser(prisma), await makeUser(prisma)];
    await adoptTrees({ adopter: adopter(a), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "B-01" }) });
    const before = await prisma.order.count();
    const error = await adoptTrees({ adopter: adopter(b), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-01,B-01" }) }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect([error.field, error.message]).toEqual(["trees", "B-01 号树已被认养，请另选"]);
    expect(await prisma.order.count()).toBe(before);
    expect((await orchardPage(w.orchard.slug, null)).trees.find((t) => t.code === "A-01")?.state).toBe("free");
  });

  it("fifty buyers racing for the last tree: exactly one adoption, the rest told it is taken", async () => {
    const w = await orchardWorld({ rows: 1, cols: 1 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => makeUser(prisma)));
    const results = await Promise.allSettled(buyers.map((b) => adoptTrees({ adopter: adopter(b), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-01" }) })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost.every((r) => r.reason instanceof ConflictError && r.reason.field === "trees")).toBe(true);
    expect(await prisma.treeAdoption.count({ where: { offer: { seasonId: w.season.id } } })).toBe(1);
    const offer = await prisma.treeOffer.findFirstOrThrow({ where: { seasonId: w.season.id }, select: { variant: { select: { stock: true } } } });
    expect(offer.variant.stock).toBe(0);
  });

  it("'any N' takes free trees in grid order and says how many are left when there are too few", async () => {
    const w = await orchardWorld();
    const buyer = await makeUser(prisma);
    await adoptTrees({ adopter: adopter(buyer), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-01" }) });
    const order = await adoptTrees({ adopter: adopter(buyer), orchardSlug: w.orchard.slug, year: 2027, form: form({ mode: "any", count: "2" }) });
    const codes = await prisma.treeAdoption.findMany({ where: { orderId: order.id }, select: { offer: { select: { tree: { select: { code: true } } } } } });
    expect(codes.map((c) => c.offer.tree.code).sort()).toEqual(["A-02", "A-03"]);
    const error = await adoptTrees({ adopter: adopter(buyer), orchardSlug: w.orchard.slug, year: 2027, form: form({ mode: "any", count: "4" }) }).catch((e) => e);
    expect([error.field, error.message]).toEqual(["count", "本季只剩 3 棵树可认养"]);
  });

  it("an organisation adopting at least orgMinTrees pays the organisation price, and may pay by bank transfer; a person may not", async () => {
    const w = await orchardWorld();
    const org = await makeOrganization(prisma, { status: "VERIFIED" });
    const member = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const now = new Date();
    const order = await adoptTrees({ adopter: adopter(member), orchardSlug: w.orchard.slug, year: 2027, form: form({ mode: "any", count: "3", payment: "BANK_TRANSFER", displayName: "天津市津南区总工会" }), now });
    const saved = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true, paymentMethod: true, paymentRef: true, reservedUntil: true, organizationId: true } });
    expect(saved).toMatchObject({ totalFen: 3 * 26_900, paymentMethod: "BANK_TRANSFER", paymentRef: `DG${order.number}`, organizationId: org.id });
    expect(saved.reservedUntil!.getTime() - now.getTime()).toBe(10 * DAY);
    // two trees are below the organisation minimum: the yearly price
    const small = await adoptTrees({ adopter: adopter(member), orchardSlug: w.orchard.slug, year: 2027, form: form({ mode: "any", count: "2" }) });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: small.id } })).totalFen).toBe(2 * 29_900);
    const person = await makeUser(prisma);
    await expect(adoptTrees({ adopter: adopter(person), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "B-03", payment: "BANK_TRANSFER" }) })).rejects.toBeInstanceOf(ForbiddenError);
    // the platform's statement shows the transfer arrived: paid through markOrderPaid
    await recordBankTransfer({ orderNumber: `DG${order.number}`, amountFen: 3 * 26_900, bankSerial: "TJ-0001", receivedOn: now, staffId: staff.id });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");
    expect((await myAdoptions(adopter(member))).filter((a) => a.paid)).toHaveLength(3);
  });

  it("an unpaid hold expires: the sweeper gives the tree back and someone else may adopt it", async () => {
    const w = await orchardWorld();
    const [a, b] = [await makeUser(prisma), await makeUser(prisma)];
    const first = await adoptTrees({ adopter: adopter(a), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-03" }) });
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect((await releaseExpiredReservations(later)).released).toBeGreaterThanOrEqual(1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("CANCELLED");
    expect((await orchardPage(w.orchard.slug, null)).trees.find((t) => t.code === "A-03")?.state).toBe("free");
    const second = await adoptTrees({ adopter: adopter(b), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-03" }) });
    expect(await pay(second.id)).toBe("paid");
    expect(await myAdoptions(adopter(a))).toHaveLength(0);
  });

  it("gives last season's adopters a renewal window for their own tree before the season opens to everyone", async () => {
    const now = new Date();
    const w = await orchardWorld({ season: { year: 2026, renewalOpensAt: new Date(now.getTime() - 300 * DAY), opensAt: new Date(now.getTime() - 290 * DAY), closesAt: new Date(now.getTime() - DAY) } });
    const next = await makeOrchardSeason(prisma, { orchardId: w.orchard.id, year: 2027, renewalOpensAt: new Date(now.getTime() - DAY), opensAt: new Date(now.getTime() + 10 * DAY), closesAt: new Date(now.getTime() + 100 * DAY) });
    const [old, other] = [await makeUser(prisma), await makeUser(prisma)];
    // last season: "old" adopted B-02 while it was open, and paid
    await prisma.orchardSeason.update({ where: { id: w.season.id }, data: { opensAt: new Date(now.getTime() - 300 * DAY), closesAt: new Date(now.getTime() + DAY) } });
    const last = await adoptTrees({ adopter: adopter(old), orchardSlug: w.orchard.slug, year: 2026, form: form({ trees: "B-02" }), now });
    await pay(last.id);
    await prisma.orchardSeason.update({ where: { id: w.season.id }, data: { closesAt: new Date(now.getTime() - DAY) } });

    const mine = (await orchardPage(w.orchard.slug, adopter(old), now)).trees.find((t) => t.code === "B-02");
    const theirs = (await orchardPage(w.orchard.slug, adopter(other), now)).trees.find((t) => t.code === "B-02");
    expect([mine?.state, theirs?.state]).toEqual(["renewable", "reserved"]);
    await expect(adoptTrees({ adopter: adopter(other), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "B-02" }), now })).rejects.toMatchObject({ field: "trees" });
    await expect(adoptTrees({ adopter: adopter(other), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-01" }), now })).rejects.toMatchObject({ field: "trees" });
    await expect(adoptTrees({ adopter: adopter(other), orchardSlug: w.orchard.slug, year: 2027, form: form({ mode: "any", count: "1" }), now })).rejects.toMatchObject({ field: "count" });
    expect((await myAdoptions(adopter(old), now))[0].renewal).toMatchObject({ year: 2027, phase: "RENEWAL" });
    const renewed = await adoptTrees({ adopter: adopter(old), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "B-02" }), now });
    expect(await pay(renewed.id)).toBe("paid");
    // once open to everyone, any free tree
    const open = new Date(next.opensAt.getTime() + DAY);
    await expect(adoptTrees({ adopter: adopter(other), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-01" }), now: open })).resolves.toMatchObject({ duplicate: false });
  });
});

describe("the harvest share", () => {
  async function paidAdoption() {
    const w = await orchardWorld();
    const buyer = await makeUser(prisma);
    const order = await adoptTrees({ adopter: adopter(buyer), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "A-01" }) });
    await pay(order.id);
    const adoption = await prisma.treeAdoption.findFirstOrThrow({ where: { orderId: order.id } });
    return { ...w, buyer, order, adoption };
  }
  const self = (i: number, kg: string, date = "2027-07-25") => ({
    [`kg_${i}`]: kg, [`date_${i}`]: date, [`to_${i}`]: "SELF", [`recipient_${i}`]: "王小明", [`mobile_${i}`]: "13912345678",
    [`province_${i}`]: "天津市", [`city_${i}`]: "天津市", [`district_${i}`]: "津南区", [`street_${i}`]: "咸水沽镇 1 号",
  });

  it("a split that does not add up to the share is refused beside the first weight", () => {
    const schema = harvestSplitSchema(25, "2027-07-20");
    const result = schema.safeParse({ ...self(0, "10"), ...self(1, "10") });
    expect(result.success).toBe(false);
    expect(result.error!.issues.find((i) => i.path[0] === "kg_0")?.message).toBe("各份合计 20 公斤，应正好是 25 公斤");
    const early = schema.safeParse({ ...self(0, "25", "2027-07-01") });
    expect(early.error!.issues[0]).toMatchObject({ path: ["date_0"], message: "不能早于预计采收期（2027-07-20）" });
  });

  it("splits across addresses and dates with a gift; the recipient gives an address; the co-op records the harvest and ships each part", async () => {
    const w = await paidAdoption();
    const parts = harvestSplitSchema(25, "2027-07-20").parse({ ...self(0, "15"), ...self(1, "5", "2027-08-01"), kg_2: "5", date_2: "2027-08-05", to_2: "GIFT" });
    const { gifts } = await planDeliveries({ adopter: adopter(w.buyer), code: w.adoption.code, parts });
    expect(gifts).toHaveLength(1);
    const redeemed = await redeemHarvestGift({ code: gifts[0].code.toLowerCase(), address: { recipient: "李阿姨", mobile: "13700001111", province: "福建省", city: "厦门市", district: "思明区", street: "中山路 8 号" } });
    expect(redeemed.packageName).toContain("5 公斤");
    await expect(redeemHarvestGift({ code: gifts[0].code, address: { recipient: "x", mobile: "13700001111", province: "福建省", city: "厦门市", district: "思明区", street: "中山路 8 号" } })).rejects.toBeInstanceOf(DomainError);
    // once a gift is redeemed, the plan is fixed
    await expect(planDeliveries({ adopter: adopter(w.buyer), code: w.adoption.code, parts })).rejects.toBeInstanceOf(ConflictError);

    const deliveries = await prisma.harvestDelivery.findMany({ where: { adoptionId: w.adoption.id }, orderBy: { deliverOn: "asc" } });
    await expect(shipDelivery({ coopId: w.coop.id, deliveryId: deliveries[0].id, courier: "顺丰速运", trackingNumber: "SF1234567890", actorId: w.manager.id })).rejects.toThrow("请先登记本季收成");
    await recordHarvest({ coopId: w.coop.id, seasonId: w.season.id, grams: 1_200_000, note: "果形端正", actorId: w.manager.id });
    // another co-op cannot ship this co-op's parcels
    const other = await schemeWorld();
    await expect(shipDelivery({ coopId: other.coop.id, deliveryId: deliveries[0].id, courier: "顺丰速运", trackingNumber: "SF1234567890", actorId: other.manager.id })).rejects.toMatchObject({ status: 404 });
    // paying split nothing into parcels: each part becomes the co-op's parcel when it ships
    expect(await prisma.parcel.count({ where: { orderId: w.order.id } })).toBe(0);
    for (const [i, d] of deliveries.entries()) {
      await shipDelivery({ coopId: w.coop.id, deliveryId: d.id, courier: "顺丰速运", trackingNumber: `SF00000000${i}`, actorId: w.manager.id });
    }
    await expect(shipDelivery({ coopId: w.coop.id, deliveryId: deliveries[0].id, courier: "顺丰速运", trackingNumber: "SF1234567890", actorId: w.manager.id })).rejects.toThrow("这份已寄出");
    const parcels = await prisma.parcel.findMany({ where: { orderId: w.order.id }, orderBy: { trackingNumber: "asc" }, include: { items: true } });
    expect(parcels.map((p) => [p.recipient, p.coopId === w.coop.id, p.status, p.courier, p.items.map((i) => i.quantity)])).toEqual([
      ["王小明", true, "SHIPPED", "顺丰速运", [1]],
      ["王小明", true, "SHIPPED", "顺丰速运", [1]],
      ["李阿姨", true, "SHIPPED", "顺丰速运", [1]],
    ]);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } })).status).toBe("SHIPPED");
    // a harvest parcel is part of the adoption: after-sales on "its" line would refund the whole tree
    const harvestLine = parcels[0].items[0].orderLineId;
    await expect(
      createAfterSalesRequest({ buyerId: w.buyer.id, parcelId: parcels[0].id, orderLineId: harvestLine, kind: "REFUND_ONLY", quantity: 1, reason: "坏果", photos: [] }),
    ).rejects.toThrow("不走售后");
    expect((await requestableItems({ parcelId: parcels[0].id, buyerId: w.buyer.id }))?.open).toBe(false);
    expect(await prisma.afterSalesRequest.count({ where: { orderId: w.order.id } })).toBe(0);
    const mine = await myAdoptions(adopter(w.buyer));
    expect(mine[0].deliveries.map((d) => d.parcel?.trackingNumber)).toEqual(["SF000000000", "SF000000001", "SF000000002"]);
  });

  it("a scheme parcel is shipped with a listed courier and a tracking number of its format, like every parcel", () => {
    const bad = (v: Record<string, string>) => Object.fromEntries((shipDeliverySchema.safeParse(v).error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(bad({ deliveryId: "d1", courier: "张三快递", trackingNumber: "SF1234567890123" }).courier).toBe("请选择快递公司");
    expect(bad({ deliveryId: "d1", courier: "顺丰", trackingNumber: "12345" }).trackingNumber).toMatch(/不是顺丰的运单号格式/);
    expect(shipDeliverySchema.parse({ deliveryId: "d1", courier: "顺丰", trackingNumber: "sf 1234 5678 9012 3" }).trackingNumber).toBe("SF1234567890123");
    expect(shipPreorderSchema.safeParse({ preorderId: "p1", courier: "顺丰", trackingNumber: "12345" }).success).toBe(false);
  });

  it("only the adopter can plan their tree's deliveries", async () => {
    const w = await paidAdoption();
    const stranger = await makeUser(prisma);
    const parts = harvestSplitSchema(25, "2027-07-20").parse(self(0, "25"));
    await expect(planDeliveries({ adopter: adopter(stranger), code: w.adoption.code, parts })).rejects.toMatchObject({ status: 404 });
  });
});

describe("the growth log and the certificate", () => {
  const PNG = Uint8Array.from(Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e90000000049454e44ae426082", "hex"));

  it("posts text with photos checked by their bytes, and shows them on the season's certificates and the PDF with the chosen name", async () => {
    const w = await orchardWorld();
    const buyer = await makeUser(prisma);
    const order = await adoptTrees({ adopter: adopter(buyer), orchardSlug: w.orchard.slug, year: 2027, form: form({ trees: "B-03", displayName: "厦门思明区张家" }) });
    await pay(order.id);
    await expect(
      postGrowthEntry({ coopId: w.coop.id, orchardSlug: w.orchard.slug, authorId: w.manager.id, entry: { stage: "BLOSSOM", seasonYear: 2027, text: "桃花开了" }, photos: [{ name: "a.png", bytes: PNG }, { name: "fake.jpg", bytes: new TextEncoder().encode("<script>alert(1)</script>xxxxxxxx") }] }),
    ).rejects.toMatchObject({ field: "photos", message: "「fake.jpg」不是 JPEG、PNG 或 WebP 图片" });
    expect(await prisma.growthLogEntry.count({ where: { orchardId: w.orchard.id } })).toBe(0);
    const other = await schemeWorld();
    await expect(postGrowthEntry({ coopId: other.coop.id, orchardSlug: w.orchard.slug, authorId: other.manager.id, entry: { stage: "BLOSSOM", seasonYear: 2027, text: "不是本社的果园" }, photos: [] })).rejects.toMatchObject({ status: 404 });
    await postGrowthEntry({ coopId: w.coop.id, orchardSlug: w.orchard.slug, authorId: w.manager.id, entry: { stage: "BLOSSOM", seasonYear: 2027, text: "四月初桃花盛开" }, photos: [{ name: "a.png", bytes: PNG }] });
    const adoption = await prisma.treeAdoption.findFirstOrThrow({ where: { orderId: order.id } });
    const cert = (await certificate(adoption.code))!;
    expect(cert.log.map((e) => [e.stage, e.text, e.photos.length])).toEqual([["BLOSSOM", "四月初桃花盛开", 1]]);
    const text = await pdfText(await certificatePdf(cert));
    expect(text).toContain("厦门思明区张家");
    expect(text).toContain("B-03");
    expect(text).toContain(adoption.code);
  });
});
