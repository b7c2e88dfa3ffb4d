// Form schemas for institution buying, shared by the browser (react-hook-form) and the actions.
import { z } from "zod";
import { MOBILE_PATTERN } from "~/models/accounts/auth.schema";
import { parseYuan } from "~/lib/money";

export const ORG_TYPES = ["AGENCY", "ENTERPRISE", "UNION", "SCHOOL", "HOSPITAL"] as const;
export const ORG_TYPE_LABELS: Record<(typeof ORG_TYPES)[number], string> = {
  AGENCY: "机关单位",
  ENTERPRISE: "企业",
  UNION: "工会委员会",
  SCHOOL: "学校",
  HOSPITAL: "医院",
};
export const ORG_STATUS_LABELS: Record<string, string> = { PENDING: "待审核", VERIFIED: "已认证", REJECTED: "未通过" };

export const ORG_MEMBER_ROLES = ["BUYER", "APPROVER", "ADMIN"] as const;
export type OrgMemberRole = (typeof ORG_MEMBER_ROLES)[number];
export const ORG_MEMBER_ROLE_LABELS: Record<OrgMemberRole, string> = { BUYER: "采购员", APPROVER: "审批人", ADMIN: "单位管理员" };

// 统一社会信用代码: 18 characters from digits and upper-case letters without I, O, S, V, Z.
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const orgRegistrationSchema = z.object({
  name: z.string().trim().min(2, "请填写单位名称").max(100, "名称过长"),
  type: z.enum(ORG_TYPES, { message: "请选择单位类型" }),
  creditCode: z.string().trim().toUpperCase().regex(CREDIT_CODE, "统一社会信用代码应为 18 位数字或大写字母"),
  invoiceTitle: z.string().trim().min(2, "请填写发票抬头").max(100, "发票抬头过长"),
  taxNumber: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{15,20}$/, "纳税人识别号应为 15–20 位数字或大写字母"),
  city: z.string().trim().min(2, "请填写所在城市").max(20, "城市名过长"),
});

const yuan = (message: string) =>
  z
    .string()
    .trim()
    .refine((v) => parseYuan(v) !== null, message)
    .transform((v) => parseYuan(v)!);

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("请输入有效的邮箱"),
  orgRole: z.enum(ORG_MEMBER_ROLES, { message: "请选择角色" }),
});

export const orgSettingsSchema = z.object({
  approvalLimitYuan: yuan("请输入金额（元），如 5000"),
});

export const pledgeSchema = z.object({
  year: z.coerce.number().int().min(2016, "年份无效").max(2100, "年份无效"),
  targetYuan: yuan("请输入帮扶采购目标金额（元）").refine((fen) => fen > 0, "目标金额应大于 0"),
});

export const INVOICE_TYPES = ["NONE", "PLAIN", "SPECIAL"] as const;
export const INVOICE_TYPE_LABELS: Record<(typeof INVOICE_TYPES)[number], string> = { NONE: "不开发票", PLAIN: "增值税普通发票（普票）", SPECIAL: "增值税专用发票（专票）" };
export const PAYMENT_METHODS = ["BANK_TRANSFER", "CARD"] as const;
export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = { BANK_TRANSFER: "对公转账", CARD: "银行卡在线支付" };

/** The header of a bulk order; the lines come as sku_N / qty_N pairs (see parseOrderLines). */
export const bulkOrderSchema = z
  .object({
    poNumber: z.string().trim().max(40, "采购单号过长").optional().default(""),
    costCentre: z.string().trim().max(40, "成本中心过长").optional().default(""),
    paymentMethod: z.enum(PAYMENT_METHODS, { message: "请选择付款方式" }),
    invoiceType: z.enum(INVOICE_TYPES, { message: "请选择发票类型" }),
    invoiceTitle: z.string().trim().max(100, "发票抬头过长").optional().default(""),
    invoiceTaxNo: z.string().trim().toUpperCase().max(20, "税号过长").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.invoiceType === "NONE") return;
    if (v.invoiceTitle.length < 2) ctx.addIssue({ code: "custom", path: ["invoiceTitle"], message: "开发票需填写抬头" });
    if (!/^[0-9A-Z]{15,20}$/.test(v.invoiceTaxNo)) ctx.addIssue({ code: "custom", path: ["invoiceTaxNo"], message: "开发票需填写 15–20 位纳税人识别号" });
  });

export const MAX_BUILDER_ROWS = 50;

export interface OrderLineInput {
  row: number;
  sku: string;
  quantity: number;
}

/** Reads the quick-add table (sku_0/qty_0 …); blank rows are skipped, bad quantities reported by row. */
export function parseOrderLines(values: Record<string, string>) {
  const lines: OrderLineInput[] = [];
  const errors: Record<string, string> = {};
  for (let i = 0; i < MAX_BUILDER_ROWS; i++) {
    const sku = (values[`sku_${i}`] ?? "").trim().toUpperCase();
    const qtyText = (values[`qty_${i}`] ?? "").trim();
    if (!sku && !qtyText) continue;
    if (!sku) {
      errors[`sku_${i}`] = "请填写 SKU";
      continue;
    }
    if (!/^\d{1,6}$/.test(qtyText) || Number(qtyText) < 1) {
      errors[`qty_${i}`] = "数量应为 1–100000 的整数";
      continue;
    }
    const existing = lines.find((l) => l.sku === sku);
    if (existing) {
      errors[`sku_${i}`] = `与第 ${existing.row + 1} 行重复`;
      continue;
    }
    lines.push({ row: i, sku, quantity: Number(qtyText) });
  }
  return { lines, errors };
}

export const decisionSchema = z.object({
  intent: z.enum(["approve", "return", "resubmit", "cancel"]),
  comment: z.string().trim().max(500, "意见过长").optional().default(""),
});

export const bankTransferSchema = z.object({
  orderNumber: z.string().trim().min(1, "请填写订单号"),
  amountYuan: yuan("请输入到账金额（元）"),
  bankSerial: z.string().trim().min(4, "请填写银行流水号").max(64, "流水号过长"),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择到账日期"),
});

export const giftIssueSchema = z.object({
  variantId: z.string().min(1, "请选择礼盒"),
  count: z.coerce.number({ message: "请输入数量" }).int("数量应为整数").min(1, "至少 1 个").max(5000, "一次最多 5000 个"),
  expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择截止日期"),
});


export const giftRedeemSchema = z.object({
  code: z.string().trim().min(8, "请输入兑换码").max(40, "兑换码格式不对"),
  recipient: z.string().trim().min(1, "请填写收件人").max(50, "姓名过长"),
  mobile: z.string().trim().regex(MOBILE_PATTERN, "请输入 11 位手机号"),
  province: z.string().trim().min(2, "请填写省份").max(20),
  city: z.string().trim().min(2, "请填写城市").max(20),
  district: z.string().trim().min(2, "请填写区县").max(20),
  street: z.string().trim().min(4, "请填写详细地址").max(120, "地址过长"),
});

export const orgTierSchema = z.object({
  organizationId: z.string().min(1),
  sku: z.string().trim().toUpperCase().min(1, "请填写 SKU"),
  minQty: z.coerce.number({ message: "请输入起始数量" }).int().min(1, "起始数量至少为 1").max(100000),
  priceYuan: yuan("请输入单价（元）"),
});
