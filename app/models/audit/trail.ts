// The audit trail's vocabulary: what kinds of change are recorded and how each before/after value
// reads. Values are stored raw (fen, units, status codes) so later features can chart them (issue 17
// draws price history from PRICE entries); they become text only here.
import { formatFen } from "~/lib/money";
import { CERT_LABELS, COOP_STATUS_LABELS } from "~/models/catalog/certification-status";
import { PRODUCT_STATUS_LABELS } from "~/models/coops/product-status";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "~/models/suppliers/application.schema";

export const AUDIT_KINDS = [
  "PRICE", // a variant's price, fen
  "REF_PRICE", // a variant's 市场参考价: "fen|source|YYYY-MM-DD"
  "STOCK", // a variant's stock, units; reason is "CODE" or "CODE|note" (STOCK_REASONS)
  "LOW_STOCK", // a variant's low-stock threshold, units
  "LISTING", // a product's status, or a variant's on/off ("on" | "off")
  "HALL", // a hall listing: "" | "offered" | "listed"
  "SHARES", // household shares: "code:weight,…"
  "CERTIFICATE", // 扶贫产品认定 status, with the number in reason
  "PHOTO", // a photo added or removed (its alt text)
  "COOP_STATUS", // the co-op's status
  "APPLICATION", // a supplier application's status, with the reason in reason
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  PRICE: "价格",
  REF_PRICE: "市场参考价",
  STOCK: "库存",
  LOW_STOCK: "低库存提醒",
  LISTING: "上架状态",
  HALL: "体验馆陈列",
  SHARES: "受益农户比例",
  CERTIFICATE: "扶贫认定",
  PHOTO: "商品图片",
  COOP_STATUS: "合作社状态",
  APPLICATION: "入驻申请",
};

export const STOCK_REASONS = ["RECEIVED", "COUNT", "LOSS", "RETURN"] as const;
export type StockReason = (typeof STOCK_REASONS)[number];
export const STOCK_REASON_LABELS: Record<StockReason, string> = {
  RECEIVED: "入库",
  COUNT: "盘点",
  LOSS: "损耗",
  RETURN: "退货入库",
};

const HALL_STATES: Record<string, string> = { "": "未陈列", offered: "申请陈列", listed: "已陈列", declined: "未通过" };

/** One stored value as a person reads it. */
export function auditValue(kind: string, value: string | null): string {
  if (value === null) return "—";
  switch (kind) {
    case "PRICE":
      return formatFen(Number(value));
    case "REF_PRICE": {
      const [fen, source, date] = value.split("|");
      return fen ? `${formatFen(Number(fen))}（${source}，${date}）` : "未填";
    }
    case "STOCK":
    case "LOW_STOCK":
      return value;
    case "LISTING":
      return value === "on" ? "在售" : value === "off" ? "停售" : (PRODUCT_STATUS_LABELS[value] ?? value);
    case "HALL":
      return HALL_STATES[value] ?? value;
    case "CERTIFICATE":
      return CERT_LABELS[value] ?? value;
    case "COOP_STATUS":
      return COOP_STATUS_LABELS[value] ?? value;
    case "APPLICATION":
      return APPLICATION_STATUS_LABELS[value as ApplicationStatus] ?? value;
    case "SHARES":
      return value ? value.split(",").map((s) => s.replace(":", " ")).join("、") : "无";
    default:
      return value;
  }
}

export function auditReason(kind: string, reason: string | null): string {
  if (!reason) return "";
  if (kind === "STOCK") {
    const [code, ...note] = reason.split("|");
    const label = STOCK_REASON_LABELS[code as StockReason] ?? code;
    return note.length ? `${label}：${note.join("|")}` : label;
  }
  return reason;
}
