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
