import { z } from "zod";

// 扶贫产品认定 (poverty-alleviation product certification): Product.certStatus values and their labels.
// NONE: a new product whose co-op has not submitted a certificate yet; PENDING: submitted (or an
// older product awaiting staff); REJECTED: staff sent the submission back with a reason.
export const CERT_STATUSES = ["NONE", "PENDING", "CERTIFIED", "REJECTED", "REVOKED", "EXPIRED"] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];
/** What staff may set by hand on /admin/certification (REJECTED needs a reason: its own action). */
export const CERT_DECISIONS = ["PENDING", "CERTIFIED", "REVOKED", "EXPIRED"] as const;

export const CERT_LABELS: Record<string, string> = {
  NONE: "未申请认定",
  REJECTED: "认定未通过",
  PENDING: "认定审核中",
  CERTIFIED: "已认定",
  REVOKED: "认定已撤销",
  EXPIRED: "认定已过期",
};

export const COOP_STATUS_LABELS: Record<string, string> = { PENDING: "待审核", CERTIFIED: "已认定", SUSPENDED: "已暂停" };
export const COOP_STATUSES = ["PENDING", "CERTIFIED", "SUSPENDED"] as const;

/** A staff decision on a product's certification (/admin/certification). */
export const certificationSchema = z
  .object({
    productId: z.string().min(1),
    status: z.enum(CERT_DECISIONS, { message: "请选择认定状态" }),
    certNumber: z.string().trim().max(40, "证书编号不超过 40 个字"),
    expiresOn: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "有效期格式为 YYYY-MM-DD")]),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "CERTIFIED") return;
    if (v.certNumber.length < 4) ctx.addIssue({ code: "custom", path: ["certNumber"], message: "认定为扶贫产品时须填写证书编号" });
    if (!v.expiresOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "认定为扶贫产品时须填写有效期" });
  });

/** Staff send a submitted certificate back; the co-op sees the reason. */
export const certificateRejectionSchema = z.object({
  productId: z.string().min(1),
  reason: z.string().trim().min(4, "请写明退回原因，合作社会看到").max(300, "原因不超过 300 个字"),
});

/** A staff decision on a co-op's own status (/admin/certification). */
export const coopStatusSchema = z.object({
  coopId: z.string().min(1, "请选择合作社"),
  status: z.enum(COOP_STATUSES, { message: "请选择合作社状态" }),
});
