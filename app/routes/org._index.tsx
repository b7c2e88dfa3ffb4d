import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { fenToYuan, formatFen } from "~/lib/money";
import { pledgeSchema } from "~/models/institutions/organization.schema";
import { listOrgOrders } from "~/models/institutions/bulk-order.server";
import { pledgeProgress, setPledge } from "~/models/institutions/pledge.server";
import { flash, requireOrgMember } from "~/session.server";
import { chinaDate } from "~/lib/china-time";
import { RollupsAsOf } from "~/components/rollups-as-of";

function yearFrom(request: Request) {
  const raw = new URL(request.url).searchParams.get("year");
  const year = raw && /^\d{4}$/.test(raw) ? Number(raw) : chinaDate(new Date()).year;
  return year >= 2016 && year <= 2100 ? year : chinaDate(new Date()).year;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organization } = await requireOrgMember(request);
  const year = yearFrom(request);
  const [progress, awaiting] = await Promise.all([
    pledgeProgress(organization.id, year),
    listOrgOrders(organization.id, { status: "PENDING_APPROVAL", take: 20 }),
  ]);
  return json({
    organization,
    progress,
    awaiting,
    isAdmin: user.roles.includes("org_admin"),
    canApprove: user.roles.includes("org_approver") || user.roles.includes("org_admin"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization } = await requireOrgMember(request, ["org_admin"]);
  const parsed = parseForm(pledgeSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  await setPledge(organization.id, parsed.data.year, parsed.data.targetYuan);
  return json({ errors: null }, { headers: await flash(request, `已设定 ${parsed.data.year} 年帮扶采购目标`) });
}

export default function OrgHome() {
  const { organization, progress, awaiting, isAdmin, canApprove } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const max = Math.max(1, ...progress.byMonth.map((m) => m.fen), progress.targetFen ? Math.ceil(progress.targetFen / 12) : 0);
  return (
    <div className="space-y-8">
      {organization.status === "PENDING" ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          单位信息正在等待平台核验，核验通过后即可提交采购订单。
        </p>
      ) : null}
      {organization.status === "REJECTED" ? (
        <div role="status" className="space-y-1 rounded border border-red-300 bg-red-50 p-3 text-sm">
          <p className="font-semibold text-red-800">单位注册未通过平台核验</p>
          <p>原因：{organization.rejectReason ?? "未说明"}</p>
          <p className="text-stone-600">请按上述原因准备材料后联系平台客服重新核验。</p>
        </div>
      ) : null}

      {canApprove && awaiting.length ? (
        <section>
          <h2 className="mb-2 text-lg font-semibold">待审批（{awaiting.length}）</h2>
          <ul className="divide-y rounded border bg-white text-sm">
            {awaiting.map((o) => (
              <li key={o.id} className="flex flex-wrap justify-between gap-2 p-2">
                <Link to={`/org/orders/${o.number}`} className="text-brand-700 underline">{o.number}</Link>
                <span>{o.buyer.name}</span>
                <span>{formatFen(o.totalFen)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="pledge-h">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="pledge-h" className="text-lg font-semibold">{progress.year} 年消费帮扶采购</h2>
          <FilterForm className="flex items-center gap-2 text-sm">
            <label htmlFor="year-view">年份</label>
            <input id="year-view" name="year" type="number" min={2016} max={2100} defaultValue={progress.year} className="w-24 rounded border px-2 py-1" />
            <button className="rounded bg-stone-800 px-2 py-1 text-white">查看</button>
          </FilterForm>
        </div>
        <RollupsAsOf rollups={progress.rollups} />
        <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
          <div className="rounded border bg-white p-3"><dt className="text-xs text-stone-500">已采购（已付款，扣除退款）</dt><dd className="text-xl font-bold" data-testid="purchased">{formatFen(progress.purchasedFen)}</dd></div>
          <div className="rounded border bg-white p-3"><dt className="text-xs text-stone-500">年度认购目标</dt><dd className="text-xl font-bold">{progress.targetFen ? formatFen(progress.targetFen) : "未设定"}</dd></div>
          <div className="rounded border bg-white p-3"><dt className="text-xs text-stone-500">完成率</dt><dd className="text-xl font-bold">{progress.percent === null ? "—" : `${progress.percent}%`}</dd></div>
        </dl>
        {progress.targetFen ? (
          <div className="mt-3 h-3 w-full overflow-hidden rounded bg-stone-200" role="progressbar" aria-valuenow={progress.percent ?? 0} aria-valuemin={0} aria-valuemax={100} aria-label="目标完成率">
            <div className="h-full bg-brand-600" style={{ width: `${Math.min(100, progress.percent ?? 0)}%` }} />
          </div>
        ) : null}

        <h3 className="mt-6 mb-2 font-medium">按月份</h3>
        <table className="w-full text-sm">
          <caption className="sr-only">按月份的采购金额</caption>
          <tbody>
            {progress.byMonth.map((m) => (
              <tr key={m.month}>
                <th scope="row" className="w-16 py-0.5 text-left font-normal">{m.month} 月</th>
                <td><div className="h-3 rounded bg-brand-500" style={{ width: `${(Math.max(0, m.fen) / max) * 100}%` }} /></td>
                <td className="w-32 text-right tabular-nums">{formatFen(m.fen)}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3 className="mt-6 mb-2 font-medium">按结对县</h3>
        {progress.byCounty.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-stone-500"><tr><th>县（区）</th><th>市州</th><th className="text-right">金额</th></tr></thead>
            <tbody>
              {progress.byCounty.map((c) => (
                <tr key={c.county + c.prefecture} className="border-t"><td className="py-1">{c.county}</td><td>{c.prefecture}</td><td className="text-right tabular-nums">{formatFen(c.fen)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-stone-500">本年度还没有已付款的采购。</p>
        )}
        <p className="mt-4 flex flex-wrap gap-4 text-sm">
          <a href={`/org/statement.pdf?year=${progress.year}`} className="text-brand-700 underline">下载 {progress.year} 年采购证明（PDF）</a>
          <Link to="/org/impact" className="text-brand-700 underline">查看带动的脱贫户与人口</Link>
        </p>
      </section>

      {isAdmin ? (
        <section>
          <h2 className="mb-2 text-lg font-semibold">设定年度帮扶采购目标</h2>
          <ValidatedForm
            schema={pledgeSchema}
            server={actionData?.errors ? { errors: actionData.errors } : undefined}
            defaults={{ year: String(progress.year), targetYuan: progress.targetFen ? fenToYuan(progress.targetFen) : "" }}
            className="flex flex-wrap items-end gap-3"
          >
            {(form) => (
              <>
                <Field label="年份" name="year" error={fieldError(form, "year")}>
                  <input id="year" type="number" className={inputClass} aria-invalid={Boolean(fieldError(form, "year"))} {...form.register("year")} />
                </Field>
                <Field label="目标金额（元）" name="targetYuan" error={fieldError(form, "targetYuan")}>
                  <input id="targetYuan" inputMode="decimal" className={inputClass} aria-invalid={Boolean(fieldError(form, "targetYuan"))} {...form.register("targetYuan")} />
                </Field>
                <button className={buttonClass}>保存目标</button>
              </>
            )}
          </ValidatedForm>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "单位采购概览 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

