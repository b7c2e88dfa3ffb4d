import * as z from "zod";

/** Staff put a failed or unconfirmed message back in the queue (/admin/messages). */
export const resendMessageSchema = z.object({ intent: z.literal("resend"), id: z.string().min(1).max(64) });
