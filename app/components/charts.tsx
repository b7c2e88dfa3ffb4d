import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { formatWan } from "~/lib/money";

// Charts as plain SVG computed with d3-scale/d3-shape during render: they come with the server's HTML,
// need no JavaScript in the browser, and weigh a few kilobytes.

export interface Datum {
  label: string;
  value: number; // fen
}

export function BarChart({ data, title, max = 12 }: { data: Datum[]; title: string; max?: number }) {
  const rows = data.slice(0, max);
  const rowHeight = 26;
  const width = 640;
  const labelWidth = 150;
  const height = rows.length * rowHeight + 8;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((d) => d.value))])
    .range([0, width - labelWidth - 110]);
  const y = scaleBand()
    .domain(rows.map((_, i) => String(i)))
    .range([4, height - 4])
    .padding(0.2);
  return (
    <figure className="overflow-x-auto">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl text-xs">
        <title>{title}</title>
        {rows.map((d, i) => (
          <g key={d.label + i} transform={`translate(0, ${y(String(i))})`}>
            <text x={labelWidth - 6} y={y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="fill-stone-700">
              {d.label.length > 12 ? `${d.label.slice(0, 11)}…` : d.label}
            </text>
            <rect x={labelWidth} width={Math.max(0, x(d.value))} height={y.bandwidth()} className="fill-emerald-600" rx={2} />
            <text x={labelWidth + Math.max(0, x(d.value)) + 4} y={y.bandwidth() / 2} dy="0.35em" className="fill-stone-600">
              {formatWan(d.value)}
            </text>
          </g>
        ))}
      </svg>
      {data.length > max ? <figcaption className="text-xs text-stone-500">图中显示前 {max} 项，完整数据见下表。</figcaption> : null}
    </figure>
  );
}

export function LineChart({ data, title }: { data: Datum[]; title: string }) {
  const width = 640;
  const height = 200;
  const margin = { top: 16, right: 16, bottom: 28, left: 72 };
  const x = scalePoint()
    .domain(data.map((d) => d.label))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...data.map((d) => d.value))])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const path = line<Datum>()
    .x((d) => x(d.label) ?? 0)
    .y((d) => y(d.value))(data);
  return (
    <figure className="overflow-x-auto">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl text-xs">
        <title>{title}</title>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} className="stroke-stone-200" />
            <text x={margin.left - 6} y={y(t)} dy="0.35em" textAnchor="end" className="fill-stone-500">
              {formatWan(t)}
            </text>
          </g>
        ))}
        {path ? <path d={path} fill="none" className="stroke-emerald-700" strokeWidth={2} /> : null}
        {data.map((d) => (
          <g key={d.label}>
            <circle cx={x(d.label)} cy={y(d.value)} r={3} className="fill-emerald-700" />
            <text x={x(d.label)} y={height - 8} textAnchor="middle" className="fill-stone-500">
              {d.label.slice(2)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
