// A co-op creates a product: it starts as a draft, not on sale anywhere, until its certificate is
// submitted and staff certify it (lifecycle.server.ts). Everything is written in one transaction,
// with the first prices, stock and reference prices in the audit trail.
import crypto from "node:crypto";
import { prisma } from "~/db.server";
import { DomainError, isUniqueViolation } from "~/lib/errors";
import { recordAudit, type AuditInput } from "~/models/audit/trail.server";
import { toPinyin } from "~/models/catalog/pinyin";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { newVariantField, type NewProduct } from "~/models/coops/new-product.schema";

function productSlug(name: string) {
  const base = toPinyin(name).spaced.replace(/[^a-z0-9 ]/g, "").trim().split(/\s+/).slice(0, 6).join("-") || "product";
  return `${base.slice(0, 40)}-${crypto.randomBytes(3).toString("hex")}`;
}

export async function createProduct(coopId: string, input: NewProduct, actorId: string) {
  const [category, county, taken] = await Promise.all([
    prisma.category.findUnique({ where: { id: input.categoryId }, select: { id: true } }),
    prisma.county.findUnique({ where: { id: input.countyId }, select: { id: true } }),
    prisma.variant.findMany({ where: { sku: { in: input.variants.map((v) => v.sku) } }, select: { sku: true } }),
  ]);
  if (!category) throw new DomainError("请选择品类", { field: "categoryId" });
  if (!county) throw new DomainError("请选择产地区县", { field: "countyId" });
  const clash = input.variants.findIndex((v) => taken.some((t) => t.sku === v.sku));
  if (clash >= 0) throw new DomainError("这个 SKU 已被使用，请换一个", { field: newVariantField(clash, "sku") });

  try {
    return await prisma.$transaction(async (tx) => {
      const product = await tx.product.create({
        data: {
          slug: productSlug(input.name),
          name: input.name,
          description: input.description,
          unit: input.unit,
          harvestSeason: input.harvestSeason,
          shippingNote: input.shippingNote,
          categoryId: category.id,
          countyId: county.id,
          coopId,
          status: "DRAFT",
          certStatus: "NONE",
          certNumber: null,
        },
        select: { id: true, slug: true },
      });
      const audit: AuditInput[] = [{ kind: "LISTING", actorId, coopId, productId: product.id, before: null, after: "DRAFT" }];
      for (const [position, v] of input.variants.entries()) {
        const variant = await tx.variant.create({
          data: {
            productId: product.id,
            sku: v.sku,
            name: v.name,
            weightGrams: v.weightGrams,
            priceFen: v.priceFen,
            stock: v.stock,
            giftBox: v.giftBox,
            minOrderQty: v.minOrderQty,
            position,
            refPriceFen: v.refPriceFen,
            refPriceSource: v.refPriceSource,
            refPriceDate: v.refPriceDate,
            lowStockThreshold: v.lowStockThreshold,
            tiers: { create: v.tiers },
          },
          select: { id: true },
        });
        const base = { actorId, coopId, productId: product.id, variantId: variant.id, subject: v.name };
        audit.push(
          { ...base, kind: "PRICE", before: null, after: v.priceFen },
          { ...base, kind: "STOCK", before: null, after: v.stock, delta: v.stock, reason: "RECEIVED|新建商品" },
          { ...base, kind: "REF_PRICE", before: null, after: v.refPriceFen === null ? null : `${v.refPriceFen}|${v.refPriceSource}|${v.refPriceDate}` },
        );
      }
      await recordAudit(tx, audit);
      await refreshProductDerived(tx, product.id);
      return product;
    });
  } catch (error) {
    // a SKU taken between the check and the write
    if (isUniqueViolation(error)) throw new DomainError("SKU 已被使用，请换一个", { field: newVariantField(0, "sku") });
    throw error;
  }
}

/** What the form offers: categories, counties (the co-op's first), the co-op's own county. */
export async function newProductChoices(coopId: string) {
  const [coop, categories] = await Promise.all([
    prisma.coop.findUniqueOrThrow({ where: { id: coopId }, select: { countyId: true, status: true, county: { select: { prefectureId: true } } } }),
    prisma.category.findMany({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { id: true, name: true } }),
  ]);
  return { coopCountyId: coop.countyId, coopStatus: coop.status, categories };
}
