// Roles are data (UserRole rows); this list is the vocabulary the guards and the staff page use.
export const ROLES = ["consumer", "org_buyer", "org_approver", "org_admin", "coop_manager", "county_reviewer", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  consumer: "消费者",
  org_buyer: "单位采购员",
  org_approver: "单位审批人",
  org_admin: "单位管理员",
  coop_manager: "合作社管理员",
  // an account of a county (User.countyId) that recommends its suppliers to the platform
  county_reviewer: "县级推荐审核人",
  staff: "平台工作人员",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
