import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatFen } from "~/lib/money";
import { throwAsResponse } from "~/lib/errors";
import { CLAIM_LABELS, CLAIMS } from "~/models/impact/claims";
import { crossTab, parseCrossTabQuery } from "~/models/impact/cross-tab.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  let query;
  try {
    query = parseCrossTabQuery(new URL(request.url).searchParams);
  } catch (error) {
    throwAsResponse(error);
  }
  return json({ query, tab: await crossTab(query) }, { headers: { "Cache-Control": "private, no-store" } });
}

export const meta: MetaFunction = () => [{ title: "交叉汇总（每笔销售只计一次）· 管理后台" }];

export default function CrossTab() {
  const { query, tab } = useLoaderData<typeof loader>();
  const equal = tab.byClaim.every((c) => c.amountFen === tab.totalFen);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">交叉汇总</h1>
      <p className="text-sm text-stone-600">
        一笔销售可同时被体验馆、产地县、东西部协作城市和定点帮扶项目认领。每个维度里它只落在一个分组（含“未经体验馆”“非定点帮扶采购”），
        所以任选两个维度交叉，行合计、列合计与总计都相同；不同维度的数字不能相加。
      </p>
      <FilterForm className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <label className="flex flex-col">开始日期<input type="date" name="from" defaultValue={query.from} className="rounded border border-stone-300 px-2 py-1" /></label>
        <label className="flex flex-col">结束日期<input type="date" name="to" defaultValue={query.to} className="rounded border border-stone-300 px-2 py-1" /></label>
        <label className="flex flex-col">行
          <select name="rows" defaultValue={query.rows} className="rounded border border-stone-300 px-2 py-1">{CLAIMS.map((c) => <option key={c} value={c}>{CLAIM_LABELS[c]}</option>)}</select>
        </label>
        <label className="flex flex-col">列
          <select name="cols" defaultValue={query.cols} className="rounded border border-stone-300 px-2 py-1">{CLAIMS.map((c) => <option key={c} value={c}>{CLAIM_LABELS[c]}</option>)}</select>
        </label>
        <button className="rounded bg-stone-800 px-4 py-1.5 text-white">汇总</button>
      </FilterForm>

      <section aria-labelledby="claims-h">
        <h2 id="claims-h" className="mb-2 font-semibold">各维度合计</h2>
        <ul className="grid gap-2 text-sm sm:grid-cols-4">
          {tab.byClaim.map((c) => (
            <li key={c.claim} className="rounded border bg-white p-3" data-testid={`claim-${c.claim}`}>
              <div className="text-stone-500">按{c.label}（{c.buckets} 组）</div>
              <div className="font-semibold tabular-nums">{formatFen(c.amountFen)}</div>
            </li>
          ))}
        </ul>
        <p role="status" className={`mt-2 rounded p-2 text-sm ${equal ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
          {equal ? `四个维度合计相同：${formatFen(tab.totalFen)}，每笔销售在每个维度只计一次。` : "各维度合计不一致，请运行账本对账。"}
        </p>
      </section>

      <div className="overflow-x-auto">
        <table className="min-w-full text-right text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr>
              <th className="py-2 pr-3 text-left">{CLAIM_LABELS[query.rows]} \ {CLAIM_LABELS[query.cols]}</th>
              {tab.cols.map((c) => <th key={c.key} className="px-2">{c.label}</th>)}
              <th className="px-2">合计</th>
            </tr>
          </thead>
          <tbody>
            {tab.rows.map((r) => (
              <tr key={r.key} className="border-b border-stone-100">
                <th className="py-1.5 pr-3 text-left font-normal">{r.label}</th>
                {tab.cols.map((c) => {
                  const v = tab.cells[`${r.key}\u0001${c.key}`];
                  return <td key={c.key} className="px-2 tabular-nums">{v ? formatFen(v) : "—"}</td>;
                })}
                <td className="px-2 font-semibold tabular-nums">{formatFen(r.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="font-semibold">
            <tr>
              <th className="py-2 pr-3 text-left">合计</th>
              {tab.cols.map((c) => <td key={c.key} className="px-2 tabular-nums">{formatFen(c.amountFen)}</td>)}
              <td className="px-2 tabular-nums" data-testid="grand-total">{formatFen(tab.totalFen)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
