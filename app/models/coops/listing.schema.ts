// The co-op's listing form (/coop/products/<slug>), shared by the browser and the action. Variant
// fields are flat (price_<id>, refPrice_<id>, …) so each message lands beside its own input. Stock
// is not here: it moves only through an adjustment with a reason (stock.schema.ts).
import * as z from "zod";
import { checkboxField, checkReference, dayField, MAX_STOCK, optionalPriceField, priceField, refSourceField, wholeNumber } from "~/models/coops/variant-fields";

export const variantField = {
  price: (id: string) => `price_${id}`,
  active: (id: string) => `active_${id}`,
  refPrice: (id: string) => `refPrice_${id}`,
  refSource: (id: string) => `refSource_${id}`,
  refDate: (id: string) => `refDate_${id}`,
  lowStock: (id: string) => `lowStock_${id}`,
};

export function listingSchema(variantIds: string[]) {
  const variantShape: Record<string, z.ZodType> = {};
  for (const id of variantIds) {
    variantShape[variantField.price(id)] = priceField;
    variantShape[variantField.active(id)] = checkboxField;
    variantShape[variantField.refPrice(id)] = optionalPriceField;
    variantShape[variantField.refSource(id)] = refSourceField;
    variantShape[variantField.refDate(id)] = dayField;
    variantShape[variantField.lowStock(id)] = wholeNumber(`请输入 0–${MAX_STOCK} 之间的整数（0 表示不提醒）`, MAX_STOCK);
  }
  return z
    .object({
      name: z.string().trim().min(2, "请填写商品名称").max(60, "名称不超过 60 个字"),
      description: z.string().trim().max(2000, "介绍不超过 2000 个字"),
      harvestSeason: z.string().trim().min(1, "请填写产季，如 9–11 月").max(40, "产季不超过 40 个字"),
      shippingNote: z.string().trim().min(1, "请填写发货说明").max(100, "发货说明不超过 100 个字"),
      ...variantShape,
    })
    .superRefine((values, ctx) => {
      const record = values as Record<string, unknown>;
      if (variantIds.length > 0 && !variantIds.some((id) => record[variantField.active(id)] === true)) {
        ctx.addIssue({ code: "custom", path: [variantField.active(variantIds[0])], message: "至少保留一个在售规格；整件商品请用「下架」" });
      }
      for (const id of variantIds) {
        checkReference(
          ctx,
          { price: variantField.refPrice(id), source: variantField.refSource(id), date: variantField.refDate(id) },
          { price: record[variantField.refPrice(id)] as number | null, source: record[variantField.refSource(id)] as string, date: record[variantField.refDate(id)] as string },
        );
      }
    });
}

export interface VariantEdit {
  id: string;
  priceFen: number;
  active: boolean;
  refPriceFen: number | null;
  refPriceSource: string | null;
  refPriceDate: string | null;
  lowStockThreshold: number;
}

export interface ListingInput {
  name: string;
  description: string;
  harvestSeason: string;
  shippingNote: string;
  variants: VariantEdit[];
}

/** The parsed flat form as the model takes it. */
export function toListingInput(data: Record<string, unknown>, variantIds: string[]): ListingInput {
  return {
    name: data.name as string,
    description: data.description as string,
    harvestSeason: data.harvestSeason as string,
    shippingNote: data.shippingNote as string,
    variants: variantIds.map((id) => {
      const refPriceFen = data[variantField.refPrice(id)] as number | null;
      return {
        id,
        priceFen: data[variantField.price(id)] as number,
        active: data[variantField.active(id)] as boolean,
        refPriceFen,
        refPriceSource: refPriceFen === null ? null : (data[variantField.refSource(id)] as string),
        refPriceDate: refPriceFen === null ? null : (data[variantField.refDate(id)] as string),
        lowStockThreshold: data[variantField.lowStock(id)] as number,
      };
    }),
  };
}

/**
 * Household shares as percentages (share_<householdId>, one decimal at most) that must add up to
 * 100. They are stored as weights in tenths of a percent, so 37.5 % is 375 and the ledger splits by
 * them exactly as before.
 */
export const shareField = (householdId: string) => `share_${householdId}`;

const percentField = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d)?$/, "请填写 0–100 的数，最多一位小数")
  .transform((v) => Math.round(Number(v) * 10))
  .refine((tenths) => tenths <= 1000, "请填写 0–100 的数，最多一位小数");

export function sharesSchema(householdIds: string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of householdIds) shape[shareField(id)] = percentField;
  return z.object(shape).superRefine((values, ctx) => {
    const record = values as Record<string, number>;
    if (householdIds.length === 0) return;
    const total = householdIds.reduce((sum, id) => sum + (record[shareField(id)] ?? 0), 0);
    if (total === 0) ctx.addIssue({ code: "custom", path: ["shares"], message: "至少为一户填写大于 0 的比例" });
    else if (total !== 1000) ctx.addIssue({ code: "custom", path: ["shares"], message: `各户比例合计须为 100%，现为 ${(total / 10).toFixed(1)}%` });
  });
}

/** Weights as percentages to one decimal that add up to exactly 100 (largest remainder). */
export function weightsToPercents(weights: number[]): string[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => "0");
  const exact = weights.map((w) => (w * 1000) / total);
  const floors = exact.map(Math.floor);
  let left = 1000 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors.map((t) => (t % 10 === 0 ? String(t / 10) : (t / 10).toFixed(1)));
}
