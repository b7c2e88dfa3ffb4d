import type { ReactNode } from "react";
import { formatFen } from "~/lib/money";
import type { StatementFigures } from "~/models/settlements/statement.server";

/** A statement as the loader sends it (dates as text). */
interface Row extends StatementFigures {
  month: string;
  coopName: string;
  closed: boolean;
  paid: { paidAt: string; bankReference: string } | null;
  afterPaymentFen: number;
}

function statementState(s: Pick<Row, "paid" | "closed">) {
  return s.paid ? `已付款 · ${s.paid.bankReference}` : s.closed ? "待付款" : "本月未结束";
}

/** A statement's figures as a definition list (a card reads better than a table on a phone). */
function StatementFigures({ s }: { s: Row }) {
  const row = (label: string, fen: number, strong = false) => (
    <div className="flex justify-between gap-4">
      <dt className="text-stone-600">{label}</dt>
      <dd className={`tabular-nums ${strong ? "font-bold" : ""}`}>{formatFen(fen)}</dd>
    </div>
  );
  return (
    <dl className="space-y-1 text-sm">
      {row("商品销售", s.goodsFen)}
      {row("退款", -s.refundsFen)}
      {row("运费", s.shippingFen)}
      {row(`平台服务费（${(s.feeRateBps / 100).toFixed(2)}%）`, -s.feeFen)}
      {row("应付净额", s.netFen, true)}
      {s.afterPaymentFen ? <p className="text-xs text-amber-800">付款后该月又入账 {formatFen(s.afterPaymentFen)}（未含在本结算单中）</p> : null}
    </dl>
  );
}

/** One statement as a card: its title (the month, or the co-op), state, figures, then `children` (files, paying). */
export function StatementCard({ title, s, children }: { title: string; s: Row; children?: ReactNode }) {
  return (
    <section aria-label={`${title} 结算单`} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        <span className={`rounded px-2 py-0.5 text-xs ${s.paid ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800"}`}>{statementState(s)}</span>
      </header>
      <StatementFigures s={s} />
      {children}
    </section>
  );
}
