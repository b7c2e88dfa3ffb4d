import * as z from "zod";

// The 收藏 buttons (product page, hall cards) post one of these; `redirectTo` brings a shopper
// without JavaScript back to the page they were on.
export const favoriteSchema = z.object({
  intent: z.enum(["add", "remove"], { message: "未知操作" }),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "未知商品"),
  redirectTo: z.string().max(500).optional(),
});

export const footprintsSchema = z.object({
  intent: z.enum(["clear", "remove"], { message: "未知操作" }),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "未知商品").optional(),
});
