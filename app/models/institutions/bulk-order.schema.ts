// The institution order builder: its header fields, its quick-add rows and the approval decisions.
import { z } from "zod";
import { checkInvoiceRequest, invoiceRequestShape } from "~/models/invoices/invoice-request.schema";

export const PAYMENT_METHODS = ["BANK_TRANSFER", "CARD"] as const;

export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = { BANK_TRANSFER: "对公转账", CARD: "银行卡在线支付" };

/**
 * The header of a bulk order; the lines come as sku_N / qty_N pairs (see parseOrderLines). The 发票
 * request is the shared one (an institution's title is always its own, so it is an organisation's).
 */
export const bulkOrderSchema = z
  .object({
    poNumber: z.string().trim().max(40, "采购单号过长").optional().default(""),
    costCentre: z.string().trim().max(40, "成本中心过长").optional().default(""),
    paymentMethod: z.enum(PAYMENT_METHODS, { message: "请选择付款方式" }),
    ...invoiceRequestShape,
  })
  .superRefine(checkInvoiceRequest);

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
