// The new-product form (/coop/products/new), shared by the browser and the action. Variants are
// flat fields v<i>_<name> (so each message lands beside its input, with and without JavaScript);
// variantCount says how many the form holds. Each variant has up to TIER_SLOTS volume prices.
import * as z from "zod";
import { businessDay } from "~/lib/china-time";
import { checkboxField, checkReference, dayField, MAX_STOCK, optionalPriceField, priceField, refSourceField, wholeNumber } from "~/models/coops/variant-fields";

export const MAX_VARIANTS = 6;
export const TIER_SLOTS = 3;

export const newVariantField = (i: number, name: string) => `v${i}_${name}`;
export const tierField = (i: number, j: number, name: "qty" | "price") => `v${i}_t${j}_${name}`;

const optionalQty = z
  .string()
  .trim()
  .refine((v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) >= 2), "起订量为 2 以上的整数，或留空")
  .transform((v) => (v === "" ? null : Number(v)));

function formFor(count: number, today: string) {
  const shape: Record<string, z.ZodType> = {};
  for (let i = 0; i < count; i++) {
    const f = (name: string) => newVariantField(i, name);
    shape[f("name")] = z.string().trim().min(1, "请填写规格名称，如 5斤装").max(20, "规格名称不超过 20 个字");
    shape[f("sku")] = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, "SKU 为 3–40 位字母、数字或 -");
    shape[f("weight")] = wholeNumber("请填写重量（克），如 2500", 100_000, 1);
    shape[f("price")] = priceField;
    shape[f("minOrder")] = wholeNumber("起订量为 1–1000 的整数", 1000, 1);
    shape[f("stock")] = wholeNumber(`请输入 0–${MAX_STOCK} 之间的整数`, MAX_STOCK);
    shape[f("lowStock")] = wholeNumber(`请输入 0–${MAX_STOCK} 之间的整数（0 表示不提醒）`, MAX_STOCK);
    shape[f("giftBox")] = checkboxField;
    shape[f("refPrice")] = optionalPriceField;
    shape[f("refSource")] = refSourceField;
    shape[f("refDate")] = dayField;
    for (let j = 0; j < TIER_SLOTS; j++) {
      shape[tierField(i, j, "qty")] = optionalQty;
      shape[tierField(i, j, "price")] = optionalPriceField;
    }
  }
  return z
    .object({
      name: z.string().trim().min(2, "请填写商品名称").max(60, "名称不超过 60 个字"),
      categoryId: z.string().min(1, "请选择品类"),
      unit: z.string().trim().min(1, "请填写计价单位，如 箱、袋、盒").max(6, "单位不超过 6 个字"),
      description: z.string().trim().min(10, "请用至少 10 个字介绍商品：产地、品种、口感、储存").max(2000, "介绍不超过 2000 个字"),
      harvestSeason: z.string().trim().min(1, "请填写产季，如 9–11 月").max(40, "产季不超过 40 个字"),
      shippingNote: z.string().trim().min(1, "请填写发货说明").max(100, "发货说明不超过 100 个字"),
      countyId: z.string().min(1, "请选择产地区县"),
      variantCount: z.string(),
      ...shape,
    })
    .superRefine((values, ctx) => {
      const v = values as Record<string, unknown>;
      const skus = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        const f = (name: string) => newVariantField(i, name);
        const sku = v[f("sku")] as string;
        if (skus.has(sku)) ctx.addIssue({ code: "custom", path: [f("sku")], message: `与第 ${skus.get(sku)! + 1} 个规格的 SKU 重复` });
        else skus.set(sku, i);
        checkReference(
          ctx,
          { price: f("refPrice"), source: f("refSource"), date: f("refDate") },
          { price: v[f("refPrice")] as number | null, source: v[f("refSource")] as string, date: v[f("refDate")] as string },
          today,
        );
        // Volume tiers: each a larger quantity at a lower price than the one before.
        let lastQty = v[f("minOrder")] as number;
        let lastPrice = v[f("price")] as number;
        for (let j = 0; j < TIER_SLOTS; j++) {
          const qty = v[tierField(i, j, "qty")] as number | null;
          const price = v[tierField(i, j, "price")] as number | null;
          if (qty === null && price === null) continue;
          if (qty === null) { ctx.addIssue({ code: "custom", path: [tierField(i, j, "qty")], message: "请填写起订量" }); continue; }
          if (price === null) { ctx.addIssue({ code: "custom", path: [tierField(i, j, "price")], message: "请填写阶梯单价" }); continue; }
          if (qty <= lastQty) ctx.addIssue({ code: "custom", path: [tierField(i, j, "qty")], message: `须大于 ${lastQty}` });
          if (typeof lastPrice === "number" && price >= lastPrice) ctx.addIssue({ code: "custom", path: [tierField(i, j, "price")], message: "阶梯价须低于上一档单价" });
          lastQty = qty;
          lastPrice = price;
        }
      }
    });
}

/**
 * One schema for any number of variants: it reads variantCount from the form, then checks the
 * fields of that many variants (so the browser can add a variant without building a new schema).
 */
export const newProductSchema = z.looseObject({ variantCount: z.string() }).transform((values, ctx) => {
  const count = Number(values.variantCount);
  if (!Number.isInteger(count) || count < 1 || count > MAX_VARIANTS) {
    ctx.addIssue({ code: "custom", path: ["variantCount"], message: `规格数量为 1–${MAX_VARIANTS} 个` });
    return z.NEVER;
  }
  const result = formFor(count, businessDay(new Date())).safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return result.data as Record<string, unknown>;
});

export interface NewVariant {
  name: string;
  sku: string;
  weightGrams: number;
  priceFen: number;
  minOrderQty: number;
  stock: number;
  lowStockThreshold: number;
  giftBox: boolean;
  refPriceFen: number | null;
  refPriceSource: string | null;
  refPriceDate: string | null;
  tiers: { minQty: number; priceFen: number }[];
}

export interface NewProduct {
  name: string;
  categoryId: string;
  unit: string;
  description: string;
  harvestSeason: string;
  shippingNote: string;
  countyId: string;
  variants: NewVariant[];
}

/** The parsed flat form as the model takes it. */
export function toNewProduct(data: Record<string, unknown>): NewProduct {
  const count = Number(data.variantCount);
  const variants: NewVariant[] = [];
  for (let i = 0; i < count; i++) {
    const f = (name: string) => data[newVariantField(i, name)];
    const refPriceFen = f("refPrice") as number | null;
    const tiers: NewVariant["tiers"] = [];
    for (let j = 0; j < TIER_SLOTS; j++) {
      const qty = data[tierField(i, j, "qty")] as number | null;
      const price = data[tierField(i, j, "price")] as number | null;
      if (qty !== null && price !== null) tiers.push({ minQty: qty, priceFen: price });
    }
    variants.push({
      name: f("name") as string,
      sku: f("sku") as string,
      weightGrams: f("weight") as number,
      priceFen: f("price") as number,
      minOrderQty: f("minOrder") as number,
      stock: f("stock") as number,
      lowStockThreshold: f("lowStock") as number,
      giftBox: f("giftBox") as boolean,
      refPriceFen,
      refPriceSource: refPriceFen === null ? null : (f("refSource") as string),
      refPriceDate: refPriceFen === null ? null : (f("refDate") as string),
      tiers,
    });
  }
  return {
    name: data.name as string,
    categoryId: data.categoryId as string,
    unit: data.unit as string,
    description: data.description as string,
    harvestSeason: data.harvestSeason as string,
    shippingNote: data.shippingNote as string,
    countyId: data.countyId as string,
    variants,
  };
}
