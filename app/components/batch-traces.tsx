import { Link } from "@remix-run/react";

/** Where each line's goods came from: its batches, with the trace link and QR code of each. */
export function BatchTraces(props: { lines: { id: string; productName: string; variantName: string }[]; batches: Record<string, { code: string; producedOn: string; quantity: number }[]> }) {
  const traced = props.lines.filter((l) => props.batches[l.id]?.length);
  if (traced.length === 0) return null;
  return (
    <section aria-labelledby="trace-h" className="space-y-2 rounded border border-emerald-200 bg-emerald-50/50 p-4 text-sm">
      <h2 id="trace-h" className="font-semibold">批次溯源</h2>
      <p className="text-xs text-stone-600">扫描二维码或点击追溯码，查看这批货的产地、合作社、合格证和带动的脱贫户。</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {traced.flatMap((l) =>
          props.batches[l.id].map((b) => (
            <li key={`${l.id}-${b.code}`} className="flex items-center gap-3 rounded bg-white p-2">
              <img src={`/trace/${b.code}/qr.svg`} alt={`批次 ${b.code} 溯源二维码`} width={72} height={72} loading="lazy" />
              <span>
                {l.productName}（{l.variantName}）× {b.quantity}
                <br />
                <Link to={`/trace/${b.code}`} className="font-mono text-brand-700 underline" data-testid="trace-link">{b.code}</Link>
                <span className="ml-1 text-xs text-stone-500">{b.producedOn} 采收/生产</span>
              </span>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
