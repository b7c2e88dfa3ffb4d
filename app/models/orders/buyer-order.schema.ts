import * as z from "zod";

/** What a buyer can do on their own order page: pay it (again) or cancel it while unpaid, buy a closed one again. */
export const buyerOrderActionSchema = z.object({ intent: z.enum(["pay", "cancel", "buy-again"]) });

/** The development-only 测试支付 page: pay, or let the payment fail. */
export const testPaymentSchema = z.object({ outcome: z.enum(["succeed", "fail"]) });
