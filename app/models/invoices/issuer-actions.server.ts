import { parseForm } from "~/lib/forms.server";
import { isDomainError } from "~/lib/errors";
import { checkUpload, postedBytes, readUploadForm, removeStored, storeDocument, UploadTooLarge } from "~/lib/uploads.server";
import { FORM_OVERHEAD_BYTES } from "~/lib/upload-limits";
import { MAX_INVOICE_PDF_BYTES, issueInvoiceSchema, issuerSettingSchema, redInvoiceSchema, voidInvoiceSchema } from "~/models/invoices/invoice.schema";
import { issueInvoice, recordRedInvoice, setInvoiceIssuer, voidInvoice, type InvoiceActor } from "~/models/invoices/invoice.server";

// The issuer's page actions, shared by /admin/invoices (staff) and /coop/invoices (a co-op that
// issues its own): issue a blue invoice with its PDF, enter a red-letter invoice's number and PDF,
// reverse an invoice in full, and (staff only) choose who issues a co-op's invoices. Each returns
// what the page shows — a message, or the errors beside the fields of the form that was sent.

export type IssuerActionResult =
  | { ok: true; message: string }
  | { ok: false; status: number; form: string; errors: Record<string, string>; values: Record<string, string> };

const fail = (form: string, status: number, errors: Record<string, string>, values: Record<string, string>): IssuerActionResult => ({ ok: false, status, form, errors, values });

export async function handleIssuerAction(request: Request, actor: InvoiceActor): Promise<IssuerActionResult> {
  let form: FormData;
  try {
    form = await readUploadForm(request, { maxBodyBytes: MAX_INVOICE_PDF_BYTES + FORM_OVERHEAD_BYTES, maxFileBytes: MAX_INVOICE_PDF_BYTES, fileMessage: `PDF 不能超过 ${MAX_INVOICE_PDF_BYTES / 1024 / 1024} MB`, field: "pdf" });
  } catch (error) {
    if (!(error instanceof UploadTooLarge)) throw error;
    return fail("upload", 413, { pdf: error.message }, {});
  }
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const intent = String(form.get("intent") ?? "");
  const key = String(form.get("orderId") ?? form.get("invoiceId") ?? "");
  const formKey = `${intent}:${key}:${String(form.get("issuerCoopId") ?? "")}`;
  const guard = async (run: () => Promise<string>): Promise<IssuerActionResult> => {
    try {
      return { ok: true, message: await run() };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return fail(formKey, error.status, { [error.field ?? "form"]: error.message }, values);
    }
  };

  if (intent === "issue" || intent === "red") {
    const parsed = intent === "issue" ? parseForm(issueInvoiceSchema, form) : parseForm(redInvoiceSchema, form);
    const bytes = await postedBytes(form, "pdf");
    let kindError: string | null = null;
    try {
      checkUpload(bytes, { kinds: ["pdf"], maxBytes: MAX_INVOICE_PDF_BYTES, field: "pdf", label: "发票 PDF" });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      kindError = error.message;
    }
    if (!parsed.ok || kindError) {
      return fail(formKey, 400, { ...(parsed.ok ? {} : parsed.errors), ...(kindError ? { pdf: kindError } : {}) }, values);
    }
    const pdfFile = await storeDocument("invoices", bytes, "pdf");
    const result = await guard(async () => {
      if (parsed.data.intent === "issue") {
        const d = parsed.data;
        const invoice = await issueInvoice({ orderId: d.orderId, issuerCoopId: d.issuerCoopId || null, actor, number: d.number, issuedOn: d.issuedOn, amountFen: d.amountYuan, pdfFile });
        return `发票 ${invoice.number} 已登记`;
      }
      const d = parsed.data;
      await recordRedInvoice({ invoiceId: d.invoiceId, actor, number: d.number, issuedOn: d.issuedOn, pdfFile });
      return `红字发票 ${d.number} 已登记`;
    });
    if (!result.ok) await removeStored(pdfFile);
    return result;
  }
  if (intent === "void") {
    const parsed = parseForm(voidInvoiceSchema, form);
    if (!parsed.ok) return fail(formKey, 400, parsed.errors, parsed.values);
    return guard(async () => {
      await voidInvoice({ invoiceId: parsed.data.invoiceId, actor, amountFen: parsed.data.amountYuan, reason: parsed.data.reason });
      return "已登记全额红冲，请开具红字发票后补录号码；原发票覆盖的项目可重新开票";
    });
  }
  if (intent === "issuer" && actor.staff) {
    const parsed = parseForm(issuerSettingSchema, form);
    if (!parsed.ok) return fail(formKey, 400, parsed.errors, parsed.values);
    return guard(async () => {
      await setInvoiceIssuer(parsed.data.coopId, parsed.data.invoiceIssuer);
      return "开票方已更新";
    });
  }
  return fail("form", 400, { form: "请求无效" }, {});
}
