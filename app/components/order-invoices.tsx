import { Form } from "@remix-run/react";
import { buttonClass, useValidatedForm } from "~/components/form";
import { InvoiceRequestFields } from "~/components/invoice-request-fields";
import { formatFen } from "~/lib/money";
import { INVOICE_TYPE_LABELS, TITLE_KIND_LABELS, invoiceRequestSchema, invoiceRequestValues, type InvoiceType, type TitleKind } from "~/models/invoices/invoice-request.schema";

interface Props {
  invoices: {
    request: { type: string; titleKind: string; title: string; taxNumber: string | null; regAddress: string | null; regPhone: string | null; bankName: string | null; bankAccount: string | null } | null;
    awaiting: { issuerName: string; amountFen: number }[];
    invoices: { id: string; kind: string; status: string; number: string | null; issuedOn: string | null; amountFen: number; fullyReversed: boolean; hasPdf: boolean; issuerName: string; originalNumber: string | null }[];
    locked: boolean;
  };
  /** The buyer may still ask for or change the request (nothing issued yet). */
  canRequest: boolean;
  organizationOnly?: boolean;
  form?: { values?: Record<string, string>; errors?: Record<string, string> };
}

/** The 发票 part of an order page: what was asked for, what has been issued (PDFs), what is pending. */
export function OrderInvoices({ invoices, canRequest, organizationOnly, form }: Props) {
  const r = invoices.request;
  const values = form?.values ?? invoiceRequestValues(r as Parameters<typeof invoiceRequestValues>[0], { titleKind: organizationOnly ? "ORGANIZATION" : "PERSONAL" });
  return (
    <section aria-labelledby="invoice-h" className="space-y-3 rounded border border-stone-200 bg-white p-4 text-sm">
      <h2 id="invoice-h" className="font-semibold">发票</h2>
      {r ? (
        <p data-testid="invoice-request">
          {INVOICE_TYPE_LABELS[r.type as InvoiceType] ?? r.type} · {TITLE_KIND_LABELS[r.titleKind as TitleKind] ?? r.titleKind}抬头：{r.title}
          {r.taxNumber ? `（${r.taxNumber}）` : ""}
          {r.type === "SPECIAL" ? `；${r.regAddress} ${r.regPhone}；${r.bankName} 尾号 ${r.bankAccount?.slice(-4)}` : ""}
        </p>
      ) : (
        <p className="text-stone-600">未申请发票。</p>
      )}
      {invoices.invoices.length ? (
        <ul className="divide-y">
          {invoices.invoices.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`invoice-${i.kind.toLowerCase()}`}>
              <span>
                {i.kind === "RED" ? <span className="mr-1 rounded bg-red-100 px-1.5 text-red-800">红字</span> : null}
                {i.number ? <span className="font-mono">{i.number}</span> : "号码待开具"}
                <span className="ml-2 text-stone-500">{i.issuerName}{i.issuedOn ? ` · ${i.issuedOn}` : ""}</span>
                {i.originalNumber ? <span className="ml-2 text-stone-500">冲销 {i.originalNumber}</span> : null}
                {i.kind === "BLUE" && i.fullyReversed ? <span className="ml-2 text-stone-500">（已全额红冲）</span> : null}
              </span>
              <span className="flex items-center gap-3">
                <span className="tabular-nums">{i.kind === "RED" ? "−" : ""}{formatFen(i.amountFen)}</span>
                {i.hasPdf ? <a href={`/invoices/${i.id}/pdf`} className="text-brand-700 underline">下载 PDF</a> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {invoices.awaiting.map((a) => (
        <p key={a.issuerName} className="text-stone-600">待开具：{a.issuerName} {formatFen(a.amountFen)}</p>
      ))}
      {canRequest && !invoices.locked ? (
        <details open={Boolean(form?.errors)}>
          <summary className="cursor-pointer text-brand-700">{r ? "修改发票信息" : "申请发票"}</summary>
          <RequestForm values={values} server={form} organizationOnly={organizationOnly} />
        </details>
      ) : null}
    </section>
  );
}

function RequestForm(props: { values: Record<string, string>; server?: { values?: Record<string, string>; errors?: Record<string, string> }; organizationOnly?: boolean }) {
  const form = useValidatedForm(invoiceRequestSchema as never, props.server, props.values as never);
  const errors = Object.fromEntries(Object.entries(form.formState.errors).map(([k, v]) => [k, (v as { message?: string })?.message]));
  return (
    <Form method="post" className="mt-3 space-y-3" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="invoice" />
      <InvoiceRequestFields values={props.values} errors={errors} organizationOnly={props.organizationOnly} register={form.register as never} />
      <button className={buttonClass}>保存发票信息</button>
    </Form>
  );
}
