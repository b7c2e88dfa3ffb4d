// A co-op manager keeps their own listings: names, prices, on/off and stock, with the catalogue
// and search following at once, and never another co-op's products.
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
    fields[`stock_${v.id}`] = String(v.stock);
    fields[`stockWas_${v.id}`] = String(v.stock);
    fields[`active_${v.id}`] = "on";
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

  it("takes a variant off sale and sets stock; the listing's stock and lowest price follow", async () => {
    const saved = await save(mine, form({ [`active_${v(small)}`]: "", [`stock_${v(giftBox)}`]: "0" }));
    expect(saved.status).toBe(302);
    expect(await variantsNow()).toEqual([
      { priceFen: 3990, stock: 10, active: false },
      { priceFen: 9900, stock: 0, active: true },
    ]);
    const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { minPriceFen: true, totalStock: true } });
    expect(after).toEqual({ minPriceFen: 9900, totalStock: 0 });
  });

  it("rejects bad input beside each field, keeps what was typed and changes nothing", async () => {
    const typed = form({ name: "x", [`price_${v(small)}`]: "abc", [`stock_${v(giftBox)}`]: "-1" });
    const response = await save(mine, typed);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["name", `price_${v(small)}`, `stock_${v(giftBox)}`].sort());
    expect(body.values[`price_${v(small)}`]).toBe("abc");
    expect(body.values.name).toBe("x");
    expect(await variantsNow()).toEqual([
      { priceFen: 3990, stock: 10, active: true },
      { priceFen: 9900, stock: 5, active: true },
    ]);
  });

  it("keeps at least one variant on sale", async () => {
    const response = await save(mine, form({ [`active_${v(small)}`]: "", [`active_${v(giftBox)}`]: "" }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors[`active_${v(small)}`]).toContain("至少保留一个在售规格");
  });
});

describe("stock and orders placed while the form is open", () => {
  const orderThree = () =>
    prisma.$transaction((tx) => reserveStock(tx, [{ variantId: v(small), productId: product.id, quantity: 3 }]));

  it("does not overwrite an order: a changed stock is refused with the current figure, and nothing is saved", async () => {
    await orderThree(); // 10 → 7 after the manager opened the form
    const typed = form({ [`stock_${v(small)}`]: "20", [`price_${v(small)}`]: "30" });
    const response = await save(mine, typed);
    expect(response.status).toBe(409);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors[`stock_${v(small)}`]).toContain("7");
    expect(body.values[`stock_${v(small)}`]).toBe("20");
    expect(body.values[`stockWas_${v(small)}`]).toBe("7");
    expect((await variantsNow())[small]).toEqual({ priceFen: 3990, stock: 7, active: true });

    const again = await save(mine, body.values);
    expect(again.status).toBe(302);
    expect((await variantsNow())[small]).toEqual({ priceFen: 3000, stock: 20, active: true });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).totalStock).toBe(25);
  });

  it("an order cancelled after its variant went off sale gives the units back without listing them", async () => {
    await orderThree(); // small: 10 → 7
    expect((await save(mine, form({ [`active_${v(small)}`]: "", [`stock_${v(small)}`]: "7", [`stockWas_${v(small)}`]: "7" }))).status).toBe(302);
    await prisma.$transaction((tx) => releaseStock(tx, [{ variantId: v(small), productId: product.id, quantity: 3 }]));
    expect((await variantsNow())[small].stock).toBe(10);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).totalStock).toBe(5); // the gift box only
  });

  it("leaves a stock the manager did not touch as the orders left it", async () => {
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
    expect((await save(mine, { intent: "shares", [`share_${a.id}`]: "3", [`share_${b.id}`]: "1" })).status).toBe(302);
    expect(await shares()).toEqual([{ householdId: a.id, weight: 3 }, { householdId: b.id, weight: 1 }]);

    const after = await makePaidOrder(prisma, { buyerId: buyer.id, lines: [{ variantId: v(small), quantity: 1 }] });
    const split = await prisma.attributionEntry.findMany({ where: { orderLine: { orderId: after.id }, level: "HOUSEHOLD" }, select: { householdId: true, amountFen: true } });
    expect(split).toHaveLength(2);
    expect(Object.fromEntries(split.map((e) => [e.householdId, e.amountFen]))).toEqual({ [a.id]: 2993, [b.id]: 997 }); // ¥39.90 split 3 : 1
    const earlier = await prisma.attributionEntry.count({ where: { orderLine: { orderId: before.id }, level: "HOUSEHOLD" } });
    expect(earlier).toBe(0); // paid before the shares existed: nothing moves

    expect((await save(mine, { intent: "shares", [`share_${a.id}`]: "0", [`share_${b.id}`]: "2" })).status).toBe(302);
    expect(await shares()).toEqual([{ householdId: b.id, weight: 2 }]);
  });

  it("refuses another co-op's household, all zeros and bad numbers, and keeps what was typed", async () => {
    const { a, b, foreign } = await households();
    const stranger = await save(mine, { intent: "shares", [`share_${a.id}`]: "1", [`share_${b.id}`]: "1", [`share_${foreign.id}`]: "5" });
    expect(stranger.status).toBe(302); // a field for a household that is not ours is simply not read
    expect((await shares()).map((s) => s.householdId).sort()).toEqual([a.id, b.id].sort());

    const zero = await save(mine, { intent: "shares", [`share_${a.id}`]: "0", [`share_${b.id}`]: "0" });
    expect(zero.status).toBe(400);
    expect(((await zero.json()) as { errors: Record<string, string> }).errors.shares).toContain("至少为一户");
    const bad = await save(mine, { intent: "shares", [`share_${a.id}`]: "两", [`share_${b.id}`]: "1" });
    const body = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors[`share_${a.id}`]).toBeDefined();
    expect(body.values[`share_${a.id}`]).toBe("两");
    expect((await shares()).length).toBe(2);

    expect((await save(otherCoop, { intent: "shares", [`share_${a.id}`]: "9" })).status).toBe(404);
  });
});
