import { DistinctHouseholdsNote } from "~/components/distinct-households-note";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { FilterForm } from "~/components/filter-form";
import { BarChart, LineChart } from "~/components/charts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatTile } from "~/components/stat-tile";
import { formatFen } from "~/lib/money";
import { DIMENSION_KEYS, DIMENSIONS, DRILL } from "~/models/impact/dimensions";
import { impactReport, parseReportQuery, reportFilterOptions } from "~/models/impact/report.server";
import { throwAsResponse } from "~/lib/errors";
import { requireUser } from "~/session.server";
import { RollupsAsOf } from "~/components/rollups-as-of";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const params = new URL(request.url).searchParams;
  const query = await parseReportQuery(params).catch((error) => throwAsResponse(error));
  const [report, options] = await Promise.all([impactReport(query), reportFilterOptions()]);
  return json({ query, report, options });
}

export default function AdminReports() {
  const { query, report, options } = useLoaderData<typeof loader>();
  const search = (changes: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ from: query.from, to: query.to, by: query.by, hallId: query.hallId, cityId: query.cityId, countyId: query.countyId, ...changes })) {
      if (v) p.set(k, v);
    }
    return `?${p}`;
  };
  const drill = DRILL[query.by];
  const exportQuery = search({ by: undefined }).slice(1);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">销售与帮扶报表</h1>
      <RollupsAsOf rollups={report.rollups} />
      <FilterForm className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <input type="hidden" name="by" value={query.by} />
        <label className="flex flex-col">
          开始日期
          <input type="date" name="from" defaultValue={query.from} className="rounded border border-stone-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          结束日期
          <input type="date" name="to" defaultValue={query.to} className="rounded border border-stone-300 px-2 py-1" />
        </label>
        <Select name="hallId" label="体验馆" value={query.hallId} options={options.halls} />
        <Select name="cityId" label="东部城市" value={query.cityId} options={options.cities} />
        <Select name="countyId" label="县区" value={query.countyId} options={options.counties} />
        <button className="rounded bg-stone-800 px-4 py-1.5 text-white">筛选</button>
      </FilterForm>

      <nav aria-label="分组方式" className="flex flex-wrap gap-2 text-sm">
        {DIMENSION_KEYS.map((d) => (
          <Link key={d} to={search({ by: d })} className={`rounded px-3 py-1 ${d === query.by ? "bg-emerald-700 text-white" : "bg-stone-100 hover:bg-stone-200"}`}>
            按{DIMENSIONS[d]}
          </Link>
        ))}
      </nav>

      <dl className="grid grid-cols-3 gap-3">
        <StatTile label="销售额" value={formatFen(report.totals.amountFen)} />
        <StatTile label="带动脱贫户" value={`${report.totals.households} 户`} />
        <StatTile label="带动脱贫人口" value={`${report.totals.people} 人`} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <section>
          <h2 className="mb-2 font-semibold">按{DIMENSIONS[query.by]}的销售额</h2>
          <BarChart title={`按${DIMENSIONS[query.by]}的销售额`} data={report.rows.map((r) => ({ label: r.label, value: r.amountFen }))} />
        </section>
        <section>
          <h2 className="mb-2 font-semibold">月度销售额</h2>
          <LineChart title="月度销售额" data={report.monthly.map((m) => ({ label: m.month, value: m.amountFen }))} />
        </section>
      </div>

      <div className="flex gap-3 text-sm">
        <a href={`/admin/reports/export?format=csv&${exportQuery}`} className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100">导出 CSV</a>
        <a href={`/admin/reports/export?format=xlsx&${exportQuery}`} className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100">导出 Excel</a>
      </div>

      <div className="overflow-x-auto">
        <table className="w-full min-w-[560px] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr>
              <th className="py-2">{DIMENSIONS[query.by]}</th>
              <th className="text-right">销售额</th>
              <th className="text-right">带动户数</th>
              <th className="text-right">带动人数</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.key} className="border-b border-stone-100">
                <td className="py-1.5">
                  {drill && r.key ? <Link className="text-emerald-700 underline" to={search({ by: drill.by, [drill.filter]: r.key })}>{r.label}</Link> : r.label}
                </td>
                <td className="text-right tabular-nums">{formatFen(r.amountFen)}</td>
                <td className="text-right tabular-nums">{r.households}</td>
                <td className="text-right tabular-nums">{r.people}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="font-semibold">
            <tr>
              <td className="py-2">合计</td>
              <td className="text-right tabular-nums">{formatFen(report.totals.amountFen)}</td>
              <td className="text-right tabular-nums">{report.totals.households}</td>
              <td className="text-right tabular-nums">{report.totals.people}</td>
            </tr>
          </tfoot>
        </table>
        <div className="mt-2">
          <DistinctHouseholdsNote scope="各分组" />
          <p className="text-xs text-stone-500">只计区间内净额为正的农户。</p>
        </div>
      </div>
    </div>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { id: string; name: string }[] }) {
  return (
    <label className="flex flex-col">
      {label}
      <select name={name} defaultValue={value ?? ""} className="rounded border border-stone-300 px-2 py-1">
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export const meta: MetaFunction = () => [{ title: "销售与帮扶报表 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
