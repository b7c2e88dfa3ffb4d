import { z } from "zod";
import { ROLES } from "~/models/accounts/roles";

/** Staff grant or revoke one role of one user (/admin/users). */
export const roleChangeSchema = z.object({
  intent: z.enum(["grant", "revoke"]),
  userId: z.string().min(1),
  role: z.enum(ROLES, { message: "未知角色" }),
});
