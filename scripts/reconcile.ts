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
console.log(result.ok ? "对账一致" : `发现 ${result.mismatches.length} 处订单不一致`);
await prisma.$disconnect();
process.exit(result.ok ? 0 : 1);
