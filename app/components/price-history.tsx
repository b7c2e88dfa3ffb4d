import { businessDay } from "~/lib/china-time";
import { formatFen } from "~/lib/money";

/**
 * A variant's price over the last 12 months as a small step chart, with the 市场参考价 as a dashed
 * line when there is one. The figures are also given as text for screen readers.
 */
export function PriceHistory(props: { points: { at: string; priceFen: number }[]; refPriceFen: number | null; label: string }) {
  const { points, refPriceFen } = props;
  if (points.length < 2) return null;
  const W = 240;
  const H = 44;
  const pad = 4;
  const t0 = Date.parse(points[0].at);
  const t1 = Date.parse(points[points.length - 1].at);
  const values = [...points.map((p) => p.priceFen), ...(refPriceFen ? [refPriceFen] : [])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (at: string) => pad + ((Date.parse(at) - t0) / Math.max(1, t1 - t0)) * (W - 2 * pad);
  const y = (fen: number) => (hi === lo ? H / 2 : pad + ((hi - fen) / (hi - lo)) * (H - 2 * pad));
  const path = points.map((p, i) => (i === 0 ? `M${x(p.at)},${y(p.priceFen)}` : `H${x(p.at)}V${y(p.priceFen)}`)).join("");
  const changes = points.length - 2;
  const summary = `${props.label}近 12 个月价格：${changes === 0 ? `一直为 ${formatFen(points[0].priceFen)}` : `调价 ${changes} 次，最低 ${formatFen(Math.min(...points.map((p) => p.priceFen)))}，最高 ${formatFen(Math.max(...points.map((p) => p.priceFen)))}`}`;
  return (
    <figure className="mt-2">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-11 w-full max-w-60" role="img" aria-label={summary}>
        {refPriceFen ? <line x1={pad} x2={W - pad} y1={y(refPriceFen)} y2={y(refPriceFen)} stroke="#a8a29e" strokeDasharray="3 3" /> : null}
        <path d={`${path}H${W - pad}`} fill="none" stroke="#b45309" strokeWidth={2} />
      </svg>
      <figcaption className="text-xs text-stone-500">
        近 12 个月价格（{businessDay(new Date(points[0].at))} 起{refPriceFen ? "；虚线为市场参考价" : ""}）{changes === 0 ? "：未调价" : `：调价 ${changes} 次`}
      </figcaption>
    </figure>
  );
}
