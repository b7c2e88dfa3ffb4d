import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { FilterForm } from "~/components/filter-form";
import { LineChart } from "~/components/charts";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatFen } from "~/lib/money";
import { coopImpact, parsePeriod } from "~/models/impact/views.server";
import { requireCoopManager } from "~/session.server";
import { RollupsAsOf } from "~/components/rollups-as-of";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const raw = new URL(request.url).searchParams.get("period");
  const period = parsePeriod(raw === "" ? null : raw);
  if (!period) throw new Response("期间格式应为 YYYY 或 YYYY-MM", { status: 400 });
  return json({ period, impact: await coopImpact(user.coopId, period) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopImpact() {
  const { period, impact } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Link to="/coop/products" className="text-sm text-brand-700 hover:underline">
            ← 商品与库存
          </Link>
          <h1 className="text-2xl font-bold">农户收益 · {period.label}</h1>
          <RollupsAsOf rollups={impact.rollups} />
        </div>
        <FilterForm className="flex items-end gap-2 text-sm">
          <label className="flex flex-col">
            期间（年 YYYY 或月 YYYY-MM）
            <input name="period" defaultValue={period.from.slice(0, period.label.includes("月") ? 7 : 4)} className="w-32 rounded border border-stone-300 px-2 py-1" />
          </label>
          <button className="rounded bg-stone-800 px-3 py-1 text-white">查看</button>
        </FilterForm>
      </div>
      <p className="text-lg">本期经本社计入的销售额：<strong className="tabular-nums">{formatFen(impact.amountFen)}</strong></p>
      {impact.months.length > 1 ? <LineChart title="按月销售额" data={impact.months.map((m) => ({ label: m.month, value: m.amountFen }))} /> : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-300 text-stone-500">
          <tr><th className="py-2">农户编号</th><th>乡镇村</th><th className="text-right">人口</th><th className="text-right">本期收益</th></tr>
        </thead>
        <tbody>
          {impact.households.map((h) => (
            <tr key={h.householdId} className="border-b border-stone-100">
              <td className="py-1.5 font-mono">{h.code}</td>
              <td>{h.place}</td>
              <td className="text-right tabular-nums">{h.members}</td>
              <td className="text-right tabular-nums">{formatFen(h.amountFen)}</td>
            </tr>
          ))}
          {impact.households.length === 0 ? <EmptyRow colSpan={4}>本期暂无计入农户的销售。</EmptyRow> : null}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "农户收益 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
