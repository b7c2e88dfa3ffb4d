import * as z from "zod";
import { checkTracking, courierFields } from "~/models/parcels/parcel.schema";
import { isMobile, normaliseMobile } from "~/lib/phone";

// Splitting a tree's harvest share: up to four parts, each a weight, a "not before" date and either
// the adopter's address or a gift (the recipient gives the address when redeeming the code).
export const MAX_PARTS = 4;
export const PART_FIELDS = ["kg", "date", "to", "recipient", "mobile", "province", "city", "district", "street"] as const;
export type PartField = (typeof PART_FIELDS)[number];
export const partKey = (field: PartField, i: number) => `${field}_${i}`;

export interface SplitPart {
  /** the form's row (0–3), for naming a field in an error */
  row: number;
  grams: number;
  deliverOn: string;
  gift: boolean;
  address: { recipient: string; mobile: string; province: string; city: string; district: string; street: string } | null;
}

/** The form's schema for one adoption: its share (whole kilograms) and the earliest delivery day. */
export function harvestSplitSchema(shareKg: number, earliest: string) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (let i = 0; i < MAX_PARTS; i++) for (const f of PART_FIELDS) shape[partKey(f, i)] = z.string().trim().max(120).default("");
  return z
    .object(shape)
    .superRefine((v, ctx) => {
      let total = 0;
      let used = 0;
      for (let i = 0; i < MAX_PARTS; i++) {
        const get = (f: PartField) => v[partKey(f, i)] ?? "";
        const issue = (f: PartField, message: string) => ctx.addIssue({ code: "custom", path: [partKey(f, i)], message });
        if (get("kg") === "") continue;
        used += 1;
        const kg = Number(get("kg"));
        if (!/^\d{1,3}$/.test(get("kg")) || kg < 1) issue("kg", "请填写整数公斤，至少 1 公斤");
        else total += kg;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(get("date"))) issue("date", "请选择寄送日期");
        else if (get("date") < earliest) issue("date", `不能早于预计采收期（${earliest}）`);
        if (get("to") !== "SELF" && get("to") !== "GIFT") issue("to", "请选择寄给自己或作为礼物");
        if (get("to") === "SELF") {
          if (!get("recipient")) issue("recipient", "请填写收件人");
          if (!isMobile(get("mobile"))) issue("mobile", "请输入 11 位手机号码");
          // whether they exist is the divisions' check on the server (planDeliveries)
          if (!get("province")) issue("province", "请选择省份");
          if (!get("city")) issue("city", "请选择城市");
          if (!get("district")) issue("district", "请选择区县");
          if (get("street").length < 4) issue("street", "请填写详细地址");
        }
      }
      if (used === 0) ctx.addIssue({ code: "custom", path: [partKey("kg", 0)], message: "请至少填写一份" });
      else if (total !== shareKg) ctx.addIssue({ code: "custom", path: [partKey("kg", 0)], message: `各份合计 ${total} 公斤，应正好是 ${shareKg} 公斤` });
    })
    .transform((v): SplitPart[] => {
      const parts: SplitPart[] = [];
      for (let i = 0; i < MAX_PARTS; i++) {
        const get = (f: PartField) => v[partKey(f, i)] ?? "";
        if (get("kg") === "") continue;
        const gift = get("to") === "GIFT";
        parts.push({
          row: i,
          grams: Number(get("kg")) * 1000,
          deliverOn: get("date"),
          gift,
          address: gift ? null : { recipient: get("recipient"), mobile: normaliseMobile(get("mobile")), province: get("province"), city: get("city"), district: get("district"), street: get("street") },
        });
      }
      return parts;
    });
}

export const shipDeliverySchema = z.object({
  deliveryId: z.string().min(1),
  // the same couriers and tracking-number formats as every other parcel (issue 13)
  ...courierFields,
})
  .superRefine(checkTracking);

export const recordHarvestSchema = z.object({
  seasonId: z.string().min(1),
  kg: z.string().trim().regex(/^\d{1,7}$/, "请填写整数公斤").refine((v) => Number(v) > 0, "收成应大于 0"),
  note: z.string().trim().max(200, "说明最多 200 字").default(""),
});
