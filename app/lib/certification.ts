// 扶贫产品认定 (poverty-alleviation product certification): Product.certStatus values and their labels.
export const CERT_STATUSES = ["PENDING", "CERTIFIED", "REVOKED", "EXPIRED"] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];

export const CERT_LABELS: Record<string, string> = {
  PENDING: "认定审核中",
  CERTIFIED: "已认定",
  REVOKED: "认定已撤销",
  EXPIRED: "认定已过期",
};
