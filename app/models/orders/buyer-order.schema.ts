import * as z from "zod";
import { DEFAULT_PAYMENT_METHOD, paymentMethodField } from "~/models/orders/payment-method";

/** What a buyer can do on their own order page: pay it (again, by the method picked) or cancel it while unpaid, buy it again. */
export const buyerOrderActionSchema = z.object({ intent: z.enum(["pay", "cancel", "buy-again"]), paymentMethod: paymentMethodField.optional() });

/** The development-only 测试支付 page: pay by the method picked, or let the payment fail. */
export const testPaymentSchema = z.object({ outcome: z.enum(["succeed", "fail"]), paymentMethod: paymentMethodField.optional().default(DEFAULT_PAYMENT_METHOD) });

/** What a buyer can do from 我的订单 itself: confirm a parcel arrived, or buy an order again. */
export const buyerOrderListActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm-receipt"), parcelId: z.string().min(1) }),
  z.object({ intent: z.literal("buy-again"), orderId: z.string().min(1) }),
]);
