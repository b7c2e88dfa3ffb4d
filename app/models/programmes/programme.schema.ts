// Staff forms for 定点帮扶 programmes: a unit's assistance to one county, and the buyer organisations
// whose purchases of that county's products the programme claims.
import * as z from "zod";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "请选择日期")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "日期无效");

export const programmeSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string().trim().min(4, "请填写项目名称，如 某部定点帮扶渭源县").max(80, "名称不超过 80 个字"),
    unitName: z.string().trim().min(2, "请填写帮扶单位").max(60, "单位名称不超过 60 个字"),
    countyId: z.string().min(1, "请选择帮扶县"),
    startsOn: day,
    endsOn: z.preprocess((v) => (v === "" ? undefined : v), day.optional()),
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { path: ["endsOn"], message: "结束日期不能早于开始日期" });

export const memberSchema = z.object({
  intent: z.enum(["add-member", "remove-member"]),
  programmeId: z.string().min(1),
  organizationId: z.string().min(1, "请选择采购单位"),
});
