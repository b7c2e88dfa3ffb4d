import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BarChart, LineChart } from "~/components/charts";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatTile } from "~/components/stat-tile";
import { formatFen } from "~/lib/money";
import { organizationImpact } from "~/models/impact/views.server";
import { requireUser } from "~/session.server";
import { chinaDate } from "~/lib/china-time";
import { RollupsAsOf } from "~/components/rollups-as-of";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["org_buyer", "org_approver", "org_admin"]);
  if (!user.organizationId) throw new Response("您的账号未加入采购单位", { status: 403 });
  const raw = new URL(request.url).searchParams.get("year");
  const thisYear = chinaDate(new Date()).year;
  const year = raw === null || raw === "" ? thisYear : /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > thisYear + 1) throw new Response("年份无效", { status: 400 });
  return json({ impact: await organizationImpact(user.organizationId, year) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function OrgImpact() {
  const { impact } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">本单位帮扶成效 · {impact.year} 年</h1>
        <RollupsAsOf rollups={impact.rollups} />
        <Form method="get" className="flex items-end gap-2 text-sm">
          <label className="flex flex-col">
            年份
            <input name="year" defaultValue={impact.year} inputMode="numeric" className="w-24 rounded border border-stone-300 px-2 py-1" />
          </label>
          <button className="rounded bg-stone-800 px-3 py-1 text-white">查看</button>
        </Form>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <StatTile label="采购金额" value={formatFen(impact.amountFen)} />
        <StatTile label="认购承诺" value={impact.pledgeFen === null ? "未设定" : formatFen(impact.pledgeFen)} />
        <StatTile label="带动脱贫户" value={`${impact.households} 户`} />
        <StatTile label="带动脱贫人口" value={`${impact.people} 人`} />
      </dl>
      {impact.pledgePercent !== null ? (
        <div>
          <p className="text-sm">认购完成度：{impact.pledgePercent}%</p>
          <div className="mt-1 h-3 rounded bg-stone-100" role="progressbar" aria-valuenow={impact.pledgePercent} aria-valuemin={0} aria-valuemax={100} aria-label="认购完成度">
            <div className="h-3 rounded bg-emerald-600" style={{ width: `${Math.min(100, impact.pledgePercent)}%` }} />
          </div>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section>
          <h2 className="mb-2 font-semibold">按结对县</h2>
          <BarChart title="按结对县的采购金额" data={impact.counties.map((c) => ({ label: c.county, value: c.amountFen }))} />
        </section>
        <section>
          <h2 className="mb-2 font-semibold">按月</h2>
          <LineChart title="按月采购金额" data={impact.months.map((m) => ({ label: m.month, value: m.amountFen }))} />
        </section>
      </div>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-300 text-stone-500">
          <tr><th className="py-2">县区</th><th>市州</th><th>结对城市</th><th className="text-right">采购金额</th><th className="text-right">户</th><th className="text-right">人</th></tr>
        </thead>
        <tbody>
          {impact.counties.map((c) => (
            <tr key={c.countyId} className="border-b border-stone-100">
              <td className="py-1.5">{c.county}</td>
              <td>{c.prefecture}</td>
              <td>{c.partnerCity}</td>
              <td className="text-right tabular-nums">{formatFen(c.amountFen)}</td>
              <td className="text-right tabular-nums">{c.households}</td>
              <td className="text-right tabular-nums">{c.people}</td>
            </tr>
          ))}
          {impact.counties.length === 0 ? <EmptyRow colSpan={6}>该年度暂无已支付的采购。</EmptyRow> : null}
        </tbody>
      </table>
      <p className="text-sm text-stone-600">
        户数与人数按县分别统计。同一户脱贫户若为几个县的合作社供货，会出现在这几个县的行里，但在上方「带动脱贫户」「带动脱贫人口」的合计中只算一次，所以各行相加可能大于合计。
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "本单位帮扶成效 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
