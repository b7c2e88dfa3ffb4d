import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InvoiceQueue, type ActionState } from "~/components/invoice-queue";
import { businessDay } from "~/lib/china-time";
import { INVOICE_ISSUER_LABELS, INVOICE_ISSUERS } from "~/models/invoices/invoice.schema";
import { invoiceIssuerSettings, invoiceQueue } from "~/models/invoices/invoice.server";
import { handleIssuerAction } from "~/models/invoices/issuer-actions.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const [queue, coops] = await Promise.all([invoiceQueue({ staff: true }), invoiceIssuerSettings()]);
  return json({ ...queue, coops, today: businessDay(new Date()) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const result = await handleIssuerAction(request, { userId: staff.id, staff: true });
  if (result.ok) return json<ActionState>({}, { headers: await flash(request, result.message) });
  return json<ActionState>({ form: result.form, errors: result.errors, values: result.values }, { status: result.status });
}

export const meta: MetaFunction = () => [{ title: "发票管理 · 管理后台" }];

export default function AdminInvoices() {
  const { requested, pendingRed, recent, coops, today } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">发票管理</h1>
      <p className="text-sm text-stone-600">
        平台为由平台开票的合作社商品和运费开具发票；选择“合作社自行开具”的合作社在其后台开票。金额须等于实付减去已退款；退款会自动登记红字发票。
      </p>
      <InvoiceQueue
        requested={requested}
        pendingRed={pendingRed}
        recent={recent}
        today={today}
        state={state}
        canIssue={() => true}
        orderLink={(o) => `/admin/orders/${o.number}`}
      />
      <details aria-labelledby="issuer-h">
        <summary id="issuer-h" className="mb-2 cursor-pointer font-semibold">开票方设置（{coops.filter((c) => c.invoiceIssuer === "COOP").length} 家合作社自行开票）</summary>
        <ul className="divide-y rounded border bg-white text-sm">
          {coops.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
              <span>{c.name} <span className="text-stone-500">· {c.county.name}</span></span>
              <Form method="post" className="flex items-center gap-2">
                <input type="hidden" name="intent" value="issuer" />
                <input type="hidden" name="coopId" value={c.id} />
                <label className="sr-only" htmlFor={`issuer-${c.id}`}>{c.name} 的开票方</label>
                <select id={`issuer-${c.id}`} name="invoiceIssuer" defaultValue={c.invoiceIssuer} className="rounded border px-2 py-1">
                  {INVOICE_ISSUERS.map((i) => <option key={i} value={i}>{INVOICE_ISSUER_LABELS[i]}</option>)}
                </select>
                <button className="rounded border px-2 py-1">保存</button>
              </Form>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
