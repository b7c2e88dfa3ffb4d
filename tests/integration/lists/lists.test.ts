// Issue 15 item 12: 收藏 and 足迹 are a signed-in shopper's own, kept from the product page.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { MAX_FOOTPRINTS } from "~/models/lists/footprints.server";
import { action as favoritesAction, loader as favoritesLoader } from "~/routes/favorites";
import { action as footprintsAction, loader as footprintsLoader } from "~/routes/footprints";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as qrLoader } from "~/routes/products.$slug_.qr[.svg]";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

let world: Awaited<ReturnType<typeof makeWorld>>;
let products: Awaited<ReturnType<typeof makeProduct>>[];
beforeAll(async () => {
  world = await makeWorld(prisma);
  products = [];
  for (let i = 0; i < MAX_FOOTPRINTS + 2; i++) {
    products.push(await makeProduct(prisma, { slug: `l-p${i}`, name: `渭源当归${i}号`, countyId: world.county.id, coopId: world.coop.id, categoryId: world.category.id }));
  }
});

async function shopper() {
  const user = await makeUser(prisma, { roles: ["consumer"] });
  return { user, cookie: await cookieFor(user.id) };
}
const view = (slug: string, cookie?: string) => responseOf(() => productLoader(routeArgs(`/products/${slug}`, { cookie, params: { slug } })));

describe("收藏", () => {
  it("saves and removes a product with JavaScript (an answer) and without (back to the page)", async () => {
    const { user, cookie } = await shopper();
    const json = await responseOf(() => favoritesAction(routeArgs("/favorites", { cookie, form: { intent: "add", slug: "l-p1", redirectTo: "/products/l-p1", answer: "json" } })));
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ ok: true, saved: true });
    const plain = await responseOf(() => favoritesAction(routeArgs("/favorites", { cookie, form: { intent: "add", slug: "l-p2", redirectTo: "/halls/fuzhou?county=x" } })));
    expect(plain.status).toBe(302);
    expect(plain.headers.get("Location")).toBe("/halls/fuzhou?county=x");
    // saving twice is saving once; the product page says it is saved
    await favoritesAction(routeArgs("/favorites", { cookie, form: { intent: "add", slug: "l-p1" } }));
    expect(await prisma.favorite.count({ where: { userId: user.id } })).toBe(2);
    expect(((await (await view("l-p1", cookie)).json()) as { saved: boolean }).saved).toBe(true);

    const list = (await (await responseOf(() => favoritesLoader(routeArgs("/favorites", { cookie })))).json()) as { favorites: { product: { slug: string } }[] };
    expect(list.favorites.map((f) => f.product.slug).sort()).toEqual(["l-p1", "l-p2"]);

    await favoritesAction(routeArgs("/favorites", { cookie, form: { intent: "remove", slug: "l-p1", redirectTo: "/favorites" } }));
    expect(await prisma.favorite.findMany({ where: { userId: user.id }, select: { product: { select: { slug: true } } } })).toEqual([{ product: { slug: "l-p2" } }]);
  });

  it("refuses a product not on sale, a foreign redirect and anonymous visitors", async () => {
    const { cookie } = await shopper();
    const missing = await responseOf(() => favoritesAction(routeArgs("/favorites", { cookie, form: { intent: "add", slug: "no-such-product", answer: "json" } })));
    expect(missing.status).toBe(404);
    const away = await responseOf(() => favoritesAction(routeArgs("/favorites", { cookie, form: { intent: "add", slug: "l-p3", redirectTo: "//evil.example/x" } })));
    expect(away.headers.get("Location")).toBe("/favorites");
    const anonymous = await responseOf(() => favoritesAction(routeArgs("/favorites", { form: { intent: "add", slug: "l-p3" } })));
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("is one shopper's own", async () => {
    const a = await shopper();
    const b = await shopper();
    await favoritesAction(routeArgs("/favorites", { cookie: a.cookie, form: { intent: "add", slug: "l-p4" } }));
    const list = (await (await responseOf(() => favoritesLoader(routeArgs("/favorites", { cookie: b.cookie })))).json()) as { favorites: unknown[] };
    expect(list.favorites).toEqual([]);
    // b removing a's product removes nothing of a's
    await favoritesAction(routeArgs("/favorites", { cookie: b.cookie, form: { intent: "remove", slug: "l-p4" } }));
    expect(await prisma.favorite.count({ where: { userId: a.user.id } })).toBe(1);
  });
});

describe("足迹", () => {
  it("records each product viewed, newest first, once per product, at most MAX_FOOTPRINTS", async () => {
    const { user, cookie } = await shopper();
    for (const p of products) await view(p.slug, cookie);
    await view("l-p5", cookie); // seen again: back on top, not twice
    const list = (await (await responseOf(() => footprintsLoader(routeArgs("/footprints", { cookie })))).json()) as { footprints: { product: { slug: string } }[] };
    expect(list.footprints).toHaveLength(MAX_FOOTPRINTS);
    expect(list.footprints[0].product.slug).toBe("l-p5");
    expect(await prisma.productView.count({ where: { userId: user.id } })).toBe(MAX_FOOTPRINTS);
    // the oldest views fell off
    expect(list.footprints.map((f) => f.product.slug)).not.toContain("l-p0");
  });

  it("records nothing for anonymous visitors, and the shopper can remove one or clear them all", async () => {
    const before = await prisma.productView.count();
    await view("l-p6");
    expect(await prisma.productView.count()).toBe(before);

    const { user, cookie } = await shopper();
    await view("l-p6", cookie);
    await view("l-p7", cookie);
    await footprintsAction(routeArgs("/footprints", { cookie, form: { intent: "remove", slug: "l-p6" } }));
    expect(await prisma.productView.findMany({ where: { userId: user.id }, select: { product: { select: { slug: true } } } })).toEqual([{ product: { slug: "l-p7" } }]);
    const cleared = await responseOf(() => footprintsAction(routeArgs("/footprints", { cookie, form: { intent: "clear" } })));
    expect(cleared.status).toBe(302);
    expect(await prisma.productView.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("分享", () => {
  it("serves a QR code of the product's address, and 404 for a product not on sale", async () => {
    const ok = await responseOf(() => qrLoader(routeArgs("/products/l-p1/qr.svg", { params: { slug: "l-p1" } })));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(await ok.text()).toContain("<svg");
    const missing = await responseOf(() => qrLoader(routeArgs("/products/nope/qr.svg", { params: { slug: "nope" } })));
    expect(missing.status).toBe(404);
  });
});
