// /cart's 包邮 hint reads the province of the shopper's default address with a raw statement
// (decision 0016, third pass: a Prisma read cost its compiler ≈0.7 ms of CPU a view). Held here to
// the Prisma read it replaced: the default first, then the newest; another account's never.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { defaultProvince } from "~/models/addresses/address-book.server";
import { makeUser } from "../../factories";

const viaPrisma = async (userId: string) =>
  (await prisma.address.findFirst({ where: { userId }, orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }], select: { province: true } }))?.province ?? null;

const address = (userId: string, province: string, createdAt: string, isDefault = false) =>
  prisma.address.create({
    data: { userId, province, isDefault, createdAt: new Date(createdAt), recipient: "收件人", mobile: "13800000000", city: "某市", district: "某区", street: "某路 1 号" },
  });

describe("the cart page's raw reads", () => {
  it("the default address's province is what Prisma's read returned, and only the shopper's own", async () => {
    const shopper = await makeUser(prisma);
    const other = await makeUser(prisma);
    const check = async (userId: string, expected: string | null) => {
      expect(await defaultProvince(userId)).toBe(await viaPrisma(userId));
      expect(await defaultProvince(userId)).toBe(expected);
    };
    await check(shopper.id, null);
    expect(await defaultProvince(null)).toBeNull();

    await address(other.id, "上海市", "2026-12-02T09:00:00.000Z", true); // someone else's, newer and default
    await check(shopper.id, null);
    await address(shopper.id, "福建省", "2026-11-01T00:00:00.000Z");
    await address(shopper.id, "甘肃省", "2026-11-20T00:00:00.000Z");
    await check(shopper.id, "甘肃省"); // no default: the newest
    await address(shopper.id, "广东省", "2026-10-01T00:00:00.000Z", true);
    await check(shopper.id, "广东省"); // the default, though older
    await check(other.id, "上海市");
  });
});
