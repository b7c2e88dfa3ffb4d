// A supplier's application (/coop/apply) and the decisions on it, shared by the browser and the
// actions. The credit code's check character is verified here, so a typo is caught before sending.
import * as z from "zod";
import { creditCodeField, mobileField } from "~/lib/form-fields";

export const SUPPLIER_KINDS = ["COOP", "ENTERPRISE"] as const;
export const SUPPLIER_KIND_LABELS: Record<(typeof SUPPLIER_KINDS)[number], string> = { COOP: "农民专业合作社", ENTERPRISE: "企业" };

export const APPLICATION_STATUSES = ["SUBMITTED", "RECOMMENDED", "REJECTED", "APPROVED"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  SUBMITTED: "待县级推荐",
  RECOMMENDED: "县级已推荐，待平台审核",
  REJECTED: "已退回，请修改后重新提交",
  APPROVED: "已通过，可以上架商品",
};

/** 利益联结: the ways a supplier may benefit registered households (832 asks for at least one). */
export const BENEFITS = [
  { name: "benefitWages", label: "务工工资（吸纳脱贫户务工）" },
  { name: "benefitDividends", label: "入股分红" },
  { name: "benefitPurchase", label: "保底收购（订单收购农产品）" },
  { name: "benefitLandLease", label: "土地流转租金" },
] as const;

export const LICENCE_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

// "on" when posted as a form; react-hook-form reports a checkbox as a boolean
const checkbox = z.union([z.string(), z.boolean()]).optional().transform((v) => v === "on" || v === true);

export const applicationSchema = z
  .object({
    name: z.string().trim().min(4, "请填写营业执照上的名称").max(60, "名称不超过 60 个字"),
    kind: z.enum(SUPPLIER_KINDS, { message: "请选择主体类型" }),
    creditCode: creditCodeField,
    countyId: z.string().min(1, "请选择所在区县"),
    intro: z.string().trim().max(500, "简介不超过 500 个字"),
    contactName: z.string().trim().min(2, "请填写联系人姓名").max(20, "姓名不超过 20 个字"),
    contactPhone: mobileField("请填写 11 位手机号"),
    benefitWages: checkbox,
    benefitDividends: checkbox,
    benefitPurchase: checkbox,
    benefitLandLease: checkbox,
    benefitHouseholds: z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, "请填写带动的脱贫户数（整数）")
      .transform(Number)
      .refine((n) => n >= 1, "至少带动 1 户脱贫户"),
    benefitNote: z.string().trim().min(10, "请具体说明联农带农的方式，如务工人数、分红比例、收购价格").max(1000, "说明不超过 1000 个字"),
  })
  .superRefine((v, ctx) => {
    if (!v.benefitWages && !v.benefitDividends && !v.benefitPurchase && !v.benefitLandLease) {
      ctx.addIssue({ code: "custom", path: ["benefits"], message: "请至少选择一种利益联结方式" });
    }
  });
export type ApplicationInput = z.infer<typeof applicationSchema>;

export const rejectionSchema = z.object({
  applicationId: z.string().min(1),
  reason: z.string().trim().min(4, "请写明退回原因，申请人会看到").max(300, "原因不超过 300 个字"),
});

export const decisionSchema = z.object({ applicationId: z.string().min(1) });

/** Staff link an account to a co-op (as its manager) or to a county (as its reviewer). */
export const linkAccountSchema = z.object({
  email: z.string().trim().toLowerCase().email("请输入账号邮箱"),
  targetId: z.string().min(1, "请选择"),
});
