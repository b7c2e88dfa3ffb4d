import { prisma } from "~/db.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { getStripe, testPaymentsEnabled, type Stripe } from "~/lib/stripe.server";
import { formatFen } from "~/lib/money";
import { cancelUnpaidOrder, markOrderPaid, OrderStateError } from "~/models/orders/order.server";
import { notify } from "~/models/messages/outbox.server";
import { DomainError, NotFoundError, isUniqueViolation } from "~/lib/errors";

// Paying for a placed order. Stripe Checkout when keys are configured; otherwise (development
// only) the local 测试支付 page. Both end in markOrderPaid, the one place an order becomes paid.

/** Starting a payment failed on the provider's side. */
export class PaymentError extends DomainError {
  constructor(message: string) {
    super(message, { status: 502 });
  }
}

/** Where a buyer follows an order: institution orders live under their organisation's pages. */
export function orderPagePath(order: { kind: string; number: string }) {
  return order.kind === "BULK" ? `/org/orders/${order.number}` : `/orders/${order.number}`;
}


/**
 * Where the buyer goes to pay. Creates (or, for the same order, gets back) a Stripe Checkout
 * Session in CNY. The call is made outside any database transaction; the idempotency key is the
 * order id, so a retry or a double click returns the same session instead of a second one.
 */
export async function paymentUrlFor(orderId: string, request: Request): Promise<string> {
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      kind: true,
      status: true,
      totalFen: true,
      shippingFen: true,
      reservedUntil: true,
      buyer: { select: { email: true } },
      lines: { select: { productName: true, variantName: true, quantity: true, unitPriceFen: true } },
    },
  });
  const orderPage = orderPagePath(order);
  if (order.status !== "PENDING_PAYMENT") return orderPage;
  const stripe = getStripe();
  if (!stripe) {
    if (testPaymentsEnabled()) return `/pay/test/${order.number}`;
    throw new PaymentError("支付未配置，请联系平台");
  }
  const origin = publicOrigin(request);
  const lineItems = order.lines.map((l) => ({
    quantity: l.quantity,
    price_data: { currency: "cny", unit_amount: l.unitPriceFen, product_data: { name: `${l.productName}（${l.variantName}）` } },
  }));
  if (order.shippingFen > 0) {
    lineItems.push({ quantity: 1, price_data: { currency: "cny", unit_amount: order.shippingFen, product_data: { name: "运费" } } });
  }
  // Stripe accepts an expiry between 30 minutes and 24 hours from now; keep it inside our reservation.
  const minExpiry = Math.ceil(Date.now() / 1000) + 31 * 60;
  const expiresAt = Math.max(minExpiry, Math.floor((order.reservedUntil?.getTime() ?? Date.now() + 60 * 60_000) / 1000));
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        currency: "cny",
        line_items: lineItems,
        client_reference_id: order.id,
        customer_email: order.buyer.email,
        metadata: { orderId: order.id, orderNumber: order.number },
        payment_intent_data: { metadata: { orderId: order.id, orderNumber: order.number } },
        expires_at: expiresAt,
        success_url: `${origin}${orderPage}?paid=1`,
        cancel_url: `${origin}${orderPage}`,
      },
      { idempotencyKey: `checkout-session-${order.id}` },
    );
  } catch (error) {
    console.error(`[stripe] checkout session for ${order.number} failed:`, (error as Error).message);
    throw new PaymentError("暂时无法连接支付服务，订单已保留，请稍后在订单页重试付款");
  }
  if (session.amount_total !== order.totalFen) throw new PaymentError("支付金额与订单不符，请联系平台");
  await prisma.order.updateMany({ where: { id: order.id, paymentRef: null }, data: { paymentRef: session.id } });
  if (!session.url) throw new PaymentError("支付页面暂不可用，请稍后重试");
  return session.url;
}

/**
 * Where to send the buyer of a just-placed order: the payment page, or — when the provider cannot
 * be reached — the order's own page with the reason (the order and its hold stay).
 */
export async function paymentStep(orderId: string, request: Request, fallbackPath: string): Promise<{ to: string; message?: string }> {
  try {
    return { to: await paymentUrlFor(orderId, request) };
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    return { to: fallbackPath, message: error.message };
  }
}

/** The local test payment (development without Stripe keys): the same markOrderPaid path as a webhook. */
export async function completeTestPayment(input: { orderNumber: string; buyerId: string; outcome: "succeed" | "fail" }) {
  if (!testPaymentsEnabled()) throw new NotFoundError("测试支付未启用");
  const order = await prisma.order.findFirst({
    where: { number: input.orderNumber, buyerId: input.buyerId },
    select: { id: true, totalFen: true },
  });
  if (!order) throw new NotFoundError("订单不存在");
  if (input.outcome === "fail") {
    try {
      await cancelUnpaidOrder(order.id, input.buyerId, "测试支付：支付失败，库存已释放");
    } catch (error) {
      if (!(error instanceof OrderStateError)) throw error;
    }
    return "failed" as const;
  }
  return markOrderPaid({
    orderId: order.id,
    method: "TEST",
    provider: "test",
    providerRef: `test_${order.id}`,
    amountFen: order.totalFen,
    actorId: input.buyerId,
  });
}

export type WebhookOutcome = "duplicate" | "paid" | "already" | "refunded-late" | "cancelled" | "ignored" | "waiting";

/**
 * Applies one verified Stripe event. Safe in any order and any number of times: an event id seen
 * before is a no-op, and each handler is itself idempotent (markOrderPaid pays once; cancelling
 * only moves an order that is still unpaid), so two deliveries racing each other are harmless too.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  const seen = await prisma.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } });
  if (seen) return "duplicate";
  const outcome = await applyEvent(event);
  // Recorded after it was applied: a failure above leaves it unrecorded, so Stripe's retry redoes it.
  try {
    await prisma.stripeEvent.create({ data: { id: event.id, type: event.type } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return outcome;
}

async function applyEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      const order = await orderForSession(session);
      if (!order) return "ignored";
      // A delayed method (bank debit) completes the session before the money arrives.
      if (session.payment_status !== "paid") return "waiting";
      const result = await markOrderPaid({
        orderId: order.id,
        method: "CARD",
        provider: "stripe",
        providerRef: typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? session.id),
        amountFen: session.amount_total ?? -1,
        paidAt: new Date(event.created * 1000),
      });
      if (result === "not-payable") return refundLatePayment(order, session);
      return result;
    }
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = event.data.object;
      const order = await orderForSession(session);
      if (!order || order.status !== "PENDING_PAYMENT") return "ignored";
      try {
        await cancelUnpaidOrder(order.id, null, event.type === "checkout.session.expired" ? "支付超时，库存已释放" : "支付失败，库存已释放");
        return "cancelled";
      } catch (error) {
        if (error instanceof OrderStateError) return "ignored"; // paid or cancelled meanwhile
        throw error;
      }
    }
    default:
      return "ignored";
  }
}

/**
 * Money that arrives for an order already cancelled (a delayed bank debit that succeeded after the
 * reservation ran out, or a payment racing the sweeper): its stock may be sold to someone else, so
 * the payment goes straight back. Stripe sends two events for such a payment (completed and
 * async_payment_succeeded); the first refunds and records it, the second finds the record. Should
 * both race, Stripe refuses to refund a payment twice and the loser's webhook fails and is retried.
 * Nothing is written before Stripe has refunded: if it fails, so does the webhook, and Stripe
 * delivers it again (no fixed idempotency key, so a retry is a new attempt, not the old failure).
 */
async function refundLatePayment(order: { id: string; number: string; status: string }, session: Stripe.Checkout.Session): Promise<WebhookOutcome> {
  const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
  const amountFen = session.amount_total ?? 0;
  const stripe = getStripe();
  if (!stripe || !paymentIntent) throw new PaymentError(`订单 ${order.number} 取消后收到付款 ${session.id}，但无法自动退款`);
  if (await prisma.payment.findUnique({ where: { providerRef: paymentIntent }, select: { id: true } })) return "refunded-late";
  const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount: amountFen, metadata: { orderNumber: order.number, reason: "paid after cancellation" } });
  try {
    await prisma.$transaction(async (tx) => {
      await tx.payment.create({ data: { orderId: order.id, provider: "stripe", providerRef: paymentIntent, amountFen, status: "REFUNDED" } });
      await tx.orderEvent.create({
        data: { orderId: order.id, fromStatus: order.status, toStatus: order.status, note: `订单取消后才收到付款 ${formatFen(amountFen)}，已原路退回（${refund.id}）` },
      });
      const { buyerId, buyer } = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { buyerId: true, buyer: { select: { name: true } } } });
      await notify(tx, {
        userId: buyerId,
        kind: "payment",
        email: {
          subject: `订单 ${order.number} 的付款已退回`,
          content: {
            greeting: `${buyer.name}，您好：`,
            paragraphs: [`订单 ${order.number} 在付款完成前已超时取消，库存已释放。您支付的 ${formatFen(amountFen)} 已原路退回，到账时间以银行为准。`, "如仍需购买，请重新下单。"],
          },
        },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // recorded by the other event meanwhile
  }
  return "refunded-late";
}

/** The order a session belongs to, if the session is the one we created for it (CNY, same id). */
async function orderForSession(session: Stripe.Checkout.Session) {
  const orderId = session.client_reference_id ?? session.metadata?.orderId;
  if (!orderId || session.currency !== "cny") return null;
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { id: true, number: true, status: true, paymentRef: true } });
  if (!order) return null;
  if (order.paymentRef && order.paymentRef !== session.id) return null;
  return order;
}
