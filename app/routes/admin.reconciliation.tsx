import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatFen } from "~/lib/money";
import { reconcile } from "~/models/impact/reconciliation.server";
import { requireUser } from "~/session.server";
import { RollupsAsOf } from "~/components/rollups-as-of";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json({ result: await reconcile() }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function AdminReconciliation() {
  const { result } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">账本对账</h1>
      <RollupsAsOf rollups={result.rollupsAsOf} />
      <p role="status" className={`rounded p-3 text-sm ${result.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
        {result.ok
          ? "对账一致：帮扶账本合计等于已支付订单商品金额减去退款；每笔销售在各维度只计一次；发票净额等于实付减退款。"
          : `发现不一致：订单 ${result.mismatches.length} 处，重复计数 ${result.countedOnce.problems.length} 处，发票 ${result.invoices.mismatches.length} 处，请核查。`}
      </p>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
        {[
          ["已支付订单", `${result.orders} 笔`],
          ["商品实付", formatFen(result.paidFen)],
          ["商品退款", formatFen(result.refundedFen)],
          ["应计入账本", formatFen(result.expectedFen)],
          ["账本合计（县层级）", formatFen(result.ledgerFen)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-3">
            <dt className="text-stone-500">{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <section>
        <h2 className="mb-2 font-semibold">汇总表核对</h2>
        <table className="w-full text-left text-sm">
          <thead className="text-stone-500">
            <tr><th className="py-1">汇总表</th><th className="text-right">账本</th><th className="text-right">汇总</th><th className="text-right">结果</th></tr>
          </thead>
          <tbody>
            {result.rollups.map((r) => (
              <tr key={r.name} className="border-t border-stone-100">
                <td className="py-1">{r.name}</td>
                <td className="text-right tabular-nums">{formatFen(r.ledgerFen)}</td>
                <td className="text-right tabular-nums">{formatFen(r.rollupFen)}</td>
                <td className="text-right">{r.ledgerFen === r.rollupFen ? "一致" : "不一致"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="once-h">
        <h2 id="once-h" className="mb-2 font-semibold">每笔销售只计一次</h2>
        <table className="w-full text-left text-sm">
          <tbody>
            {result.countedOnce.totals.map((t) => (
              <tr key={t.claim} className="border-t border-stone-100">
                <td className="py-1">按{t.label}（{t.buckets} 组）</td>
                <td className="text-right tabular-nums">{formatFen(t.amountFen)}</td>
                <td className="text-right">{t.amountFen === result.rollups[0].ledgerFen ? "一致" : "不一致"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.countedOnce.problems.map((p) => <p key={p} role="alert" className="text-sm text-red-700">{p}</p>)}
      </section>
      <section aria-labelledby="inv-h">
        <h2 id="inv-h" className="mb-2 font-semibold">发票</h2>
        <p className="text-sm">
          {result.invoices.orders} 笔订单：开具 {formatFen(result.invoices.issuedFen)}，红冲 {formatFen(result.invoices.reversedFen)}，净额 {formatFen(result.invoices.netFen)}；
          所覆盖项目的实付减退款 {formatFen(result.invoices.coveredNetFen)}。红字发票待补录号码 {result.invoices.pendingRed} 张；已申请未开票 {result.invoices.awaitingIssue} 笔。
        </p>
        {result.invoices.mismatches.length ? (
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-stone-500"><tr><th className="py-1">订单号</th><th className="text-right">应为</th><th className="text-right">发票净额</th><th>原因</th></tr></thead>
            <tbody>
              {result.invoices.mismatches.map((m, i) => (
                <tr key={`${m.orderId}-${i}`} className="border-t border-stone-100"><td className="py-1 font-mono">{m.orderNumber}</td><td className="text-right tabular-nums">{formatFen(m.expectedFen)}</td><td className="text-right tabular-nums">{formatFen(m.invoicedFen)}</td><td>{m.reason}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {result.mismatches.length ? (
        <section>
          <h2 className="mb-2 font-semibold">不一致的订单</h2>
          <table className="w-full text-left text-sm">
            <thead className="text-stone-500">
              <tr><th className="py-1">订单号</th><th className="text-right">应计</th><th className="text-right">账本</th><th>原因</th></tr>
            </thead>
            <tbody>
              {result.mismatches.map((m, i) => (
                <tr key={`${m.orderId}-${i}`} className="border-t border-stone-100">
                  <td className="py-1 font-mono">{m.orderNumber}</td>
                  <td className="text-right tabular-nums">{formatFen(m.expectedFen)}</td>
                  <td className="text-right tabular-nums">{formatFen(m.ledgerFen)}</td>
                  <td>{m.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <p className="text-xs text-stone-500">
        口径：已支付订单指已记录付款时间的订单；应计入账本 = 订单各行商品金额之和 − 各行的退款之和（运费不计入账本）；
        账本合计取县一级的净额，合作社一级与农户一级须逐行相等。技术人员也可在服务器上运行同样的核对（见部署说明）。
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "账本对账 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
