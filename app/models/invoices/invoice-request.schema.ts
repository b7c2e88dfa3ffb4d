// The buyer's 发票 request, shared by checkout, the institution order builder and the order pages
// (react-hook-form in the browser, parseForm in the actions). Field names start with "invoice" so the
// request can sit inside a larger form.
import * as z from "zod";
import { creditCodeProblem } from "~/lib/credit-code";

export const INVOICE_TYPES = ["PLAIN", "SPECIAL"] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];
export const INVOICE_TYPE_LABELS: Record<InvoiceType, string> = { PLAIN: "增值税普通发票（普票）", SPECIAL: "增值税专用发票（专票）" };
/** The words for a type as stored (an unknown one is shown as it is). */
export const invoiceTypeLabel = (type: string) => INVOICE_TYPE_LABELS[type as InvoiceType] ?? type;

/** What a form may choose: no invoice, or one of the two types. */
export const INVOICE_CHOICES = ["NONE", ...INVOICE_TYPES] as const;
export type InvoiceChoice = (typeof INVOICE_CHOICES)[number];
export const INVOICE_CHOICE_LABELS: Record<InvoiceChoice, string> = { NONE: "不开发票", ...INVOICE_TYPE_LABELS };

export const TITLE_KINDS = ["ORGANIZATION", "PERSONAL"] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];
export const TITLE_KIND_LABELS: Record<TitleKind, string> = { ORGANIZATION: "单位", PERSONAL: "个人" };

/**
 * Why a 纳税人识别号 is wrong, or null. 15, 17, 18 or 20 digits and capitals; an 18-character one is
 * a 统一社会信用代码 and must carry its check character.
 */
export function taxNumberProblem(value: string): string | null {
  if (!/^[0-9A-Z]+$/.test(value) || ![15, 17, 18, 20].includes(value.length)) return "纳税人识别号应为 15、17、18 或 20 位数字或大写字母";
  if (value.length === 18 && creditCodeProblem(value) !== null) return "纳税人识别号校验位不对，请核对（18 位识别号即统一社会信用代码）";
  return null;
}

const text = (max: number, message: string) => z.string().trim().max(max, message).optional().default("");
/** Spaces people type into long numbers go; letters become capitals. */
const compact = (max: number, message: string) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, "").toUpperCase())
    .refine((s) => s.length <= max, message)
    .optional()
    .default("");

/** The fields of an invoice request; embed with `.extend(invoiceRequestShape)` and refine with `checkInvoiceRequest`. */
export const invoiceRequestShape = {
  invoiceType: z.enum(INVOICE_CHOICES, { message: "请选择发票类型" }),
  invoiceTitleKind: z.enum(TITLE_KINDS, { message: "请选择抬头类型" }).optional().default("ORGANIZATION"),
  invoiceTitle: text(100, "发票抬头不超过 100 个字"),
  invoiceTaxNo: compact(20, "纳税人识别号最多 20 位"),
  invoiceAddress: text(120, "注册地址不超过 120 个字"),
  invoicePhone: text(20, "电话不超过 20 位"),
  invoiceBank: text(60, "开户银行不超过 60 个字"),
  invoiceAccount: compact(32, "银行账号最多 32 位"),
};

type RequestValues = { [K in keyof typeof invoiceRequestShape]: z.output<(typeof invoiceRequestShape)[K]> };

/** The rules between the fields: a title always, a tax number for organisations, bank details for 专票. */
export function checkInvoiceRequest(v: RequestValues, ctx: z.RefinementCtx) {
  if (v.invoiceType === "NONE") return;
  const issue = (path: keyof RequestValues, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.invoiceTitle.length < 2) issue("invoiceTitle", v.invoiceTitleKind === "PERSONAL" ? "请填写个人抬头（姓名）" : "请填写单位全称作为发票抬头");
  if (v.invoiceType === "SPECIAL" && v.invoiceTitleKind === "PERSONAL") issue("invoiceTitleKind", "增值税专用发票只能开给单位");
  if (v.invoiceTitleKind === "ORGANIZATION" || v.invoiceTaxNo) {
    const problem = v.invoiceTaxNo ? taxNumberProblem(v.invoiceTaxNo) : "单位抬头需填写纳税人识别号";
    if (problem) issue("invoiceTaxNo", problem);
  }
  if (v.invoiceType !== "SPECIAL") return;
  if (v.invoiceAddress.length < 4) issue("invoiceAddress", "专票需填写单位注册地址");
  if (!/^[0-9-]{7,20}$/.test(v.invoicePhone)) issue("invoicePhone", "专票需填写注册电话（数字与短横线，7–20 位）");
  if (v.invoiceBank.length < 4) issue("invoiceBank", "专票需填写开户银行");
  if (!/^\d{8,32}$/.test(v.invoiceAccount)) issue("invoiceAccount", "专票需填写银行账号（8–32 位数字）");
}

/** A request on its own (the order pages). */
export const invoiceRequestSchema = z.object(invoiceRequestShape).superRefine(checkInvoiceRequest);

export interface InvoiceRequestInput {
  type: InvoiceType;
  titleKind: TitleKind;
  title: string;
  taxNumber: string | null;
  regAddress: string | null;
  regPhone: string | null;
  bankName: string | null;
  bankAccount: string | null;
}

/** The request's form fields; only invoiceType, invoiceTitle and invoiceTaxNo are always present. */
export type InvoiceRequestFields = Pick<RequestValues, "invoiceTitle" | "invoiceTaxNo"> &
  Partial<Omit<RequestValues, "invoiceType" | "invoiceTitle" | "invoiceTaxNo">> & { invoiceType: string };

/** The parsed fields as the model stores them; null when no invoice was asked for. */
export function toInvoiceRequest(v: InvoiceRequestFields): InvoiceRequestInput | null {
  if (v.invoiceType !== "PLAIN" && v.invoiceType !== "SPECIAL") return null;
  const special = v.invoiceType === "SPECIAL";
  return {
    type: v.invoiceType,
    titleKind: v.invoiceTitleKind ?? "ORGANIZATION",
    title: v.invoiceTitle,
    taxNumber: v.invoiceTaxNo || null,
    regAddress: special ? (v.invoiceAddress ?? null) : null,
    regPhone: special ? (v.invoicePhone ?? null) : null,
    bankName: special ? (v.invoiceBank ?? null) : null,
    bankAccount: special ? (v.invoiceAccount ?? null) : null,
  };
}

/** A stored request back as form values (to show and edit it). */
export function invoiceRequestValues(r: InvoiceRequestInput | null, fallback: { title?: string; taxNumber?: string; titleKind?: TitleKind } = {}): Record<string, string> {
  if (!r) return { invoiceType: "NONE", invoiceTitleKind: fallback.titleKind ?? "ORGANIZATION", invoiceTitle: fallback.title ?? "", invoiceTaxNo: fallback.taxNumber ?? "" };
  return {
    invoiceType: r.type,
    invoiceTitleKind: r.titleKind,
    invoiceTitle: r.title,
    invoiceTaxNo: r.taxNumber ?? "",
    invoiceAddress: r.regAddress ?? "",
    invoicePhone: r.regPhone ?? "",
    invoiceBank: r.bankName ?? "",
    invoiceAccount: r.bankAccount ?? "",
  };
}
