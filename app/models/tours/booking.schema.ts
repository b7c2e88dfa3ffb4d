import * as z from "zod";
import { isMobile, normaliseMobile } from "~/lib/phone";
import { ageOn, checkIdNumber, ID_PROBLEM_MESSAGES } from "~/models/tours/id-number";

// Booking a departure: one row per traveller (real name, mobile, 居民身份证 number). Fields are flat
// (name_0, mobile_0, idNumber_0, …) so the form posts and comes back the same with JavaScript off.
export const MAX_TRAVELLERS = 30;
export const ADULT_AGE = 18;
export const TRAVELLER_FIELDS = ["name", "mobile", "idNumber"] as const;
export const travellerKey = (field: (typeof TRAVELLER_FIELDS)[number], i: number) => `${field}_${i}`;

export interface TravellerInput {
  name: string;
  mobile: string;
  idNumber: string;
  birthDate: string;
}

export function bookingSchema(count: number, rules: { departOn: string; guardianRule: boolean }) {
  const shape: Record<string, z.ZodType<string>> = {
    count: z.string(),
    clientRequestId: z.string().uuid("请刷新页面后重试") as unknown as z.ZodType<string>,
  };
  for (let i = 0; i < count; i++) for (const f of TRAVELLER_FIELDS) shape[travellerKey(f, i)] = z.string().trim().max(40).default("");
  return z
    .object(shape)
    .superRefine((v, ctx) => {
      const ids = new Map<string, number>();
      const births: (string | null)[] = [];
      for (let i = 0; i < count; i++) {
        const issue = (f: (typeof TRAVELLER_FIELDS)[number], message: string) => ctx.addIssue({ code: "custom", path: [travellerKey(f, i)], message });
        const name = v[travellerKey("name", i)];
        if (!/^[\u4e00-\u9fa5·]{2,20}$|^[A-Za-z][A-Za-z .'-]{1,39}$/.test(name)) issue("name", "请填写与身份证一致的真实姓名");
        if (!isMobile(v[travellerKey("mobile", i)])) issue("mobile", "请输入 11 位手机号码");
        const id = checkIdNumber(v[travellerKey("idNumber", i)]);
        if (!id.ok) {
          issue("idNumber", ID_PROBLEM_MESSAGES[id.problem]);
          births.push(null);
          continue;
        }
        if (ids.has(id.value)) issue("idNumber", `与第 ${ids.get(id.value)! + 1} 位游客的身份证号相同`);
        ids.set(id.value, i);
        births.push(id.birthDate);
      }
      if (rules.guardianRule && births.every((b) => b !== null)) {
        const hasAdult = births.some((b) => ageOn(b!, rules.departOn) >= ADULT_AGE);
        if (!hasAdult) {
          births.forEach((_, i) =>
            ctx.addIssue({ code: "custom", path: [travellerKey("idNumber", i)], message: `未满 ${ADULT_AGE} 周岁的游客须有成年监护人同行，请添加一位成年游客` }),
          );
        }
      }
    })
    .transform((v): TravellerInput[] =>
      Array.from({ length: count }, (_, i) => {
        const id = checkIdNumber(v[travellerKey("idNumber", i)]);
        return { name: v[travellerKey("name", i)], mobile: normaliseMobile(v[travellerKey("mobile", i)]), idNumber: id.ok ? id.value : "", birthDate: id.ok ? id.birthDate : "" };
      }),
    );
}

/** The traveller count the form was drawn for: from the query string or the posted form. */
export function travellerCount(raw: string | null): number {
  const n = Number(raw ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= MAX_TRAVELLERS ? n : 1;
}
