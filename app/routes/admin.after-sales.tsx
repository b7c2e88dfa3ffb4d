import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { AfterSalesCard } from "~/components/after-sales-card";
import { ActionMessage } from "~/components/action-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { staffAfterSalesSchema } from "~/models/after-sales/request.schema";
import { decideEscalated } from "~/models/after-sales/request.server";
import { staffAfterSales } from "~/models/after-sales/view.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const view = new URL(request.url).searchParams.get("view") === "all" ? "all" : "escalated";
  return json({ view, requests: await staffAfterSales(view) });
}

type ActionData = { requestId: string | null; error?: string; errors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(staffAfterSalesSchema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ requestId: parsed.values.requestId ?? null, errors: parsed.errors }, { status: 400 });
  try {
    await decideEscalated({ requestId: parsed.data.requestId, staffId: staff.id, accept: parsed.data.intent === "staff-accept", note: parsed.data.decisionNote });
  } catch (error) {
    return errorResponse(error, { requestId: parsed.data.requestId });
  }
  return json<ActionData>({ requestId: parsed.data.requestId }, { headers: await flash(request, parsed.data.intent === "staff-accept" ? "已支持买家的售后申请" : "已驳回，申请关闭") });
}

export default function AdminAfterSales() {
  const { view, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">售后仲裁</h1>
      <nav aria-label="售后筛选" className="flex gap-2 text-sm">
        <Link to="?view=escalated" aria-current={view === "escalated" ? "page" : undefined} className={`rounded-full px-3 py-1.5 ${view === "escalated" ? "bg-stone-800 text-white" : "bg-stone-100"}`}>
          待平台处理
        </Link>
        <Link to="?view=all" aria-current={view === "all" ? "page" : undefined} className={`rounded-full px-3 py-1.5 ${view === "all" ? "bg-stone-800 text-white" : "bg-stone-100"}`}>
          全部
        </Link>
      </nav>
      {requests.length === 0 ? <p className="text-stone-500">{view === "escalated" ? "没有等待平台处理的售后申请。" : "还没有售后申请。"}</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {requests.map((r) => {
          return (
            <AfterSalesCard key={r.id} request={r}>
              <p className="text-xs">
                <Link to={`/admin/orders/${r.order.number}`} className="text-brand-700 underline">
                  查看订单 {r.order.number}
                </Link>
              </p>
              {r.status === "ESCALATED" ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="requestId" value={r.id} />
                  <label className="flex min-w-48 flex-1 flex-col">
                    处理意见
                    <input name="decisionNote" className="rounded border border-stone-300 px-2 py-1.5" />
                  </label>
                  <button name="intent" value="staff-accept" disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-white">
                    支持买家
                  </button>
                  <button name="intent" value="staff-refuse" disabled={busy} className="rounded border border-stone-400 px-3 py-1.5">
                    驳回
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

export const meta: MetaFunction = () => [{ title: "售后仲裁 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
