import { z } from "zod";
import { MOBILE_PATTERN } from "~/models/accounts/auth.schema";

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

const addressSchema = z.object({
  recipient: text("收件人", 20),
  mobile: z.string().trim().regex(MOBILE_PATTERN, "请输入 11 位手机号码"),
  province: z.enum(SHIPPABLE_PROVINCES as unknown as [string, ...string[]], { message: "请选择省份（暂不支持港澳台）" }),
  city: text("城市", 20),
  district: text("区县", 20),
  street: text("详细地址", 100),
});
export type AddressInput = z.infer<typeof addressSchema>;

/** The checkout form: a saved address (addressId) or a new one typed in. One schema, browser and server. */
export const checkoutSchema = z
  .object({
    addressId: z.string().optional(),
    recipient: z.string().trim().max(20, "收件人最多 20 个字").optional(),
    mobile: z.string().trim().optional(),
    province: z.string().optional(),
    city: z.string().trim().max(20, "城市最多 20 个字").optional(),
    district: z.string().trim().max(20, "区县最多 20 个字").optional(),
    street: z.string().trim().max(100, "详细地址最多 100 个字").optional(),
    // a checkbox: "on" when posted without JS, a boolean from react-hook-form
    saveAddress: z.union([z.string(), z.boolean()]).optional(),
    clientRequestId: z.string().trim().min(8, "请刷新页面后重试").max(64),
  })
  .superRefine((v, ctx) => {
    // a new address must be a whole one, by the same rules as a saved one
    if (v.addressId && v.addressId !== "new") return;
    const address = addressSchema.safeParse(v);
    if (!address.success) for (const issue of address.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });
export type CheckoutInput = z.infer<typeof checkoutSchema>;


/** The address fields, as a Prisma select: an Address row and an Order's address snapshot share them. */
export const addressSelect = { recipient: true, mobile: true, province: true, city: true, district: true, street: true } as const;

// Cart quantities: whole numbers, at least 1, and not absurd (a cart is not a warehouse order).
export const MAX_CART_QUANTITY = 999;
const quantity = z.coerce
  .number({ message: "数量必须是数字" })
  .refine((n) => Number.isInteger(n), "数量必须是整数")
  .refine((n) => n >= 1, "数量至少为 1")
  .refine((n) => n <= MAX_CART_QUANTITY, `单件商品最多 ${MAX_CART_QUANTITY} 件`);

/** The one cart action, with a fixed set of intents. */
export const cartActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("set"), variantId: z.string().min(1), quantity }),
  z.object({ intent: z.literal("remove"), variantId: z.string().min(1) }),
]);
