import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InvoiceQueue, type ActionState } from "~/components/invoice-queue";
import { businessDay } from "~/lib/china-time";
import { invoiceQueue } from "~/models/invoices/invoice.server";
import { handleIssuerAction } from "~/models/invoices/issuer-actions.server";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ ...(await invoiceQueue({ coopId: user.coopId })), coopId: user.coopId, today: businessDay(new Date()) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const result = await handleIssuerAction(request, { userId: user.id, coopId: user.coopId });
  if (result.ok) return json<ActionState>({}, { headers: await flash(request, result.message) });
  return json<ActionState>({ form: result.form, errors: result.errors, values: result.values }, { status: result.status });
}

export const meta: MetaFunction = () => [{ title: "发票 · 合作社" }];

export default function CoopInvoices() {
  const { requested, pendingRed, recent, coopId, today } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <Link to="/coop/products" className="text-sm text-brand-700 hover:underline">← 商品与库存</Link>
      <h1 className="text-2xl font-bold">发票</h1>
      <p className="text-sm text-stone-600">本社自行开票时，买家申请的本社商品发票在这里登记（号码、日期、金额与 PDF）；退款生成的红字发票请开具后补录。由平台开票时，此页为空。</p>
      <InvoiceQueue requested={requested} pendingRed={pendingRed} recent={recent} today={today} state={state} canIssue={(id) => id === coopId} orderLink={() => null} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
