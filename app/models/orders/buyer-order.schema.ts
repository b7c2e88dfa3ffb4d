import { z } from "zod";

/** What a buyer can do on their own order page: pay it (again) or cancel it while unpaid. */
export const buyerOrderActionSchema = z.object({ intent: z.enum(["pay", "cancel"]) });

/** The development-only 测试支付 page: pay, or let the payment fail. */
export const testPaymentSchema = z.object({ outcome: z.enum(["succeed", "fail"]) });
