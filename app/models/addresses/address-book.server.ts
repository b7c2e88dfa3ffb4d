import { prisma, raw, type Tx } from "~/db.server";
import { DomainError, NotFoundError } from "~/lib/errors";
import { normaliseMobile } from "~/lib/phone";
import { addressSelect, type AddressInput } from "~/models/addresses/address.schema";
import { officialAddress } from "~/models/addresses/divisions.server";

// A shopper's address book: the addresses checkout offers, one of them the default (preselected).
// Every address is checked against the administrative divisions and stored with their official
// names; every read and write is scoped by the owner, so a foreign id is the same 404 as a missing one.

/** Enough for a family and a few offices; a longer list is a sign of something else. */
export const MAX_ADDRESSES = 20;

const NOT_FOUND = "没有这个收货地址";

/** The account's addresses, the default first, then the newest. */
export async function listAddresses(userId: string) {
  return prisma.address.findMany({
    where: { userId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
    select: { id: true, ...addressSelect, isDefault: true },
  });
}

/** The province of the account's default address (the cart's 包邮 hint), or null. */
export async function defaultProvince(userId: string | null) {
  if (!userId) return null;
  // Raw: /cart reads it on every view, and Prisma's compiler cost ≈0.7 ms a query (decision 0016,
  // third pass); tests/integration/addresses/cart-page-reads.test.ts holds it to the Prisma read.
  const [address] = await raw(prisma).query<{ province: string }>(
    `SELECT "province" FROM "Address" WHERE "userId" = ? ORDER BY "isDefault" DESC, "createdAt" DESC LIMIT 1`,
    userId,
  );
  return address?.province ?? null;
}

/** One of the account's addresses, or null (someone else's id is simply not found). */
export async function findAddress(userId: string, id: string) {
  return prisma.address.findFirst({ where: { id, userId }, select: { id: true, ...addressSelect, isDefault: true } });
}

/**
 * Adds an address (official division names). The first address becomes the default, and so does
 * one added with `makeDefault`.
 */
export async function addAddress(userId: string, input: AddressInput, options: { makeDefault?: boolean } = {}) {
  const fields = officialAddress(pick(input));
  return prisma.$transaction(async (tx) => {
    const count = await tx.address.count({ where: { userId } });
    if (count >= MAX_ADDRESSES) throw new DomainError(`最多保存 ${MAX_ADDRESSES} 个收货地址，请先删除不用的`);
    const hasDefault = count > 0 && (await tx.address.count({ where: { userId, isDefault: true } })) > 0;
    const isDefault = Boolean(options.makeDefault) || !hasDefault;
    if (isDefault) await tx.address.updateMany({ where: { userId, isDefault: true }, data: { isDefault: false } });
    return tx.address.create({ data: { ...fields, userId, isDefault }, select: { id: true, isDefault: true } });
  });
}

export async function updateAddress(userId: string, id: string, input: AddressInput, options: { makeDefault?: boolean } = {}) {
  const fields = officialAddress(pick(input));
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.address.updateMany({ where: { id, userId }, data: fields });
    if (count === 0) throw new NotFoundError(NOT_FOUND);
    if (options.makeDefault) await makeDefault(tx, userId, id);
  });
}

/** Deletes an address; when it was the default, the newest remaining one takes its place. */
export async function deleteAddress(userId: string, id: string) {
  await prisma.$transaction(async (tx) => {
    const address = await tx.address.findFirst({ where: { id, userId }, select: { isDefault: true } });
    if (!address) throw new NotFoundError(NOT_FOUND);
    await tx.address.delete({ where: { id } });
    if (!address.isDefault) return;
    const next = await tx.address.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true } });
    if (next) await tx.address.update({ where: { id: next.id }, data: { isDefault: true } });
  });
}

export async function setDefaultAddress(userId: string, id: string) {
  await prisma.$transaction(async (tx) => {
    if (!(await tx.address.findFirst({ where: { id, userId }, select: { id: true } }))) throw new NotFoundError(NOT_FOUND);
    await makeDefault(tx, userId, id);
  });
}

// One default at most: the others are cleared in the same transaction.
async function makeDefault(tx: Tx, userId: string, id: string) {
  await tx.address.updateMany({ where: { userId, isDefault: true, NOT: { id } }, data: { isDefault: false } });
  await tx.address.updateMany({ where: { id, userId }, data: { isDefault: true } });
}

// Only the address's own fields reach the row (a parsed form may carry an intent or a checkbox),
// the mobile in its one stored form whoever calls.
function pick(input: AddressInput): AddressInput {
  const { recipient, mobile, province, city, district, street } = input;
  return { recipient, mobile: normaliseMobile(mobile), province, city, district, street };
}
