import { formatFen } from "~/lib/money";

interface Row {
  month: string;
  coopName: string;
  goodsFen: number;
  refundsFen: number;
  shippingFen: number;
  feeRateBps: number;
  feeFen: number;
  netFen: number;
  closed: boolean;
  paid: { paidAt: string; bankReference: string } | null;
  afterPaymentFen: number;
}

export function statementState(s: Pick<Row, "paid" | "closed">) {
  return s.paid ? `已付款 · ${s.paid.bankReference}` : s.closed ? "待付款" : "本月未结束";
}

/** A statement's figures as a definition list (a card reads better than a table on a phone). */
export function StatementFigures({ s }: { s: Row }) {
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
