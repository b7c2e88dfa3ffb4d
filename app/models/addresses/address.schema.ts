import * as z from "zod";
import { MOBILE_PATTERN } from "~/lib/phone";

// The 34 province-level divisions, as a buyer picks them on a Chinese address form.
export const PROVINCES = [
  "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
  "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
  "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区",
  "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
] as const;

/** We ship to the mainland only (Hong Kong, Macao and Taiwan need customs paperwork we do not do). */
export const SHIPPABLE_PROVINCES = PROVINCES.filter((p) => !["台湾省", "香港特别行政区", "澳门特别行政区"].includes(p));

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

/** A mainland address a parcel can go to; checkout and the address book check with it. */
export const addressSchema = z.object({
  recipient: text("收件人", 20),
  mobile: z.string().trim().regex(MOBILE_PATTERN, "请输入 11 位手机号码"),
  province: z.enum(SHIPPABLE_PROVINCES as unknown as [string, ...string[]], { message: "请选择省份（暂不支持港澳台）" }),
  city: text("城市", 20),
  district: text("区县", 20),
  street: text("详细地址", 100),
});

export type AddressInput = z.infer<typeof addressSchema>;

/** The address fields, as a Prisma select: an Address row and an Order's address snapshot share them. */
export const addressSelect = { recipient: true, mobile: true, province: true, city: true, district: true, street: true } as const;
