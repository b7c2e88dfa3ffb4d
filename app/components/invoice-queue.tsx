import { Form, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { fenToYuan, formatFen } from "~/lib/money";
import { INVOICE_TYPE_LABELS, type InvoiceType } from "~/models/invoices/invoice-request.schema";
import { issueInvoiceSchema, redInvoiceSchema, voidInvoiceSchema } from "~/models/invoices/invoice.schema";

// The issuer's work list (staff at /admin/invoices, a co-op at /coop/invoices): requested and not
// yet issued, red-letter invoices waiting for their number, and what was issued lately.

export interface ActionState {
  form?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

interface Requested {
  orderId: string;
  orderNumber: string;
  orderKind: string;
  paidAt: string;
  request: { type: string; titleKind: string; title: string; taxNumber: string | null; regAddress: string | null; regPhone: string | null; bankName: string | null; bankAccount: string | null };
  group: { issuerCoopId: string | null; issuerName: string; amountFen: number; lines: { orderLineId: string | null; label: string; amountFen: number }[] };
}

interface Listed {
  id: string;
  kind: string;
  status: string;
  type: string;
  title: string;
  amountFen: number;
  reversedFen: number;
  fullyReversed: boolean;
  number: string | null;
  issuedOn: string | null;
  reason: string | null;
  issuerCoopId: string | null;
  issuerCoop: { name: string } | null;
  original: { number: string | null } | null;
  order: { number: string; kind: string };
}

const errorsOf = (state: ActionState | undefined, key: string) => (state?.form === key ? state : undefined);
const messages = (errors: Record<string, unknown>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, (v as { message?: string })?.message]));

function IssueForm({ item, today, state }: { item: Requested; today: string; state?: ActionState }) {
  const key = `issue:${item.orderId}:${item.group.issuerCoopId ?? ""}`;
  const server = errorsOf(state, key);
  const form = useValidatedForm(issueInvoiceSchema as never, server, { intent: "issue", orderId: item.orderId, issuerCoopId: item.group.issuerCoopId ?? "", number: "", issuedOn: today, amountYuan: fenToYuan(item.group.amountFen) } as never);
  const errors = { ...messages(form.formState.errors), ...(server?.errors ?? {}) } as Record<string, string | undefined>;
  const navigation = useNavigation();
  const id = (n: string) => `${n}-${item.orderId}-${item.group.issuerCoopId ?? "p"}`;
  return (
    <Form method="post" encType="multipart/form-data" noValidate onSubmit={form.onSubmit} className="mt-2 grid gap-2 sm:grid-cols-5 sm:items-end" aria-label={`为订单 ${item.orderNumber} 开票`}>
      <input type="hidden" {...form.register("intent" as never)} />
      <input type="hidden" {...form.register("orderId" as never)} />
      <input type="hidden" {...form.register("issuerCoopId" as never)} />
      <Field label="发票号码" name={id("number")} error={errors.number}>
        <input id={id("number")} inputMode="numeric" className={inputClass} aria-invalid={Boolean(errors.number)} {...form.register("number" as never)} />
      </Field>
      <Field label="开票日期" name={id("issuedOn")} error={errors.issuedOn}>
        <input id={id("issuedOn")} type="date" max={today} className={inputClass} {...form.register("issuedOn" as never)} />
      </Field>
      <Field label="金额（元）" name={id("amountYuan")} error={errors.amountYuan}>
        <input id={id("amountYuan")} inputMode="decimal" className={inputClass} aria-invalid={Boolean(errors.amountYuan)} {...form.register("amountYuan" as never)} />
      </Field>
      <Field label="发票 PDF" name={id("pdf")} error={errors.pdf}>
        <input id={id("pdf")} name="pdf" type="file" accept="application/pdf,.pdf" className="text-sm" />
      </Field>
      <button className={buttonClass} disabled={navigation.state === "submitting"}>登记开票</button>
      {errors.form ? <p role="alert" className="text-sm text-red-700 sm:col-span-5">{errors.form}</p> : null}
    </Form>
  );
}

function RedForm({ invoice, today, state }: { invoice: Listed; today: string; state?: ActionState }) {
  const key = `red:${invoice.id}:`;
  const server = errorsOf(state, key);
  const form = useValidatedForm(redInvoiceSchema as never, server, { intent: "red", invoiceId: invoice.id, number: "", issuedOn: today } as never);
  const errors = { ...messages(form.formState.errors), ...(server?.errors ?? {}) } as Record<string, string | undefined>;
  const id = (n: string) => `${n}-${invoice.id}`;
  return (
    <Form method="post" encType="multipart/form-data" noValidate onSubmit={form.onSubmit} className="mt-2 grid gap-2 sm:grid-cols-4 sm:items-end" aria-label={`登记红字发票 ${invoice.original?.number ?? ""}`}>
      <input type="hidden" {...form.register("intent" as never)} />
      <input type="hidden" {...form.register("invoiceId" as never)} />
      <Field label="红字发票号码" name={id("number")} error={errors.number}>
        <input id={id("number")} inputMode="numeric" className={inputClass} {...form.register("number" as never)} />
      </Field>
      <Field label="开票日期" name={id("issuedOn")} error={errors.issuedOn}>
        <input id={id("issuedOn")} type="date" max={today} className={inputClass} {...form.register("issuedOn" as never)} />
      </Field>
      <Field label="红字发票 PDF" name={id("pdf")} error={errors.pdf}>
        <input id={id("pdf")} name="pdf" type="file" accept="application/pdf,.pdf" className="text-sm" />
      </Field>
      <button className={buttonClass}>登记红字发票</button>
      {errors.form ? <p role="alert" className="text-sm text-red-700 sm:col-span-4">{errors.form}</p> : null}
    </Form>
  );
}

function VoidForm({ invoice, state }: { invoice: Listed; state?: ActionState }) {
  const key = `void:${invoice.id}:`;
  const server = errorsOf(state, key);
  const form = useValidatedForm(voidInvoiceSchema as never, server, { intent: "void", invoiceId: invoice.id, amountYuan: fenToYuan(invoice.amountFen - invoice.reversedFen), reason: "" } as never);
  const errors = { ...messages(form.formState.errors), ...(server?.errors ?? {}) } as Record<string, string | undefined>;
  const id = (n: string) => `${n}-${invoice.id}`;
  return (
    <details open={Boolean(server)}>
      <summary className="cursor-pointer text-xs text-red-700">红冲重开</summary>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="mt-2 grid gap-2 sm:grid-cols-3 sm:items-end">
        <input type="hidden" {...form.register("intent" as never)} />
        <input type="hidden" {...form.register("invoiceId" as never)} />
        <Field label="红冲金额（元，须全额）" name={id("amountYuan")} error={errors.amountYuan}>
          <input id={id("amountYuan")} inputMode="decimal" className={inputClass} {...form.register("amountYuan" as never)} />
        </Field>
        <Field label="原因" name={id("reason")} error={errors.reason}>
          <input id={id("reason")} className={inputClass} {...form.register("reason" as never)} />
        </Field>
        <button className="rounded border border-red-300 px-3 py-2 text-red-800">登记红冲</button>
        {errors.form ? <p role="alert" className="text-sm text-red-700 sm:col-span-3">{errors.form}</p> : null}
      </Form>
    </details>
  );
}

export function InvoiceQueue(props: {
  requested: Requested[];
  pendingRed: Listed[];
  recent: Listed[];
  today: string;
  state?: ActionState;
  /** Staff also see co-ops' own queues; only what `canIssue` says is theirs gets a form. */
  canIssue: (issuerCoopId: string | null) => boolean;
  orderLink: (order: { number: string; kind: string }) => string | null;
}) {
  const { requested, pendingRed, recent, today, state } = props;
  const orderRef = (order: { number: string; kind: string }) => {
    const to = props.orderLink(order);
    return to ? <Link to={to} className="font-mono text-brand-700 underline">{order.number}</Link> : <span className="font-mono">{order.number}</span>;
  };
  return (
    <div className="space-y-8">
      <section aria-labelledby="req-h" className="space-y-3">
        <h2 id="req-h" className="font-semibold">已申请、待开票（{requested.length}）</h2>
        {requested.length === 0 ? <p className="text-sm text-stone-500">没有待开的发票。</p> : null}
        <ul className="space-y-3">
          {requested.map((item) => (
            <li key={`${item.orderId}-${item.group.issuerCoopId ?? ""}`} className="rounded border bg-white p-3 text-sm" data-testid={`to-issue-${item.orderNumber}`}>
              <div className="flex flex-wrap justify-between gap-2">
                <span>
                  订单 {orderRef({ number: item.orderNumber, kind: item.orderKind })} · {INVOICE_TYPE_LABELS[item.request.type as InvoiceType] ?? item.request.type} · 开票方 {item.group.issuerName}
                </span>
                <strong className="tabular-nums">{formatFen(item.group.amountFen)}</strong>
              </div>
              <p className="text-xs text-stone-600">
                抬头 {item.request.title}；税号 {item.request.taxNumber ?? "（个人）"}
                {item.request.type === "SPECIAL" ? `；${item.request.regAddress} ${item.request.regPhone}；${item.request.bankName} ${item.request.bankAccount}` : ""}
              </p>
              <p className="text-xs text-stone-500">{item.group.lines.map((l) => `${l.label} ${formatFen(l.amountFen)}`).join("；")}</p>
              {props.canIssue(item.group.issuerCoopId) ? <IssueForm item={item} today={today} state={state} /> : <p className="text-xs text-stone-500">由合作社自行开具。</p>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="red-h" className="space-y-3">
        <h2 id="red-h" className="font-semibold">已开票、待红冲（{pendingRed.length}）</h2>
        <p className="text-xs text-stone-500">退款时系统已按退款金额登记红字发票并关联原发票；请在税务系统开具后补录号码与 PDF。</p>
        {pendingRed.length === 0 ? <p className="text-sm text-stone-500">没有待开的红字发票。</p> : null}
        <ul className="space-y-3">
          {pendingRed.map((red) => (
            <li key={red.id} className="rounded border border-red-200 bg-red-50 p-3 text-sm" data-testid={`to-reverse-${red.order.number}`}>
              <div className="flex flex-wrap justify-between gap-2">
                <span>订单 {orderRef(red.order)} · 冲销原发票 <span className="font-mono">{red.original?.number}</span> · {red.issuerCoop?.name ?? "平台"}</span>
                <strong className="tabular-nums">−{formatFen(red.amountFen)}</strong>
              </div>
              <p className="text-xs text-stone-600">{red.reason}</p>
              {props.canIssue(red.issuerCoopId) ? <RedForm invoice={red} today={today} state={state} /> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="recent-h">
        <h2 id="recent-h" className="mb-2 font-semibold">最近开具</h2>
        <ul className="divide-y rounded border bg-white text-sm">
          {recent.map((i) => (
            <li key={i.id} className="space-y-1 p-2">
              <div className="flex flex-wrap justify-between gap-2">
                <span>
                  {i.kind === "RED" ? <span className="mr-1 rounded bg-red-100 px-1.5 text-red-800">红字</span> : null}
                  <span className="font-mono">{i.number}</span> · {i.issuedOn} · 订单 {orderRef(i.order)} · {i.title}
                  {i.kind === "BLUE" && i.reversedFen > 0 ? <span className="text-stone-500">（已红冲 {formatFen(i.reversedFen)}）</span> : null}
                </span>
                <span className="flex gap-3">
                  <span className="tabular-nums">{i.kind === "RED" ? "−" : ""}{formatFen(i.amountFen)}</span>
                  <a href={`/invoices/${i.id}/pdf`} className="text-brand-700 underline">PDF</a>
                </span>
              </div>
              {i.kind === "BLUE" && !i.fullyReversed ? <VoidForm invoice={i} state={state} /> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
