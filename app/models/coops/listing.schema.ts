// The co-op's listing form (/coop/products/<slug>), shared by the browser and the action. Variant
// fields are flat (price_<id>, stock_<id>, …) so each message lands beside its own input.
import { z } from "zod";
import { wholeNumberField } from "~/lib/form-fields";
import { parseYuan } from "~/lib/money";

const MAX_PRICE_FEN = 10_000_000; // ¥100,000 a unit: anything above is a typing slip
const MAX_STOCK = 1_000_000;

export const variantField = {
  price: (id: string) => `price_${id}`,
  stock: (id: string) => `stock_${id}`,
  /** The stock the form was loaded with: the change is applied only if no order moved it since. */
  stockWas: (id: string) => `stockWas_${id}`,
  active: (id: string) => `active_${id}`,
};

const wholeNumber = (message: string, max: number) => wholeNumberField({ invalid: message }, { max });

export function listingSchema(variantIds: string[]) {
  const variantShape: Record<string, z.ZodType> = {};
  for (const id of variantIds) {
    variantShape[variantField.price(id)] = z
      .string()
      .trim()
      .refine((v) => {
        const fen = parseYuan(v);
        return fen !== null && fen > 0 && fen <= MAX_PRICE_FEN;
      }, "请输入单价（元），如 39.90，且不超过 100000 元")
      .transform((v) => parseYuan(v)!);
    variantShape[variantField.stock(id)] = wholeNumber(`请输入 0–${MAX_STOCK} 之间的整数`, MAX_STOCK);
    variantShape[variantField.stockWas(id)] = wholeNumber("页面已过期，请刷新后重试", Number.MAX_SAFE_INTEGER);
    // "on" when posted as a form; react-hook-form reports a checkbox as a boolean
    variantShape[variantField.active(id)] = z.union([z.string(), z.boolean()]).optional().transform((v) => v === "on" || v === true);
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
        ctx.addIssue({ code: "custom", path: [variantField.active(variantIds[0])], message: "至少保留一个在售规格；整件商品下架请联系平台" });
      }
    });
}

export interface ListingInput {
  name: string;
  description: string;
  harvestSeason: string;
  shippingNote: string;
  variants: { id: string; priceFen: number; stock: number; stockWas: number; active: boolean }[];
}

/** The parsed flat form as the model takes it. */
export function toListingInput(data: Record<string, unknown>, variantIds: string[]): ListingInput {
  return {
    name: data.name as string,
    description: data.description as string,
    harvestSeason: data.harvestSeason as string,
    shippingNote: data.shippingNote as string,
    variants: variantIds.map((id) => ({
      id,
      priceFen: data[variantField.price(id)] as number,
      stock: data[variantField.stock(id)] as number,
      stockWas: data[variantField.stockWas(id)] as number,
      active: data[variantField.active(id)] as boolean,
    })),
  };
}

/** Share weights per household (share_<householdId>): whole numbers, at least one above 0. */
export const shareField = (householdId: string) => `share_${householdId}`;

export function sharesSchema(householdIds: string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of householdIds) shape[shareField(id)] = wholeNumber("请填写 0–1000 的整数", 1000);
  return z.object(shape).superRefine((values, ctx) => {
    const record = values as Record<string, number>;
    if (householdIds.length > 0 && !householdIds.some((id) => record[shareField(id)] > 0)) {
      ctx.addIssue({ code: "custom", path: ["shares"], message: "至少为一户填写大于 0 的比例" });
    }
  });
}
