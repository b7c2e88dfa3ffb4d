import * as z from "zod";
import { ROLES } from "~/models/accounts/roles";

/** Staff grant or revoke one role of one user (/admin/users). */
export const roleChangeSchema = z.object({
  intent: z.enum(["grant", "revoke"]),
  userId: z.string().min(1),
  role: z.enum(ROLES, { message: "未知角色" }),
});

/** Everything staff do to a user on /admin/users: a role change, or ending every session (a lost phone, a leaver). */
export const staffUserActionSchema = z.discriminatedUnion(
  "intent",
  [roleChangeSchema, z.object({ intent: z.literal("end-sessions"), userId: z.string().min(1) })],
  { error: "请求无效" },
);
