import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { AfterSalesCard } from "~/components/after-sales-card";
import { ActionMessage } from "~/components/action-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { coopAfterSalesSchema } from "~/models/after-sales/request.schema";
import { acceptRequest, confirmReturnReceived, refuseRequest } from "~/models/after-sales/request.server";
import { AFTER_SALES_VIEWS } from "~/models/after-sales/status";
import { coopAfterSales } from "~/models/after-sales/view.server";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const raw = new URL(request.url).searchParams.get("view");
  const view = raw === "all" ? "all" : "open";
  return json({ view, ...(await coopAfterSales(user.coopId, view)) }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionData = { requestId: string | null; error?: string; errors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const parsed = parseForm(coopAfterSalesSchema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ requestId: parsed.values.requestId ?? null, errors: parsed.errors }, { status: 400 });
  const input = parsed.data;
  const scope = { requestId: input.requestId, coopId: user.coopId, actorId: user.id };
  try {
    if (input.intent === "accept") await acceptRequest(scope);
    else if (input.intent === "return-received") await confirmReturnReceived(scope);
    else await refuseRequest({ ...scope, reason: input.refusalReason });
  } catch (error) {
    return errorResponse(error, { requestId: input.requestId });
  }
  const done = { accept: "已同意", "return-received": "已确认收到退货并退款", refuse: "已拒绝，买家可申请平台介入" }[input.intent];
  return json<ActionData>({ requestId: input.requestId }, { headers: await flash(request, done) });
}

export default function CoopAfterSales() {
  const { view, requests, openCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  const small = "rounded border border-stone-300 px-2 py-2 text-sm";
  return (
    <div className="mx-auto max-w-5xl space-y-5 px-4 py-6">
      <h1 className="text-2xl font-bold">售后</h1>
      <nav aria-label="售后筛选" className="flex gap-2 text-sm">
        {AFTER_SALES_VIEWS.map((v) => (
          <Link key={v} to={`?view=${v}`} aria-current={v === view ? "page" : undefined} className={`rounded-full px-3 py-2 ${v === view ? "bg-stone-800 text-white" : "bg-stone-100"}`}>
            {v === "open" ? `待处理（${openCount}）` : "全部"}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? <p className="py-6 text-center text-stone-500">{view === "open" ? "没有待处理的售后申请。" : "还没有售后申请。"}</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {requests.map((r) => {
          return (
            <AfterSalesCard key={r.id} request={r}>
              {r.status === "REQUESTED" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <button disabled={busy} className="rounded bg-brand-600 px-4 py-2 text-white">
                    {r.kind === "REFUND_ONLY" ? `同意并退款 ${formatFen(r.amountFen)}` : "同意退货"}
                  </button>
                </Form>
              ) : null}
              {r.status === "RETURN_SHIPPED" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="return-received" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <button disabled={busy} className="rounded bg-brand-600 px-4 py-2 text-white">
                    已收到退货，退款 {formatFen(r.amountFen)}
                  </button>
                </Form>
              ) : null}
              {r.status === "REQUESTED" || r.status === "RETURN_SHIPPED" ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="refuse" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <label className="flex min-w-40 flex-1 flex-col">
                    拒绝理由
                    <input name="refusalReason" className={small} />
                  </label>
                  <button disabled={busy} className="rounded border border-red-300 px-3 py-2 text-red-700">
                    拒绝
                  </button>
                </Form>
              ) : null}
              <ActionMessage result={actionData} of={actionData?.requestId} id={r.id} />
            </AfterSalesCard>
          );
        })}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "售后 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
