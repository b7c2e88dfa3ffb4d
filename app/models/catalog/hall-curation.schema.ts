import * as z from "zod";

// Staff curation of a hall (/admin/halls/<slug>): one schema per form, shared by browser and action.

export const addListingSchema = z.object({
  intent: z.literal("add"),
  productSlug: z
    .string()
    .trim()
    .min(1, "请输入商品编号")
    .max(100, "商品编号太长")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "商品编号只含小写字母、数字和连字符"),
});

// a checkbox: "on" when posted, a boolean while react-hook-form holds it
const checkbox = z
  .union([z.literal("on"), z.literal("1"), z.literal(""), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "1");

export const updatePlacementSchema = z.object({
  intent: z.literal("update"),
  productId: z.string().min(1).max(64),
  featured: checkbox,
  seasonal: checkbox,
  featuredRank: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "排序为 0–999 的整数")
    .transform(Number),
});

export const removeListingSchema = z.object({
  intent: z.literal("remove"),
  productId: z.string().min(1).max(64),
});

export const curationSchema = z.discriminatedUnion("intent", [addListingSchema, updatePlacementSchema, removeListingSchema]);
