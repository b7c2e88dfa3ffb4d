// Form schemas for organisations (registration, members, settings, pledges, staff tiers), shared by
// the browser (react-hook-form) and the actions.
import * as z from "zod";
import { creditCodeField, mobileField, quantityField, wholeNumberField, yuanField } from "~/lib/form-fields";
import { MAX_LINE_QUANTITY } from "~/models/orders/quantity";

export const ORG_TYPES = ["AGENCY", "PUBLIC_INSTITUTION", "ENTERPRISE", "UNION", "SOCIAL_GROUP", "SCHOOL", "HOSPITAL"] as const;
export const ORG_TYPE_LABELS: Record<(typeof ORG_TYPES)[number], string> = {
  AGENCY: "机关单位",
  PUBLIC_INSTITUTION: "事业单位",
  ENTERPRISE: "企业",
  UNION: "工会委员会",
  SOCIAL_GROUP: "社会团体",
  SCHOOL: "学校",
  HOSPITAL: "医院",
};
export const orgTypeLabel = (type: string) => (ORG_TYPE_LABELS as Record<string, string>)[type] ?? "其他单位";

/** The scan that proves the organisation exists: 营业执照 for an enterprise, 单位证明 (法人证书, 登记证书) otherwise. */
export const ORG_LICENCE_LABEL = "营业执照 / 单位证明";
export const ORG_STATUS_LABELS: Record<string, string> = { PENDING: "待审核", VERIFIED: "已认证", REJECTED: "未通过" };

export const ORG_MEMBER_ROLES = ["BUYER", "APPROVER", "ADMIN"] as const;
export type OrgMemberRole = (typeof ORG_MEMBER_ROLES)[number];
export const ORG_MEMBER_ROLE_LABELS: Record<OrgMemberRole, string> = { BUYER: "采购员", APPROVER: "审批人", ADMIN: "单位管理员" };
export const orgMemberRoleLabel = (role: string) => (ORG_MEMBER_ROLE_LABELS as Record<string, string>)[role] ?? role;

export const orgRegistrationSchema = z.object({
  name: z.string().trim().min(2, "请填写单位名称").max(100, "名称过长"),
  type: z.enum(ORG_TYPES, { message: "请选择单位类型" }),
  creditCode: creditCodeField,
  invoiceTitle: z.string().trim().min(2, "请填写发票抬头").max(100, "发票抬头过长"),
  taxNumber: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{15,20}$/, "纳税人识别号应为 15–20 位数字或大写字母"),
  city: z.string().trim().min(2, "请填写所在城市").max(20, "城市名过长"),
  contactName: z.string().trim().min(2, "请填写联系人姓名").max(20, "姓名过长"),
  contactPhone: mobileField("请填写联系人的 11 位手机号"),
});

const yuan = yuanField;

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("请输入有效的邮箱"),
  orgRole: z.enum(ORG_MEMBER_ROLES, { message: "请选择角色" }),
});

export const orgSettingsSchema = z.object({
  approvalLimitYuan: yuan("请输入金额（元），如 5000"),
});

export const pledgeSchema = z.object({
  year: wholeNumberField({ invalid: "年份无效" }, { min: 2016, max: 2100 }),
  targetYuan: yuan("请输入帮扶采购目标金额（元）").refine((fen) => fen > 0, "目标金额应大于 0"),
});

export const orgTierSchema = z.object({
  organizationId: z.string().min(1),
  sku: z.string().trim().toUpperCase().min(1, "请填写 SKU"),
  minQty: quantityField(MAX_LINE_QUANTITY),
  priceYuan: yuan("请输入单价（元）"),
});

/** What staff do on /admin/organizations: verify or reject a registration, set or remove an org-only price. */
export const staffOrganizationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("VERIFIED"), organizationId: z.string().min(1) }),
    // the applicant reads the reason on /org, so it must say what to fix
    z.object({ intent: z.literal("REJECTED"), organizationId: z.string().min(1), reason: z.string().trim().min(4, "请写明未通过的原因（申请单位会看到）").max(300, "原因过长") }),
    orgTierSchema.extend({ intent: z.literal("tier") }),
    z.object({ intent: z.literal("remove-tier"), tierId: z.string().min(1) }),
  ],
  { error: "请求无效" },
);

/** An org admin removes a member or withdraws an invitation (/org/members). */
export const memberActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("remove"), memberId: z.string().min(1) }), z.object({ intent: z.literal("revoke"), inviteId: z.string().min(1) })],
  { error: "请求无效" },
);
