import { z } from "zod";
import { addressSchema } from "~/models/addresses/address.schema";

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

