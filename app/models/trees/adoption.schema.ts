import * as z from "zod";

// Adopting trees: pick them on the orchard's grid, or ask for "any N".
export const MAX_TREES_PER_ORDER = 200;

export const adoptSchema = z
  .object({
    mode: z.enum(["pick", "any"], { message: "请选择挑选方式" }),
    year: z.coerce.number({ message: "请刷新页面后重试" }).int().min(2000).max(2100),
    // checkboxes named "trees": several values (the route joins them with commas; in the browser
    // react-hook-form gives an array, or a boolean for a lone box)
    trees: z.preprocess((v) => (Array.isArray(v) ? v.join(",") : typeof v === "string" ? v : ""), z.string().max(4000)),
    count: z.string().trim().default(""),
    displayName: z.string().trim().min(1, "请填写证书上的认养人名称").max(24, "证书名称最多 24 个字"),
    payment: z.enum(["CARD", "BANK_TRANSFER"], { message: "请选择付款方式" }),
    clientRequestId: z.string().uuid("请刷新页面后重试"),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "pick") {
      const codes = v.trees.split(",").filter(Boolean);
      if (codes.length === 0) ctx.addIssue({ code: "custom", path: ["trees"], message: "请在果园图上选择至少一棵树" });
      if (codes.length > MAX_TREES_PER_ORDER) ctx.addIssue({ code: "custom", path: ["trees"], message: `一次最多认养 ${MAX_TREES_PER_ORDER} 棵` });
    } else {
      const n = Number(v.count);
      if (!/^\d+$/.test(v.count) || n < 1 || n > MAX_TREES_PER_ORDER) ctx.addIssue({ code: "custom", path: ["count"], message: `请输入 1 到 ${MAX_TREES_PER_ORDER} 之间的棵数` });
    }
  });

export type AdoptInput = z.infer<typeof adoptSchema>;

export function treeCodesOf(input: AdoptInput): string[] {
  return [...new Set(input.trees.split(",").map((c) => c.trim()).filter(Boolean))];
}
