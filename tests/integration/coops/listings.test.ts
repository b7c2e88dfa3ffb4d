// A co-op manager keeps their own listings: names, prices, on/off, reference prices and stock
// (by adjustments with a reason), with the catalogue and search following at once, every change in
// the audit trail, and never another co-op's products.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { releaseStock, reserveStock } from "~/models/orders/stock.server";
import * as editPage from "~/routes/coop.products.$slug";
import * as listPage from "~/routes/coop.products._index";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as searchLoader } from "~/routes/search";
import { makeCoop, makeHousehold, makePaidOrder, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, getRequest, postRequest, responseOf } from "../../requests";

let product: Awaited<ReturnType<typeof makeProduct>>;
let mine: string;
let otherCoop: string;
let consumer: string;
let url: string;

beforeEach(async () => {
  const w = await makeWorld(prisma);
  const other = await makeCoop(prisma, { countyId: w.county.id, name: "渭源县另一家合作社" });
  product = await makeProduct(prisma, {
    countyId: w.county.id,
    coopId: w.coop.id,
    categoryId: w.category.id,
    name: "渭源马铃薯粉条",
    variants: [
      { name: "2.5kg 装", priceFen: 3990, stock: 10 },
      { name: "礼盒", priceFen: 9900, stock: 5, giftBox: true },
    ],
  });
  mine = await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id })).id);
  otherCoop = await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: other.id })).id);
  consumer = await cookieFor((await makeUser(prisma, { roles: ["consumer"] })).id);
  url = `/coop/products/${product.slug}`;
});

const [small, giftBox] = [0, 1];

/** The form as loaded, with `changes` typed over it. */
function form(changes: Record<string, string> = {}) {
  const fields: Record<string, string> = { name: product.name, description: "", harvestSeason: "全年", shippingNote: "下单后 48 小时内发货" };
  for (const v of product.variants) {
    fields[`price_${v.id}`] = (v.priceFen / 100).toFixed(2);
    fields[`active_${v.id}`] = "on";
    fields[`refPrice_${v.id}`] = "";
    fields[`refSource_${v.id}`] = "";
    fields[`refDate_${v.id}`] = "";
    fields[`lowStock_${v.id}`] = "0";
  }
  return { ...fields, ...changes };
}

const v = (i: number) => product.variants[i].id;

function save(cookie: string, fields: Record<string, string>) {
  return responseOf(() => editPage.action({ request: postRequest(url, cookie, fields), params: { slug: product.slug }, context: {} }));
}

async function searchSlugs(q: string) {
  const response = await responseOf(() => searchLoader({ request: new Request(`http://localhost/search?q=${encodeURIComponent(q)}`), params: {}, context: {} }));
  return ((await response.json()) as { hits: { product: { slug: string } }[] }).hits.map((h) => h.product.slug);
}

const variantsNow = () => prisma.variant.findMany({ where: { productId: product.id }, orderBy: { position: "asc" }, select: { priceFen: true, stock: true, active: true } });

describe("who may see and edit a listing", () => {
  it("shows a manager their own co-op's products only", async () => {
    const own = await responseOf(() => listPage.loader({ request: getRequest("/coop/products", mine), params: {}, context: {} }));
    expect(((await own.json()) as { products: { slug: string }[] }).products.map((p) => p.slug)).toEqual([product.slug]);
    const theirs = await responseOf(() => listPage.loader({ request: getRequest("/coop/products", otherCoop), params: {}, context: {} }));
    expect(((await theirs.json()) as { products: unknown[] }).products).toEqual([]);
  });

  it("gives another co-op's manager a 404 for the page and the save, and changes nothing", async () => {
    const page = await responseOf(() => editPage.loader({ request: getRequest(url, otherCoop), params: { slug: product.slug }, context: {} }));
    expect(page.status).toBe(404);
    const saved = await save(otherCoop, form({ name: "被别社改掉的名字", [`price_${v(small)}`]: "1.00" }));
    expect(saved.status).toBe(404);
    const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { name: true, minPriceFen: true } });
    expect(after).toEqual({ name: "渭源马铃薯粉条", minPriceFen: 3990 });
  });

  it("refuses consumers (403) and sends visitors to log in", async () => {
    expect((await save(consumer, form())).status).toBe(403);
    const anonymous = await responseOf(() => editPage.loader({ request: new Request(`http://localhost${url}`), params: { slug: product.slug }, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("saving a listing", () => {
  it("renames and reprices: the product page, listing price and search follow at once", async () => {
    expect(await searchSlugs("mlsft")).toContain(product.slug);
    const saved = await save(mine, form({ name: "渭源白条党参", [`price_${v(small)}`]: "35.5", [`price_${v(giftBox)}`]: "88" }));
    expect(saved.status).toBe(302);

    expect(await searchSlugs("btds")).toContain(product.slug);
    expect(await searchSlugs("baitiao dangshen")).toContain(product.slug);
    expect(await searchSlugs("mlsft")).not.toContain(product.slug);
    const page = await responseOf(() => productLoader({ request: new Request(`http://localhost/products/${product.slug}`), params: { slug: product.slug }, context: {} }));
    expect(JSON.stringify(await page.json())).toContain("渭源白条党参");
    const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { minPriceFen: true } });
    expect(after.minPriceFen).toBe(3550);
    expect((await variantsNow()).map((x) => x.priceFen)).toEqual([3550, 8800]);
  });

  it("takes a variant off sale and counts stock; the listing's stock and lowest price follow", async () => {
    const saved = await save(mine, form({ [`active_${v(small)}`]: "" }));
    expect(saved.status).toBe(302);
    expect((await save(mine, { intent: "stock", variantId: v(giftBox), reason: "COUNT", quantity: "0", stockWas: "5", note: "" })).status).toBe(302);
    expect(await variantsNow()).toEqual([
      { priceFen: 3990, stock: 10, active: false },
      { priceFen: 9900, stock: 0, active: true },
    ]);
    const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { minPriceFen: true, totalStock: true } });
    expect(after).toEqual({ minPriceFen: 9900, totalStock: 0 });
  });

  it("rejects bad input beside each field, keeps what was typed and changes nothing", async () => {
    const typed = form({ name: "x", [`price_${v(small)}`]: "abc", [`refPrice_${v(giftBox)}`]: "0", [`refSource_${v(giftBox)}`]: "京东", [`refDate_${v(giftBox)}`]: "2999-01-01" });
    const response = await save(mine, typed);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["name", `price_${v(small)}`, `refPrice_${v(giftBox)}`, `refDate_${v(giftBox)}`].sort());
    expect(body.errors[`refDate_${v(giftBox)}`]).toContain("不能晚于今天");
    expect(body.values[`price_${v(small)}`]).toBe("abc");
    expect(body.values.name).toBe("x");
    expect(await variantsNow()).toEqual([
      { priceFen: 3990, stock: 10, active: true },
      { priceFen: 9900, stock: 5, active: true },
    ]);
  });

  it("records each price, on/off and reference-price change with who and before → after", async () => {
    const saved = await save(mine, form({ [`price_${v(small)}`]: "35.5", [`active_${v(giftBox)}`]: "", [`refPrice_${v(small)}`]: "42", [`refSource_${v(small)}`]: "京东自营同规格", [`refDate_${v(small)}`]: "2026-11-20" }));
    expect(saved.status).toBe(302);
    const trail = await prisma.auditEntry.findMany({ where: { productId: product.id }, orderBy: { kind: "asc" }, select: { kind: true, variantId: true, before: true, after: true, actor: { select: { name: true } } } });
    expect(trail).toEqual([
      { kind: "LISTING", variantId: v(giftBox), before: "on", after: "off", actor: { name: "测试用户" } },
      { kind: "PRICE", variantId: v(small), before: "3990", after: "3550", actor: { name: "测试用户" } },
      { kind: "REF_PRICE", variantId: v(small), before: null, after: "4200|京东自营同规格|2026-11-20", actor: { name: "测试用户" } },
    ]);
    // the page shows the trail to the co-op
    const page = await responseOf(() => editPage.loader({ request: getRequest(url, mine), params: { slug: product.slug }, context: {} }));
    expect(((await page.json()) as { trail: unknown[] }).trail).toHaveLength(3);
  });

  it("keeps at least one variant on sale", async () => {
    const response = await save(mine, form({ [`active_${v(small)}`]: "", [`active_${v(giftBox)}`]: "" }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors[`active_${v(small)}`]).toContain("至少保留一个在售规格");
  });
});

describe("stock adjustments and orders placed while the form is open", () => {
  const orderThree = () =>
    prisma.$transaction((tx) => reserveStock(tx, [{ variantId: v(small), productId: product.id, quantity: 3 }]));
  const adjust = (fields: Record<string, string>) => save(mine, { intent: "stock", variantId: v(small), note: "", ...fields });

  it("a count (盘点) never overwrites an order: it is refused with the current figure, and a second submit goes through", async () => {
    await orderThree(); // 10 → 7 after the manager opened the form
    const response = await adjust({ reason: "COUNT", quantity: "20", stockWas: "10" });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.quantity).toContain("7");
    expect(body.values.quantity).toBe("20");
    expect(body.values.stockWas).toBe("7");
    expect((await variantsNow())[small].stock).toBe(7);

    expect((await adjust(body.values)).status).toBe(302);
    expect((await variantsNow())[small].stock).toBe(20);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).totalStock).toBe(25);
  });

  it("入库 and 退货入库 add to whatever an order left; 损耗 cannot take more than there is", async () => {
    await orderThree(); // 7 left, form still says 10
    expect((await adjust({ reason: "RECEIVED", quantity: "5", stockWas: "10" })).status).toBe(302);
    expect((await variantsNow())[small].stock).toBe(12);
    expect((await adjust({ reason: "RETURN", quantity: "1", stockWas: "12", note: "买家退回一箱，完好" })).status).toBe(302);
    const loss = await adjust({ reason: "LOSS", quantity: "14", stockWas: "13" });
    expect(loss.status).toBe(409);
    expect(((await loss.json()) as { errors: Record<string, string> }).errors.quantity).toContain("13");
    expect((await adjust({ reason: "LOSS", quantity: "2", stockWas: "13", note: "运输压坏" })).status).toBe(302);
    expect((await variantsNow())[small].stock).toBe(11);
    const history = await prisma.auditEntry.findMany({ where: { variantId: v(small), kind: "STOCK" }, orderBy: { createdAt: "asc" }, select: { before: true, after: true, delta: true, reason: true } });
    expect(history).toEqual([
      { before: "7", after: "12", delta: 5, reason: "RECEIVED" },
      { before: "12", after: "13", delta: 1, reason: "RETURN|买家退回一箱，完好" },
      { before: "13", after: "11", delta: -2, reason: "LOSS|运输压坏" },
    ]);
  });

  it("adjustments racing checkout never sell a unit twice nor lose one", async () => {
    // 10 in stock; 8 buyers want 2 each while the co-op books 6 units of loss and 5 received
    const buyers = Array.from({ length: 8 }, () =>
      prisma.$transaction((tx) => reserveStock(tx, [{ variantId: v(small), productId: product.id, quantity: 2 }])).then(() => 2, () => 0),
    );
    const coop = [
      adjust({ reason: "LOSS", quantity: "6", stockWas: "10" }).then((r) => (r.status === 302 ? -6 : 0)),
      adjust({ reason: "RECEIVED", quantity: "5", stockWas: "10" }).then((r) => (r.status === 302 ? 5 : 0)),
    ];
    const sold = (await Promise.all(buyers)).reduce((a, b) => a + b, 0);
    const moved = (await Promise.all(coop)).reduce((a: number, b) => a + b, 0);
    const stock = (await variantsNow())[small].stock;
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(stock).toBe(10 - sold + moved);
    const listed = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { totalStock: true } });
    expect(listed.totalStock).toBe(stock + 5);
  });

  it("refuses a bad quantity or reason beside the field and changes nothing", async () => {
    const response = await adjust({ reason: "RECEIVED", quantity: "0", stockWas: "10" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.quantity).toContain("至少为 1");
    expect((await adjust({ reason: "GIFT", quantity: "3", stockWas: "10" })).status).toBe(400);
    expect((await variantsNow())[small].stock).toBe(10);
  });

  it("an order cancelled after its variant went off sale gives the units back without listing them", async () => {
    await orderThree(); // small: 10 → 7
    expect((await save(mine, form({ [`active_${v(small)}`]: "" }))).status).toBe(302);
    await prisma.$transaction((tx) => releaseStock(tx, [{ variantId: v(small), productId: product.id, quantity: 3 }]));
    expect((await variantsNow())[small].stock).toBe(10);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).totalStock).toBe(5); // the gift box only
  });

  it("saving the listing leaves stock as the orders left it", async () => {
    await orderThree();
    const response = await save(mine, form({ harvestSeason: "9–11 月" }));
    expect(response.status).toBe(302);
    expect((await variantsNow())[small].stock).toBe(7);
  });
});

describe("which households a product's sales go to", () => {
  async function households() {
    const p = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { countyId: true, coopId: true } });
    const other = await prisma.user.findFirstOrThrow({ where: { roles: { some: { role: "coop_manager" } }, coopId: { not: p.coopId } }, orderBy: { createdAt: "desc" }, select: { coopId: true } });
    const a = await makeHousehold(prisma, { countyId: p.countyId, coopId: p.coopId, members: 5 });
    const b = await makeHousehold(prisma, { countyId: p.countyId, coopId: p.coopId, members: 3 });
    const foreign = await makeHousehold(prisma, { countyId: p.countyId, coopId: other.coopId! });
    return { a, b, foreign };
  }
  const shares = () => prisma.productShare.findMany({ where: { productId: product.id }, orderBy: { weight: "desc" }, select: { householdId: true, weight: true } });

  it("sets the shares of the co-op's own households; later sales follow them, earlier ones keep theirs", async () => {
    const { a, b } = await households();
    const buyer = await makeUser(prisma);
    const before = await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: v(small), quantity: 1 }] });
    expect((await save(mine, { intent: "shares", [`share_${a.id}`]: "75", [`share_${b.id}`]: "25" })).status).toBe(302);
    expect(await shares()).toEqual([{ householdId: a.id, weight: 750 }, { householdId: b.id, weight: 250 }]);

    const after = await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: v(small), quantity: 1 }] });
    const split = await prisma.attributionEntry.findMany({ where: { orderLine: { orderId: after.id }, level: "HOUSEHOLD" }, select: { householdId: true, amountFen: true } });
    expect(split).toHaveLength(2);
    expect(Object.fromEntries(split.map((e) => [e.householdId, e.amountFen]))).toEqual({ [a.id]: 2993, [b.id]: 997 }); // ¥39.90 split 3 : 1
    const earlier = await prisma.attributionEntry.count({ where: { orderLine: { orderId: before.id }, level: "HOUSEHOLD" } });
    expect(earlier).toBe(0); // paid before the shares existed: nothing moves

    expect((await save(mine, { intent: "shares", [`share_${a.id}`]: "0", [`share_${b.id}`]: "100" })).status).toBe(302);
    expect(await shares()).toEqual([{ householdId: b.id, weight: 1000 }]);
    const trail = await prisma.auditEntry.findMany({ where: { productId: product.id, kind: "SHARES" }, orderBy: { createdAt: "asc" }, select: { before: true, after: true } });
    expect(trail).toEqual([
      { before: "", after: [`${a.code}:75%`, `${b.code}:25%`].sort().join(",") },
      { before: [`${a.code}:75%`, `${b.code}:25%`].sort().join(","), after: `${b.code}:100%` },
    ]);
  });

  it("refuses another co-op's household, shares not adding up to 100 and bad numbers, and keeps what was typed", async () => {
    const { a, b, foreign } = await households();
    const stranger = await save(mine, { intent: "shares", [`share_${a.id}`]: "50", [`share_${b.id}`]: "50", [`share_${foreign.id}`]: "5" });
    expect(stranger.status).toBe(302); // a field for a household that is not ours is simply not read
    expect((await shares()).map((s) => s.householdId).sort()).toEqual([a.id, b.id].sort());

    const zero = await save(mine, { intent: "shares", [`share_${a.id}`]: "0", [`share_${b.id}`]: "0" });
    expect(zero.status).toBe(400);
    expect(((await zero.json()) as { errors: Record<string, string> }).errors.shares).toContain("至少为一户");
    const short = await save(mine, { intent: "shares", [`share_${a.id}`]: "60", [`share_${b.id}`]: "30.5" });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { errors: Record<string, string> }).errors.shares).toBe("各户比例合计须为 100%，现为 90.5%");
    const bad = await save(mine, { intent: "shares", [`share_${a.id}`]: "两", [`share_${b.id}`]: "1" });
    const body = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors[`share_${a.id}`]).toBeDefined();
    expect(body.values[`share_${a.id}`]).toBe("两");
    expect((await shares()).length).toBe(2);

    expect((await save(otherCoop, { intent: "shares", [`share_${a.id}`]: "100" })).status).toBe(404);
  });
});
