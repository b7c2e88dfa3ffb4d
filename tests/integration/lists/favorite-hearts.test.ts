// The hearts on a signed-in hall page come from one raw statement (decision 0016: it runs on every
// such page view). It must say exactly what the Prisma query it replaces said.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { addFavorite, favoriteSlugs } from "~/models/lists/favorites.server";
import { makeProduct, makeUser, makeWorld } from "../../factories";

describe("the hearts on a page of cards", () => {
  it("names the shown products the shopper saved, as the Prisma query did, once each", async () => {
    const w = await makeWorld(prisma);
    const at = { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id };
    const [a, b, c, d] = [await makeProduct(prisma, at), await makeProduct(prisma, at), await makeProduct(prisma, at), await makeProduct(prisma, at)];
    const shopper = await makeUser(prisma);
    const other = await makeUser(prisma);
    const shownSlugs = [a.slug, b.slug, c.slug];
    const shown = [a, b, c, a].map((p) => ({ id: p.id, slug: p.slug })); // a on a shelf and in the list
    const viaPrisma = async (userId: string) =>
      (await prisma.favorite.findMany({ where: { userId, product: { slug: { in: shownSlugs } } }, select: { product: { select: { slug: true } } } }))
        .map((r) => r.product.slug)
        .sort();

    expect(await favoriteSlugs(shopper.id, shown)).toEqual([]);
    await addFavorite(shopper.id, a.slug);
    await addFavorite(shopper.id, c.slug);
    await addFavorite(shopper.id, d.slug); // saved, but not on this page
    await addFavorite(other.id, b.slug); // someone else's
    const raw = await favoriteSlugs(shopper.id, shown);
    expect([...raw].sort()).toEqual([a.slug, c.slug].sort());
    expect([...raw].sort()).toEqual(await viaPrisma(shopper.id));
    expect(await favoriteSlugs(other.id, shown)).toEqual(await viaPrisma(other.id));
    expect(await favoriteSlugs(shopper.id, [])).toEqual([]);
  });
});
