import { formatFen } from "~/lib/money";
import type { OrderImpactReceipt } from "~/models/impact/views.server";

/** "Whom this order helped": per line the origin county, the co-op and how many households shared it. */
export function ImpactReceipt({ receipt }: { receipt: OrderImpactReceipt }) {
  if (!receipt.paid) return null;
  return (
    <section aria-labelledby="impact-receipt" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm">
      <h2 id="impact-receipt" className="font-semibold text-emerald-900">本单帮扶去向</h2>
      <ul className="mt-2 space-y-1">
        {receipt.lines.map((l) => (
          <li key={l.id}>
            <span className="font-medium">{l.productName}</span>（{l.variantName}）：{l.prefecture}{l.county} · {l.coop}
            {l.households > 0 ? `，${l.households} 户脱贫户（${l.people} 人）分享 ${formatFen(l.amountFen)}` : `，计入 ${formatFen(l.amountFen)}`}
          </li>
        ))}
      </ul>
      {receipt.households > 0 ? (
        <p className="mt-2 text-emerald-800">
          感谢您的购买，本单共帮扶 {receipt.households} 户脱贫户、{receipt.people} 人。
        </p>
      ) : null}
    </section>
  );
}
