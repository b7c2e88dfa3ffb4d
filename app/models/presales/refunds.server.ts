// Refunds owed by pre-orders, settled from their stage: each pre-order's first payment should have
// given back firstPaymentRefundTarget(...) and its order line shows what it has given back. The
// difference goes through refundOrder (Stripe, then the ledger's reversing rows). Nothing is
// refunded twice, and a refund that failed (Stripe down) is simply settled on the next run.
import { prisma } from "~/db.server";
import { STANDING_STATUSES } from "~/models/orders/status";
import { refundOrder } from "~/models/orders/refund.server";
import { firstPaymentRefundTarget } from "~/models/presales/stages";

export async function settlePresaleRefunds(presaleId: string, options: { actorId: string | null; reason: string; onlyPreorderId?: string }) {
  const rows = await prisma.presaleOrder.findMany({
    where: {
      presaleId,
      ...(options.onlyPreorderId ? { id: options.onlyPreorderId } : {}),
      stage: { not: "OPEN" },
      firstOrder: { status: { in: [...STANDING_STATUSES] } },
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, stage: true, quantity: true, filledQty: true, firstOrderId: true, firstOrder: { select: { lines: { select: { id: true, unitPriceFen: true, refundedFen: true } } } } },
  });
  let refundedFen = 0;
  const failed: { preorderId: string; message: string }[] = [];
  for (const r of rows) {
    const line = r.firstOrder.lines[0];
    const owed = firstPaymentRefundTarget({ stage: r.stage, quantity: r.quantity, filledQty: r.filledQty, unitPriceFen: line.unitPriceFen }) - line.refundedFen;
    if (owed <= 0) continue;
    try {
      await refundOrder({ orderId: r.firstOrderId, staffId: options.actorId, reason: options.reason, request: { mode: "line", orderLineId: line.id, amountFen: owed } });
      refundedFen += owed;
    } catch (error) {
      failed.push({ preorderId: r.id, message: (error as Error).message });
      console.error(`[presale] refund of pre-order ${r.id} failed, will retry:`, (error as Error).message);
    }
  }
  return { refundedFen, failed };
}

/** Every pre-sale with a refund still owed (the sweeper's retry). */
export async function settleAllPresaleRefunds() {
  const presales = await prisma.presaleOrder.findMany({
    where: { stage: { in: ["UNFILLED", "CANCELLED", "LAPSED", "FILLED", "AWAITING_BALANCE", "FORFEITED"] }, firstOrder: { status: { in: [...STANDING_STATUSES] } } },
    distinct: ["presaleId"],
    select: { presaleId: true },
  });
  let refundedFen = 0;
  for (const p of presales) refundedFen += (await settlePresaleRefunds(p.presaleId, { actorId: null, reason: "预售退款补办" })).refundedFen;
  return refundedFen;
}
