// `npm run reconcile`: checks the impact ledger against the orders and exits 1 on any mismatch.
import { prisma } from "~/db.server";
import { formatFen } from "~/lib/money";
import { reconcile } from "~/models/impact/reconciliation.server";

const result = await reconcile();
console.log(`已支付订单 ${result.orders} 笔；商品实付 ${formatFen(result.paidFen)}，退款 ${formatFen(result.refundedFen)}`);
console.log(`应计入账本 ${formatFen(result.expectedFen)}；账本合计 ${formatFen(result.ledgerFen)}`);
for (const r of result.rollups) {
  console.log(`${r.ledgerFen === r.rollupFen ? "一致  " : "不一致"} ${r.name}: 账本 ${formatFen(r.ledgerFen)} / 汇总 ${formatFen(r.rollupFen)}`);
}
for (const m of result.mismatches) {
  console.log(`不一致 订单 ${m.orderNumber}: 应计 ${formatFen(m.expectedFen)}，账本 ${formatFen(m.ledgerFen)}（${m.reason}）`);
}
for (const t of result.countedOnce.totals) console.log(`${t.amountFen === result.rollups[0].ledgerFen ? "一致  " : "不一致"} 按${t.label}（${t.buckets} 组）合计 ${formatFen(t.amountFen)}`);
for (const p of result.countedOnce.problems) console.log(`不一致 ${p}`);
const inv = result.invoices;
console.log(`发票：${inv.orders} 笔订单开票 ${formatFen(inv.issuedFen)}，红冲 ${formatFen(inv.reversedFen)}，净额 ${formatFen(inv.netFen)}；所覆盖项目实付减退款 ${formatFen(inv.coveredNetFen)}；红字待开具 ${inv.pendingRed} 张，申请未开 ${inv.awaitingIssue} 笔`);
for (const m of inv.mismatches) console.log(`不一致 发票 订单 ${m.orderNumber}: 应为 ${formatFen(m.expectedFen)}，发票净额 ${formatFen(m.invoicedFen)}（${m.reason}）`);
console.log(result.ok ? "对账一致" : `发现不一致：订单 ${result.mismatches.length} 处，发票 ${inv.mismatches.length} 处，重复计数 ${result.countedOnce.problems.length} 处`);
await prisma.$disconnect();
process.exit(result.ok ? 0 : 1);
