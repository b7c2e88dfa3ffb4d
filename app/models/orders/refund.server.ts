import { prisma, type Tx } from "~/db.server";
import { formatFen } from "~/lib/money";
import { getStripe } from "~/lib/stripe.server";
import { recordRefund } from "~/models/impact/ledger.server";
import { transition } from "~/models/orders/order.server";
import { REFUNDABLE_STATUSES, type OrderStatus } from "~/models/orders/status";
import { notify } from "~/models/messages/outbox.server";
import { splitByWeights } from "~/models/impact/split";
import { ConflictError } from "~/lib/errors";

// Refunds, from the staff side. Three steps so that no transaction is held across the call to
// Stripe and no amount is ever refunded twice:
//   1. hold: in one transaction, raise each line's (and the order's) refundedFen with a guarded
//      update (never above what was paid) and write the Refund rows — a concurrent refund that
//      would over-refund matches no row and fails;
//   2. Stripe refund, outside any transaction, idempotency key = the first Refund id;
//   3. settle: record the provider reference, reverse the attribution ledger, move the order to
//      PARTLY_REFUNDED / REFUNDED and queue the e-mail. If Stripe refused, undo step 1 instead.
// Staff refund from the order page; an accepted after-sales request refunds through here too, and
// passes `settle` to close itself (and put returned goods back in stock) in step 3's transaction.

/** The money already refunded (or the order's state) leaves no room for this refund: 409, like the order's other conflicts. */
export class RefundError extends ConflictError {}

/** Refund.createdById when no person asked for the refund. */
export const SYSTEM_ACTOR = "system";

export type RefundRequest =
  | { mode: "full" }
  | { mode: "line"; orderLineId: string; amountFen: number }
  /** An order-level amount (goodwill, a damaged box), split across lines by what is left on each. */
  | { mode: "amount"; amountFen: number };

interface Plan {
  lines: { orderLineId: string; amountFen: number }[];
  shippingFen: number;
}

/** What a request refunds per line (and of the shipping fee), given what is still refundable. */
export function planRefund(
  order: { totalFen: number; refundedFen: number; lines: { id: string; lineTotalFen: number; refundedFen: number }[] },
  request: RefundRequest,
): Plan {
  const left = order.lines.map((l) => ({ id: l.id, left: l.lineTotalFen - l.refundedFen }));
  const goodsLeft = left.reduce((s, l) => s + l.left, 0);
  const shippingLeft = order.totalFen - order.refundedFen - goodsLeft;
  if (request.mode === "full") {
    const plan = { lines: left.filter((l) => l.left > 0).map((l) => ({ orderLineId: l.id, amountFen: l.left })), shippingFen: Math.max(0, shippingLeft) };
    if (plan.lines.length === 0 && plan.shippingFen === 0) throw new RefundError("订单已全额退款");
    return plan;
  }
  if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) throw new RefundError("退款金额必须大于 0");
  if (request.mode === "line") {
    const line = left.find((l) => l.id === request.orderLineId);
    if (!line) throw new RefundError("订单里没有这一行");
    if (request.amountFen > line.left) throw new RefundError(`这一行最多还能退 ${formatFen(line.left)}`);
    return { lines: [{ orderLineId: line.id, amountFen: request.amountFen }], shippingFen: 0 };
  }
  if (request.amountFen > goodsLeft) throw new RefundError(`商品部分最多还能退 ${formatFen(goodsLeft)}`);
  const parts = splitByWeights(request.amountFen, left.filter((l) => l.left > 0).map((l) => ({ key: l.id, weight: l.left })));
  return { lines: parts.filter((p) => p.amountFen > 0).map((p) => ({ orderLineId: p.key, amountFen: p.amountFen })), shippingFen: 0 };
}

export async function refundOrder(input: {
  orderId: string;
  /**
   * Who refunds: staff, the co-op manager accepting an after-sales request, or for the schemes the
   * buyer cancelling or the co-op entering a short harvest; null when the system does it on its own
   * (a pre-sale that did not go ahead).
   */
  staffId: string | null;
  reason: string;
  request: RefundRequest;
  settle?: (tx: Tx, refundIds: string[]) => Promise<void>;
}) {
  const order = await prisma.order.findUnique({
    where: { id: input.orderId },
    select: {
      id: true,
      number: true,
      status: true,
      totalFen: true,
      refundedFen: true,
      buyerId: true,
      buyer: { select: { name: true } },
      lines: { select: { id: true, lineTotalFen: true, refundedFen: true } },
      payments: { where: { status: "SUCCEEDED" }, select: { provider: true, providerRef: true }, take: 1 },
    },
  });
  if (!order) throw new RefundError("订单不存在");
  if (!REFUNDABLE_STATUSES.includes(order.status as OrderStatus)) throw new RefundError("只有已付款的订单可以退款");
  const payment = order.payments[0];
  if (!payment) throw new RefundError("订单没有付款记录");
  const plan = planRefund(order, input.request);
  const totalFen = plan.lines.reduce((s, l) => s + l.amountFen, 0) + plan.shippingFen;

  // 1. hold
  const refundIds = await prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const line of plan.lines) {
      const orderLine = order.lines.find((l) => l.id === line.orderLineId)!;
      const { count } = await tx.orderLine.updateMany({
        where: { id: line.orderLineId, orderId: order.id, refundedFen: { lte: orderLine.lineTotalFen - line.amountFen } },
        data: { refundedFen: { increment: line.amountFen } },
      });
      if (count !== 1) throw new RefundError("退款金额超过可退金额（可能有人同时在退款），请刷新后重试");
      const row = await tx.refund.create({
        data: { orderId: order.id, orderLineId: line.orderLineId, amountFen: line.amountFen, reason: input.reason, createdById: input.staffId ?? SYSTEM_ACTOR },
        select: { id: true },
      });
      ids.push(row.id);
    }
    if (plan.shippingFen > 0) {
      const row = await tx.refund.create({
        data: { orderId: order.id, amountFen: plan.shippingFen, reason: `${input.reason}（运费）`, createdById: input.staffId ?? SYSTEM_ACTOR },
        select: { id: true },
      });
      ids.push(row.id);
    }
    const { count } = await tx.order.updateMany({
      where: { id: order.id, status: { in: [...REFUNDABLE_STATUSES] }, refundedFen: { lte: order.totalFen - totalFen } },
      data: { refundedFen: { increment: totalFen } },
    });
    if (count !== 1) throw new RefundError("退款金额超过可退金额（可能有人同时在退款），请刷新后重试");
    return ids;
  });

  // 2. the money
  let providerRef: string;
  try {
    providerRef = await refundWithProvider(payment, totalFen, refundIds[0], order.number);
  } catch (error) {
    await prisma.$transaction(async (tx) => {
      for (const line of plan.lines) {
        await tx.orderLine.update({ where: { id: line.orderLineId }, data: { refundedFen: { decrement: line.amountFen } } });
      }
      await tx.order.update({ where: { id: order.id }, data: { refundedFen: { decrement: totalFen } } });
      await tx.refund.deleteMany({ where: { id: { in: refundIds } } });
    });
    throw new RefundError(`支付渠道退款失败：${(error as Error).message}`);
  }

  // 3. settle
  await prisma.$transaction(async (tx) => {
    await tx.refund.updateMany({ where: { id: { in: refundIds } }, data: { providerRef } });
    for (const [i, line] of plan.lines.entries()) {
      await recordRefund(tx, { refundId: refundIds[i], lines: [line] });
    }
    const now = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, refundedFen: true, totalFen: true } });
    const to: OrderStatus = now.refundedFen >= now.totalFen ? "REFUNDED" : "PARTLY_REFUNDED";
    await transition(tx, { orderId: order.id, from: now.status as OrderStatus, to, actorId: input.staffId, note: `退款 ${formatFen(totalFen)}：${input.reason}` });
    // Nothing is left to send for an order refunded in full.
    if (to === "REFUNDED") await tx.parcel.updateMany({ where: { orderId: order.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    await input.settle?.(tx, refundIds);
    await notify(tx, {
      userId: order.buyerId,
      kind: "payment",
      email: {
        subject: `订单 ${order.number} 已退款 ${formatFen(totalFen)}`,
        content: {
          greeting: `${order.buyer.name}，您好：`,
          paragraphs: [`订单 ${order.number} 已退款 ${formatFen(totalFen)}，款项将原路退回，到账时间以银行为准。`],
          facts: [["退款原因", input.reason]],
        },
      },
    });
  });
  return { refundedFen: totalFen, providerRef, refundIds };
}

async function refundWithProvider(payment: { provider: string; providerRef: string | null }, amountFen: number, key: string, orderNumber: string) {
  if (payment.provider !== "stripe") return `${payment.provider}_refund_${key}`; // test payments: nothing to send back
  const stripe = getStripe();
  if (!stripe || !payment.providerRef) throw new Error("Stripe 未配置或缺少支付编号");
  const refund = await stripe.refunds.create(
    { payment_intent: payment.providerRef, amount: amountFen, metadata: { orderNumber } },
    { idempotencyKey: `refund-${key}` },
  );
  if (refund.status === "failed" || refund.status === "canceled") throw new Error(`Stripe 退款状态 ${refund.status}`);
  return refund.id;
}
