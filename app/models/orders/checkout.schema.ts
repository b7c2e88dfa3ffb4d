import * as z from "zod";
import { addressSchema, type AddressInput } from "~/models/addresses/address.schema";
import { DEFAULT_PAYMENT_METHOD, paymentMethodField, type OnlinePaymentMethod } from "~/models/orders/payment-method";
import { INVOICE_CHOICES, invoiceRequestSchema, invoiceRequestShape, toInvoiceRequest, type InvoiceRequestInput } from "~/models/invoices/invoice-request.schema";

/**
 * Where the parcel goes: one of the buyer's saved addresses, or a whole new one typed in; and the
 * 发票 the buyer asks for with the order, if any (issue 17: "at checkout").
 */
export type CheckoutInput = (
  | { address: "saved"; addressId: string; clientRequestId: string }
  | { address: "new"; fields: AddressInput; save: boolean; clientRequestId: string }
) & { invoice?: InvoiceRequestInput | null; paymentMethod?: OnlinePaymentMethod };

/** The checkout form as the browser sends it (and react-hook-form holds it). */
export type CheckoutForm = z.input<typeof checkoutSchema>;

// the address fields a buyer types; their rules are addressSchema's, checked only for a new address
const typed = z.string().optional();

/**
 * The checkout form → a saved address or a new one. The form posts the radio addressId (a saved
 * id, or "new") beside the fields of a new address, so the choice is read first and the fields are
 * checked by the same rules as a saved address only when they are the address. One schema, browser
 * and server.
 */
export const checkoutSchema = z
  .object({
    addressId: z.string().optional(),
    recipient: typed,
    mobile: typed,
    province: typed,
    city: typed,
    district: typed,
    street: typed,
    // a checkbox: "on" when posted without JS, a boolean from react-hook-form
    saveAddress: z.union([z.string(), z.boolean()]).optional(),
    clientRequestId: z.string().trim().min(8, "请刷新页面后重试").max(64),
    ...invoiceRequestShape,
    // most shoppers want none: a form posted without the field asks for none
    invoiceType: z.enum(INVOICE_CHOICES, { message: "请选择发票类型" }).optional().default("NONE"),
    // 支付宝 / 微信支付 / 银行卡, chosen here and changeable on the pay step
    paymentMethod: paymentMethodField.optional().default(DEFAULT_PAYMENT_METHOD),
  })
  .transform((v, ctx): CheckoutInput => {
    // Both parts are checked before either is refused, so every wrong field is named at once.
    const invoice = invoiceRequestSchema.safeParse(v);
    const savedId = v.addressId && v.addressId !== "new" ? v.addressId : null;
    const fields = savedId ? null : addressSchema.safeParse(v);
    if (!invoice.success || (fields && !fields.success)) {
      const issues = [...(invoice.error?.issues ?? []), ...(fields?.error?.issues ?? [])];
      for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    const request = toInvoiceRequest(invoice.data);
    const paymentMethod = v.paymentMethod;
    if (savedId || !fields) return { address: "saved", addressId: savedId!, clientRequestId: v.clientRequestId, invoice: request, paymentMethod };
    const save = v.saveAddress === true || v.saveAddress === "on" || v.saveAddress === "true";
    return { address: "new", fields: fields.data!, save, clientRequestId: v.clientRequestId, invoice: request, paymentMethod };
  });
