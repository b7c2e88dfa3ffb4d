import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { normaliseMobile } from "~/lib/phone";
import { addAddress, deleteAddress, listAddresses, setDefaultAddress, updateAddress } from "~/models/addresses/address-book.server";
import { DivisionError } from "~/models/addresses/divisions.server";
import { addToCart, findCart } from "~/models/orders/cart.server";
import { freeShippingStatus } from "~/models/orders/shipping-fee";
import * as addressBook from "~/routes/account_.addresses";
import * as checkout from "~/routes/checkout";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

const home = { recipient: "林晓雯", mobile: "+86 139 0600 1234", province: "福建", city: "厦门", district: "思明区", street: "湖滨南路 88 号" };
const parents = { recipient: "林国栋", mobile: "139-0600-9876", province: "甘肃省", city: "天水市", district: "秦安县", street: "兴国镇 12 号" };

describe("mobile numbers", () => {
  it("are normalised however they are typed", () => {
    for (const typed of ["+86 138 0013 8000", "138-0013-8000", "86 13800138000", "0086 13800138000", " 138 0013 8000 ", "+86-138-0013-8000"]) {
      expect(normaliseMobile(typed)).toBe("13800138000");
    }
    // a number that is not a mobile keeps its digits, for the schema to refuse
    expect(normaliseMobile("86 1234")).toBe("861234");
  });
});

describe("the address book", () => {
  it("stores official division names and normalised mobiles; the first address is the default", async () => {
    const user = await makeUser(prisma);
    await addAddress(user.id, home);
    const [saved] = await listAddresses(user.id);
    expect(saved).toMatchObject({ province: "福建省", city: "厦门市", district: "思明区", mobile: "13906001234", isDefault: true });
  });

  it("keeps exactly one default: a new default replaces the old, deleting the default promotes another", async () => {
    const user = await makeUser(prisma);
    const first = await addAddress(user.id, home);
    const second = await addAddress(user.id, parents);
    expect(second.isDefault).toBe(false);
    await setDefaultAddress(user.id, second.id);
    let list = await listAddresses(user.id);
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);
    expect(list[0].id).toBe(second.id); // the default comes first: checkout preselects it

    const third = await addAddress(user.id, { ...home, street: "思明南路 1 号" }, { makeDefault: true });
    list = await listAddresses(user.id);
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([third.id]);

    await deleteAddress(user.id, third.id);
    list = await listAddresses(user.id);
    expect(list).toHaveLength(2);
    expect(list.filter((a) => a.isDefault)).toHaveLength(1);
    expect([first.id, second.id]).toContain(list[0].id);
  });

  it("refuses a division that does not exist beside its field, and someone else's address is not found", async () => {
    const user = await makeUser(prisma);
    const stranger = await makeUser(prisma);
    await expect(addAddress(user.id, { ...home, district: "七里河区" })).rejects.toMatchObject({ field: "district", message: "厦门市没有“七里河区”" });
    const mine = await addAddress(user.id, home);
    await expect(updateAddress(user.id, mine.id, { ...home, city: "火星" })).rejects.toBeInstanceOf(DivisionError);
    await expect(updateAddress(stranger.id, mine.id, parents)).rejects.toMatchObject({ status: 404 });
    await expect(deleteAddress(stranger.id, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(setDefaultAddress(stranger.id, mine.id)).rejects.toMatchObject({ status: 404 });
    expect(await listAddresses(user.id)).toHaveLength(1);
  });

  it("through its page: add, edit, set default and delete; a wrong district comes back beside its field", async () => {
    const user = await makeUser(prisma);
    const cookie = await cookieFor(user.id);
    const save = (form: Record<string, string>) => responseOf(() => addressBook.action(routeArgs("/account/addresses", { cookie, form: { intent: "save", ...form } })));
    expect((await save(home)).status).toBe(302);
    const bad = await save({ ...parents, district: "思明区" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toEqual({ district: "天水市没有“思明区”" });
    expect((await save({ ...parents, makeDefault: "on" })).status).toBe(302);
    const [first, second] = await listAddresses(user.id);
    expect(first).toMatchObject({ recipient: "林国栋", isDefault: true });
    expect((await save({ ...home, id: second.id, street: "鹭江道 2 号" })).status).toBe(302);
    expect((await listAddresses(user.id)).find((a) => a.id === second.id)?.street).toBe("鹭江道 2 号");
    await responseOf(() => addressBook.action(routeArgs("/account/addresses", { cookie, form: { intent: "default", id: second.id } })));
    expect((await listAddresses(user.id))[0].id).toBe(second.id);
    await responseOf(() => addressBook.action(routeArgs("/account/addresses", { cookie, form: { intent: "delete", id: first.id } })));
    expect(await listAddresses(user.id)).toHaveLength(1);
  });
});

describe("checkout's address", () => {
  async function buyerWithCart(priceFen = 4500) {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen, stock: 10 }] });
    const buyer = await makeUser(prisma);
    const { cartId } = await findCart(new Request("http://x/"), buyer.id, { create: true });
    await addToCart(cartId, product.variants[0].id, 1);
    return { buyer, cookie: await cookieFor(buyer.id) };
  }

  it("refuses a city that is not in the province, naming the city field, and keeps what was typed", async () => {
    const { buyer, cookie } = await buyerWithCart();
    const response = await responseOf(() =>
      checkout.action(routeArgs("/checkout", { cookie, form: { addressId: "new", ...parents, city: "南宁市", clientRequestId: "req-division-1" } })),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors).toEqual({ city: "甘肃省没有“南宁市”" });
    expect(body.values.street).toBe("兴国镇 12 号");
    expect(await prisma.order.count({ where: { buyerId: buyer.id } })).toBe(0);
  });

  it("stores the official names and the normalised mobile on the order, and saves the address as the default", async () => {
    const { buyer, cookie } = await buyerWithCart();
    const response = await responseOf(() =>
      checkout.action(routeArgs("/checkout", { cookie, form: { addressId: "new", ...home, saveAddress: "on", clientRequestId: "req-division-2" } })),
    );
    expect(response.status).toBe(302);
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: buyer.id }, select: { province: true, city: true, mobile: true } });
    expect(order).toEqual({ province: "福建省", city: "厦门市", mobile: "13906001234" });
    expect((await listAddresses(buyer.id))[0]).toMatchObject({ province: "福建省", isDefault: true });
  });

  it("preselects the default address", async () => {
    const { buyer, cookie } = await buyerWithCart();
    await addAddress(buyer.id, home);
    const other = await addAddress(buyer.id, parents, { makeDefault: true });
    const page = await responseOf(() => checkout.loader(routeArgs("/checkout", { cookie })));
    const data = (await page.json()) as { addresses: { id: string; isDefault: boolean }[] };
    expect(data.addresses[0]).toMatchObject({ id: other.id, isDefault: true });
  });
});

describe("包邮", () => {
  it("says how much more buys free shipping, by the address's province", () => {
    expect(freeShippingStatus("福建省", 9480)).toMatchObject({ feeFen: 1000, missingFen: 420, remote: false });
    expect(freeShippingStatus("福建省", 9900)).toMatchObject({ feeFen: 0, missingFen: 0 });
    expect(freeShippingStatus("青海省", 9900)).toMatchObject({ feeFen: 2500, missingFen: 20000, remote: true });
    expect(freeShippingStatus(null, 5000)).toMatchObject({ missingFen: 4900, remote: false });
  });
});
