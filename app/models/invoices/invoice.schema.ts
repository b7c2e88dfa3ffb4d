// Forms of the issuers (staff for the platform, a co-op for its own lines): issue a blue invoice,
// record the number of a red-letter one, reverse an invoice to issue it again, choose who issues.
import * as z from "zod";
import { yuanField } from "~/lib/form-fields";

export const INVOICE_ISSUERS = ["PLATFORM", "COOP"] as const;
export type InvoiceIssuer = (typeof INVOICE_ISSUERS)[number];
export const INVOICE_ISSUER_LABELS: Record<InvoiceIssuer, string> = { PLATFORM: "平台开具", COOP: "合作社自行开具" };

/** 发票号码: 8 digits (paper and older e-invoices, with a separate code) or 20 (数电票). */
const invoiceNumber = z
  .string()
  .trim()
  .regex(/^(\d{8}|\d{20})$/, "发票号码应为 8 位或 20 位（数电票）数字");

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "请选择开票日期")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "日期无效");

export const MAX_INVOICE_PDF_BYTES = 5 * 1024 * 1024;

export const issueInvoiceSchema = z.object({
  intent: z.literal("issue"),
  orderId: z.string().min(1),
  issuerCoopId: z.string().optional().default(""),
  number: invoiceNumber,
  issuedOn: day,
  amountYuan: yuanField("请填写发票金额（元）", { positive: true }),
});

export const redInvoiceSchema = z.object({
  intent: z.literal("red"),
  invoiceId: z.string().min(1),
  number: invoiceNumber,
  issuedOn: day,
});

export const voidInvoiceSchema = z.object({
  intent: z.literal("void"),
  invoiceId: z.string().min(1),
  amountYuan: yuanField("请填写红冲金额（元）", { positive: true }),
  reason: z.string().trim().min(2, "请写明红冲原因，如抬头有误").max(200, "原因不超过 200 个字"),
});

export const issuerSettingSchema = z.object({
  intent: z.literal("issuer"),
  coopId: z.string().min(1),
  invoiceIssuer: z.enum(INVOICE_ISSUERS, { message: "请选择开票方" }),
});
