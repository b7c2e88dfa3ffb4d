import { DistinctHouseholdsNote } from "~/components/distinct-households-note";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatTile } from "~/components/stat-tile";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { formatWan } from "~/lib/money";
import { impactBySchemes, publicImpact } from "~/models/impact/views.server";
import { fairPriceShare } from "~/models/catalog/fair-price.server";
import { preorderedUnits } from "~/models/presales/presale.server";
import { travellerCount } from "~/models/tours/tour.server";
import { adoptedTreeCount } from "~/models/trees/orchard.server";
import { RollupsAsOf } from "~/components/rollups-as-of";

// Public: aggregates only (no household code, village or id), read from the ledger's all-time rollups.
export async function loader({ request }: LoaderFunctionArgs) {
  const [impact, fairPrices] = await Promise.all([publicImpact(), fairPriceShare()]);
  const [schemes, trees, travellers, preordered] = await Promise.all([impactBySchemes(impact.totals.amountFen), adoptedTreeCount(), travellerCount(), preorderedUnits()]);
  return json({ impact, fairPrices, schemes, counts: { trees, travellers, preordered } }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function ImpactPage() {
  const { impact, fairPrices, schemes, counts } = useLoaderData<typeof loader>();
  const t = impact.totals;
  const tiles = [
    ["消费帮扶销售额", formatWan(t.amountFen)],
    ["订单", `${t.orders.toLocaleString("zh-CN")} 笔`],
    ["覆盖脱贫县", `${t.counties} 个`],
    ["供货合作社", `${t.coops} 家`],
    ["带动脱贫户", `${t.households.toLocaleString("zh-CN")} 户`],
    ["带动脱贫人口", `${t.people.toLocaleString("zh-CN")} 人`],
  ];
  const maxCity = Math.max(1, ...impact.cities.map((c) => c.amountFen));
  return (
    <div className="mx-auto max-w-6xl space-y-10 px-4 py-8">
      <header>
        <h1 className="text-3xl font-bold">帮扶成效</h1>
        <RollupsAsOf rollups={impact.rollups} />
        <p className="mt-2 text-stone-600">每一元销售都计入产地县、供货合作社和脱贫户。数据来自平台帮扶账本，实时累计，退款已冲销。</p>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map(([label, value]) => (
          <StatTile key={label} label={label} value={value} />
        ))}
      </dl>

      {fairPrices.percent !== null ? (
        <section aria-labelledby="fair-prices" className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="fair-prices" className="text-lg font-semibold">价格公道</h2>
          <p className="mt-1 text-stone-700" data-testid="fair-price-share">
            标注了市场参考价的 {fairPrices.withRef} 件在售商品中，<strong className="tabular-nums">{fairPrices.percent}%</strong>（{fairPrices.fair} 件）所有规格的售价不高于参考价。
          </p>
          <p className="mt-1 text-xs text-stone-500">参考价由合作社填写来源和查价日期，平台核对；高于参考价 30% 以上的价格须经平台审核。每件商品页都列出参考价和近 12 个月价格。</p>
        </section>
      ) : null}

      <section aria-labelledby="pairings">
        <h2 id="pairings" className="mb-4 text-xl font-semibold">东西部协作结对</h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {impact.cities.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex items-baseline justify-between">
                <h3 className="text-lg font-semibold">{c.name} <span className="text-sm font-normal text-stone-500">{c.slogan} · {c.since} 年起</span></h3>
                <span className="tabular-nums">{formatWan(c.amountFen)}</span>
              </div>
              <div className="mt-2 h-2 rounded bg-stone-100" aria-hidden>
                <div className="h-2 rounded bg-emerald-600" style={{ width: `${(c.amountFen * 100) / maxCity}%` }} />
              </div>
              <p className="mt-2 text-sm text-stone-600">
                {c.counties} 个县 · {c.households} 户 · {c.people} 人
              </p>
              <ul className="mt-2 flex flex-wrap gap-2 text-sm">
                {c.prefectures.map((p) => (
                  <li key={p.id} className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-900">
                    → {p.name} {formatWan(p.amountFen)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="by-scheme">
        <h2 id="by-scheme" className="mb-2 text-xl font-semibold">按帮扶方式</h2>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[520px] text-left text-sm">
            <thead className="border-b border-stone-300 text-stone-500">
              <tr><th className="py-2">方式</th><th className="text-right">销售额</th><th className="text-right">受益户</th><th className="text-right">受益人口</th><th>规模</th></tr>
            </thead>
            <tbody>
              {schemes.map((s) => (
                <tr key={s.key} className="border-b border-stone-100">
                  <td className="py-1.5">{s.label}</td>
                  <td className="text-right tabular-nums">{formatWan(s.amountFen)}</td>
                  <td className="text-right tabular-nums">{s.households ?? "—"}</td>
                  <td className="text-right tabular-nums">{s.people ?? "—"}</td>
                  <td className="text-stone-600">
                    {s.key === "TREE" ? `认养果树 ${counts.trees} 棵` : s.key === "TOUR" ? `游客 ${counts.travellers} 人次` : s.key === "PRESALE" ? `预订 ${counts.preordered} 份` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="by-city">
        <h2 id="by-city" className="mb-2 text-xl font-semibold">按东部城市</h2>
        <BarChart title="按东部城市的销售额" data={impact.cities.map((c) => ({ label: c.name, value: c.amountFen }))} />
      </section>

      <section aria-labelledby="by-prefecture">
        <h2 id="by-prefecture" className="mb-2 text-xl font-semibold">按市州</h2>
        <BarChart title="按市州的销售额" data={impact.prefectures.map((p) => ({ label: p.name, value: p.amountFen }))} />
        <div className="overflow-x-auto">
          <table className="mt-4 w-full min-w-[520px] text-left text-sm">
            <thead className="border-b border-stone-300 text-stone-500">
              <tr><th className="py-2">市州</th><th>结对城市</th><th className="text-right">销售额</th><th className="text-right">县</th><th className="text-right">户</th><th className="text-right">人</th></tr>
            </thead>
            <tbody>
              {impact.prefectures.map((p) => (
                <tr key={p.id} className="border-b border-stone-100">
                  <td className="py-1.5">{p.name}</td>
                  <td>{p.city}</td>
                  <td className="text-right tabular-nums">{formatWan(p.amountFen)}</td>
                  <td className="text-right tabular-nums">{p.counties}</td>
                  <td className="text-right tabular-nums">{p.households}</td>
                  <td className="text-right tabular-nums">{p.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <DistinctHouseholdsNote scope="各市州" />
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "帮扶成效 · 陇货通" },
  { name: "description", content: "陇货通每一笔销售计入产地县、合作社与脱贫户：按东部城市与市州公开的帮扶成效。" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
