// The institution order builder: its header fields, its quick-add rows and the approval decisions.
import * as z from "zod";
import { quantityField } from "~/lib/form-fields";
import { MAX_LINE_QUANTITY } from "~/models/orders/quantity";
import { checkInvoiceRequest, invoiceRequestShape } from "~/models/invoices/invoice-request.schema";

export const PAYMENT_METHODS = ["BANK_TRANSFER", "CARD"] as const;

export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = { BANK_TRANSFER: "对公转账", CARD: "银行卡在线支付" };

/** The words for a payment method as stored: one list for every order (orders/payment-method.ts). */
export { paymentMethodLabel } from "~/models/orders/payment-method";

/**
 * The header of a bulk order; the lines come as sku_N / qty_N pairs (see orderLinesSchema). The 发票
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

const skuField = (key: string) => `sku_${key}`;
const qtyField = (key: string) => `qty_${key}`;

/** One row of the quick-add table. */
const orderLineSchema = z.object({
  sku: z.string().trim().toUpperCase().min(1, "请填写 SKU"),
  quantity: quantityField(MAX_LINE_QUANTITY),
});

/**
 * The quick-add table as the form posts it (sku_0/qty_0 … sku_49/qty_49) → its lines. Blank rows are
 * skipped; a bad row is reported beside its own field, a repeated SKU beside the later row.
 */
export const orderLinesSchema = z.record(z.string(), z.unknown()).transform((values, ctx) => {
  const lines: OrderLineInput[] = [];
  const text = (key: string) => (typeof values[key] === "string" ? values[key].trim() : "");
  for (let row = 0; row < MAX_BUILDER_ROWS; row++) {
    const sku = text(skuField(String(row)));
    const quantity = text(qtyField(String(row)));
    if (!sku && !quantity) continue;
    const line = orderLineSchema.safeParse({ sku, quantity });
    if (!line.success) {
      const issue = line.error.issues[0];
      ctx.addIssue({ code: "custom", path: [issue.path[0] === "sku" ? skuField(String(row)) : qtyField(String(row))], message: issue.message });
      continue;
    }
    const existing = lines.find((l) => l.sku === line.data.sku);
    if (existing) {
      ctx.addIssue({ code: "custom", path: [skuField(String(row))], message: `与第 ${existing.row + 1} 行重复` });
      continue;
    }
    lines.push({ row, ...line.data });
  }
  return lines;
});

/**
 * The lines of the rows that passed, so a preview can price them beside the errors of the rest:
 * the rows named in `errors` are left out and the table is read again by the same schema.
 */
export function validOrderLines(values: Record<string, string>, errors: Record<string, string>): OrderLineInput[] {
  const bad = new Set(Object.keys(errors).map((key) => key.replace(/^(sku|qty)_/, "")));
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !bad.has(key.replace(/^(sku|qty)_/, ""))));
  const again = orderLinesSchema.safeParse(kept);
  return again.success ? again.data : [];
}

/** Rows one "添加行" press adds to the builder's table. */
export const ADD_ROWS_STEP = 10;
export const MAX_PASTE_CHARS = 20_000;

/**
 * Rows pasted from Excel (SKU and quantity columns; Excel copies cells separated by tabs, rows by
 * newlines). A first row whose quantity is not a number is taken as the header. Every bad row is
 * reported by its row in the paste; the good ones are returned with their quantities.
 */
export function pastedLines(text: string): { lines: { sku: string; quantity: number }[]; errors: string[] } {
  const rows = text.replace(/\r\n?/g, "\n").split("\n");
  const lines: { sku: string; quantity: number }[] = [];
  const errors: string[] = [];
  rows.forEach((raw, i) => {
    if (!raw.trim()) return;
    // Excel's tabs; typed by hand, a comma or spaces between the two
    const [sku = "", qty = ""] = (raw.includes("\t") ? raw.split("\t") : raw.trim().split(/[,，\s]+/)).map((c) => c.trim());
    if (i === 0 && !/^\d/.test(qty) && lines.length === 0) return; // the header row
    const line = orderLineSchema.safeParse({ sku, quantity: qty.replace(/,/g, "") });
    if (!line.success) errors.push(`粘贴的第 ${i + 1} 行：${line.error.issues[0].message}${sku || qty ? `（${[sku, qty].filter(Boolean).join(" / ").slice(0, 40)}）` : ""}`);
    else lines.push(line.data);
  });
  if (!lines.length && !errors.length) errors.push("没有读到内容：请从 Excel 复制 SKU 和数量两列后粘贴");
  return { lines, errors };
}

/**
 * Puts pasted (or catalogue) lines into the table: a SKU already in it gets the quantity added, a
 * new one takes the next empty row. Returns the rows that did not fit.
 */
export function mergeIntoTable(values: Record<string, string>, lines: { sku: string; quantity: number }[]) {
  let overflow = 0;
  for (const line of lines) {
    const sku = line.sku.toUpperCase();
    let free = -1;
    let same = -1;
    for (let i = 0; i < MAX_BUILDER_ROWS; i++) {
      const here = (values[`sku_${i}`] ?? "").trim().toUpperCase();
      if (here === sku) { same = i; break; }
      if (free === -1 && !here && !(values[`qty_${i}`] ?? "").trim()) free = i;
    }
    if (same >= 0) values[`qty_${same}`] = String((Number(values[`qty_${same}`]) || 0) + line.quantity);
    else if (free >= 0) {
      values[`sku_${free}`] = sku;
      values[`qty_${free}`] = String(line.quantity);
    } else overflow++;
  }
  return overflow;
}

/** What can be done with a submitted bulk order: the one list of decisions, with their words. */
export const DECISIONS = ["approve", "return", "resubmit", "cancel"] as const;
export type Decision = (typeof DECISIONS)[number];

/** The button that takes the decision. */
export const DECISION_LABELS: Record<Decision, string> = { approve: "审批通过", return: "退回修改", resubmit: "重新提交", cancel: "取消订单" };

/** The message once it is taken. */
export const DECISION_DONE: Record<Decision, string> = { approve: "已审批通过，订单进入待付款", return: "已退回采购员", resubmit: "已重新提交", cancel: "订单已取消" };

export const decisionSchema = z.object({
  intent: z.enum(DECISIONS),
  comment: z.string().trim().max(500, "意见过长").optional().default(""),
});
