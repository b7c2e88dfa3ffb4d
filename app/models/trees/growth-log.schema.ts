import * as z from "zod";
import { GROWTH_STAGES } from "~/models/trees/season";

export const MAX_LOG_PHOTOS = 6;

export const growthLogSchema = z.object({
  stage: z.enum(Object.keys(GROWTH_STAGES) as [keyof typeof GROWTH_STAGES, ...(keyof typeof GROWTH_STAGES)[]], { message: "请选择生长阶段" }),
  seasonYear: z.coerce.number({ message: "请选择年份" }).int().min(2000).max(2100),
  text: z.string().trim().min(4, "请写几句果园近况（至少 4 个字）").max(1000, "最多 1000 字"),
});
export type GrowthLogInput = z.infer<typeof growthLogSchema>;
