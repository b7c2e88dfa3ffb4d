import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { ActionMessage } from "~/components/action-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatementCard } from "~/components/statement-table";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { markPaidSchema } from "~/models/settlements/settlement.schema";
import { currentMonth, isMonth, markStatementPaid, monthStatements, previousMonth } from "~/models/settlements/statement.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const raw = new URL(request.url).searchParams.get("month");
  const month = isMonth(raw) ? raw : previousMonth(currentMonth());
  const statements = await monthStatements(month);
  const total = statements.reduce((s, x) => s + x.netFen, 0);
  return json({ month, statements, total });
}

type ActionData = { coopId: string | null; error?: string; errors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(markPaidSchema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ coopId: parsed.values.coopId ?? null, errors: parsed.errors }, { status: 400 });
  try {
    const paid = await markStatementPaid({ ...parsed.data, staffId: staff.id });
    return json<ActionData>({ coopId: parsed.data.coopId }, { headers: await flash(request, `已标记付款 ${formatFen(paid.netFen)}`) });
  } catch (error) {
    return errorResponse(error, { coopId: parsed.data.coopId });
  }
}

export default function AdminSettlements() {
  const { month, statements, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">合作社结算 · {month}</h1>
        <FilterForm className="flex items-end gap-2 text-sm">
          <label className="flex flex-col">
            月份
            <input type="month" name="month" defaultValue={month} className="rounded border border-stone-300 px-2 py-1" />
          </label>
          <button className="rounded bg-stone-800 px-3 py-1 text-white">查看</button>
        </FilterForm>
      </div>
      <p className="text-sm text-stone-600">
        {statements.length} 家合作社，应付合计 <strong>{formatFen(total)}</strong> ·{" "}
        <a href={`/admin/settlements/export.csv?month=${month}`} className="text-brand-700 underline">
          下载本月汇总 CSV
        </a>
      </p>
      {statements.length === 0 ? <p className="text-stone-500">本月没有需要结算的合作社。</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {statements.map((s) => {
          return (
            <StatementCard key={s.coopId} title={s.coopName} s={s}>
              <p className="text-sm">
                <a href={`/admin/settlements/statement.pdf?month=${month}&coop=${s.coopId}`} className="text-brand-700 underline">
                  结算单 PDF
                </a>
              </p>
              {s.closed && !s.paid ? (
                <Form method="post" className="flex flex-wrap items-end gap-2 text-sm">
                  <input type="hidden" name="coopId" value={s.coopId} />
                  <input type="hidden" name="month" value={month} />
                  <label className="flex flex-1 flex-col">
                    银行流水号
                    <input name="bankReference" className="rounded border border-stone-300 px-2 py-1.5" />
                  </label>
                  <button disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-white">
                    标记已付款
                  </button>
                </Form>
              ) : null}
              <ActionMessage result={actionData} of={actionData?.coopId} id={s.coopId} />
            </StatementCard>
          );
        })}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "合作社结算 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
