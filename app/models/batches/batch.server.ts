import crypto from "node:crypto";
import { prisma } from "~/db.server";
import { ConflictError, NotFoundError, isUniqueViolation } from "~/lib/errors";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import type { BatchInput } from "~/models/batches/batch.schema";

// Batches (批次): one harvest or production run of a co-op's product, with the households who
// supplied it (their shares of the units sold from it), its 承诺达标合格证 or test report, and the
// stock received into it. Every read and write is scoped by the co-op: another co-op's batch is
// "not found", like a missing one.

export class BatchNotFound extends NotFoundError {
  constructor() {
    super("没有这个批次，或它不属于本社");
  }
}

// Crockford's base 32 without I, L, O, U: easy to read off a label and to type.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A public trace code: 10 characters, about 50 bits, so codes cannot be guessed in order. */
/** What a batch says about itself: shown to its co-op, and (never a household) on the public trace. */
export const BATCH_FACTS = { code: true, producedOn: true, quantity: true, quantityUnit: true, certKind: true, certNumber: true } as const;

export function newTraceCode() {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join("");
}

export function normaliseTraceCode(code: string) {
  const c = code.trim().toUpperCase();
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(c) ? c : null;
}

/** What the batch form chooses from: the co-op's products (with variants) and its households. */
export async function batchFormChoices(coopId: string) {
  const [products, households] = await Promise.all([
    prisma.product.findMany({
      where: { coopId, status: { not: "ARCHIVED" } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, unit: true, shares: { select: { householdId: true } } },
    }),
    prisma.coopHousehold.findMany({
      where: { coopId },
      orderBy: { household: { code: "asc" } },
      select: { household: { select: { id: true, code: true, township: true, village: true, members: true } } },
    }),
  ]);
  return { products: products.map((p) => ({ id: p.id, name: p.name, unit: p.unit, householdIds: p.shares.map((s) => s.householdId) })), households: households.map((h) => h.household) };
}

/** Records a batch; its product and every household must be the co-op's own. */
export async function createBatch(coopId: string, actorId: string, input: BatchInput, certScan: string | null) {
  const [product, own] = await Promise.all([
    prisma.product.findFirst({ where: { id: input.productId, coopId }, select: { id: true } }),
    prisma.coopHousehold.count({ where: { coopId, householdId: { in: input.shares.map((s) => s.householdId) } } }),
  ]);
  if (!product) throw new NotFoundError("没有这个商品，或它不属于本社", "productId");
  if (own !== input.shares.length) throw new NotFoundError("有农户不在本社登记名单中", "shares");
  if (input.shares.reduce((s, x) => s + x.percent, 0) !== 100) throw new ConflictError("各户比例合计应为 100%", "shares");
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.batch.create({
        data: {
          code: newTraceCode(),
          productId: product.id,
          coopId,
          producedOn: input.producedOn,
          quantity: input.quantity,
          quantityUnit: input.quantityUnit,
          certKind: input.certKind,
          certNumber: input.certNumber,
          certScan,
          note: input.note,
          createdById: actorId,
          shares: { create: input.shares },
        },
        select: { id: true, code: true },
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export async function listBatches(coopId: string) {
  const batches = await prisma.batch.findMany({
    where: { coopId },
    orderBy: [{ producedOn: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      ...BATCH_FACTS,
      product: { select: { name: true } },
      stocks: { select: { received: true, remaining: true } },
      _count: { select: { shares: true } },
    },
  });
  return batches.map((b) => ({
    ...b,
    received: b.stocks.reduce((s, x) => s + x.received, 0),
    remaining: b.stocks.reduce((s, x) => s + x.remaining, 0),
  }));
}

/** One of the co-op's batches, with what it holds per variant and the lines that took units from it. */
export async function coopBatch(coopId: string, code: string) {
  const normal = normaliseTraceCode(code);
  if (!normal) return null;
  return prisma.batch.findFirst({
    where: { code: normal, coopId },
    select: {
      id: true,
      ...BATCH_FACTS,
      certScan: true,
      note: true,
      createdAt: true,
      product: { select: { id: true, name: true, slug: true, variants: { where: { active: true }, orderBy: { position: "asc" }, select: { id: true, sku: true, name: true, stock: true } } } },
      shares: { orderBy: { percent: "desc" }, select: { percent: true, household: { select: { code: true, township: true, village: true, members: true } } } },
      stocks: { select: { variantId: true, received: true, remaining: true, receivedAt: true, variant: { select: { name: true, sku: true } } } },
      allocations: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: { quantity: true, createdAt: true, orderLine: { select: { variantName: true, order: { select: { number: true } } } } },
      },
    },
  });
}
export type CoopBatch = NonNullable<Awaited<ReturnType<typeof coopBatch>>>;

/**
 * Stock received into a batch (入库): the variant's stock and the batch's units rise together, in one
 * transaction. Stock goes up by an increment, so an order taking units meanwhile is never overwritten.
 */
export async function receiveIntoBatch(coopId: string, code: string, input: { variantId: string; quantity: number }) {
  return prisma.$transaction(async (tx) => {
    const batch = await tx.batch.findFirst({ where: { code, coopId }, select: { id: true, productId: true } });
    if (!batch) throw new BatchNotFound();
    const variant = await tx.variant.findFirst({ where: { id: input.variantId, productId: batch.productId }, select: { id: true } });
    if (!variant) throw new NotFoundError("这个规格不属于本批次的商品", "variantId");
    await tx.variant.update({ where: { id: variant.id }, data: { stock: { increment: input.quantity } } });
    await tx.batchStock.upsert({
      where: { batchId_variantId: { batchId: batch.id, variantId: variant.id } },
      create: { batchId: batch.id, variantId: variant.id, received: input.quantity, remaining: input.quantity },
      update: { received: { increment: input.quantity }, remaining: { increment: input.quantity } },
    });
    await refreshProductDerived(tx, batch.productId);
  });
}

/** The stored scan of a batch's certificate, for its co-op's managers and staff only. */
export async function batchScanFor(code: string, viewer: { staff: boolean; coopId: string | null }) {
  const normal = normaliseTraceCode(code);
  if (!normal) return null;
  const batch = await prisma.batch.findUnique({ where: { code: normal }, select: { certScan: true, coopId: true } });
  if (!batch?.certScan || !(viewer.staff || viewer.coopId === batch.coopId)) return null;
  return batch.certScan;
}
