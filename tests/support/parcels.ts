// A small shop for the parcel, after-sales and settlement tests: three co-ops with one product
// each, their managers, a buyer and staff.
import { prisma } from "~/db.server";
import { makeCoop, makeProduct, makeUser, makeWorld } from "../factories";

export const ADDRESS = { recipient: "王芳", mobile: "13800138000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五四路 1 号" };

export async function threeCoops(options: { prices?: number[]; stock?: number } = {}) {
  const w = await makeWorld(prisma);
  const coops = [w.coop, await makeCoop(prisma, { countyId: w.county.id }), await makeCoop(prisma, { countyId: w.county.id })];
  const prices = options.prices ?? [3333, 5000, 8800];
  const products = [];
  for (const [i, coop] of coops.entries()) {
    products.push(await makeProduct(prisma, { countyId: w.county.id, coopId: coop.id, categoryId: w.category.id, variants: [{ priceFen: prices[i], stock: options.stock ?? 100, giftBox: true }] }));
  }
  const managers = [];
  for (const coop of coops) managers.push(await makeUser(prisma, { roles: ["coop_manager"], coopId: coop.id }));
  const buyer = await makeUser(prisma);
  const staff = await makeUser(prisma, { roles: ["staff"] });
  return { world: w, coops, products, variants: products.map((p) => p.variants[0]), managers, buyer, staff };
}
