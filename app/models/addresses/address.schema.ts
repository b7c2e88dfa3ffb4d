import * as z from "zod";
import { mobileField } from "~/lib/form-fields";

const text = (label: string, max: number, missing = `请填写${label}`) => z.string().trim().min(1, missing).max(max, `${label}最多 ${max} 个字`);

/**
 * A mainland address a parcel can go to, as the browser and the action both check it: checkout, the
 * address book, a pre-order. Whether the 省 / 市 / 区县 exist (and their official names) is the
 * divisions' check on the server (`officialAddress` in divisions.server.ts): the list is too big
 * for the browser, which gets only the picker's next level from /areas.
 */
export const addressSchema = z.object({
  recipient: text("收件人", 20),
  mobile: mobileField(),
  province: text("省份", 20, "请选择省份"),
  city: text("城市", 20, "请选择城市"),
  district: text("区县", 20, "请选择区县"),
  street: text("详细地址", 100),
});

export type AddressInput = z.infer<typeof addressSchema>;

/** The address fields, as a Prisma select: an Address row and an Order's address snapshot share them. */
export const addressSelect = { recipient: true, mobile: true, province: true, city: true, district: true, street: true } as const;
