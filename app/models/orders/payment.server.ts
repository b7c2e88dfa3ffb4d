import { prisma, raw, type Tx } from "~/db.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { getStripe, testPaymentsEnabled, type Stripe } from "~/lib/stripe.server";
import { formatFen } from "~/lib/money";
import { cancelUnpaidOrder, markOrderPaid, OrderStateError, PaymentAmountError, recordFailedPayment } from "~/models/orders/order.server";
import { notify } from "~/models/messages/outbox.server";
import { DomainError, NotFoundError, isUniqueViolation } from "~/lib/errors";
import { isOnlinePaymentMethod, methodOfStripeTypes, ONLINE_PAYMENT_CHOICES, ONLINE_PAYMENT_METHODS, paymentMethodLabel, STRIPE_METHOD_TYPES, type OnlinePaymentMethod } from "~/models/orders/payment-method";

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
 * Where the buyer goes to pay, by the method chosen now (the pay step) or at checkout. Creates (or,
 * for the same order and method, gets back) a Stripe Checkout Session in CNY for that one method:
 * 支付宝 (alipay), 微信支付 (wechat_pay, client web: Stripe's page shows the QR code) or 银行卡
 * (card); an order that never named one (a scheme's) is offered all three on Stripe's page.
 * Calls are made outside any database transaction. A session of another method is expired first,
 * so an order never has two payable sessions; the idempotency key names the method, the session it
 * replaces and the failed attempts so far, so a double click gets the same session and a change
 * of mind or a retry after a failure a new one.
 */
export async function paymentUrlFor(orderId: string, request: Request, method?: OnlinePaymentMethod): Promise<string> {
  const order = await orderToPay(orderId);
  const orderPage = orderPagePath(order);
  if (order.status !== "PENDING_PAYMENT") return orderPage;
  if (order.paymentMethod === "BANK_TRANSFER") return orderPage; // paid by transfer, never online
  const current = isOnlinePaymentMethod(order.paymentMethod) ? order.paymentMethod : null;
  const chosen = method ?? current;
  const stripe = getStripe();
  if (!stripe) {
    if (!testPaymentsEnabled()) throw new PaymentError("支付未配置，请联系平台");
    if (chosen && chosen !== current) await prisma.order.updateMany({ where: { id: order.id, status: "PENDING_PAYMENT" }, data: { paymentMethod: chosen } });
    return `/pay/test/${order.number}`;
  }
  const previous = order.paymentRef?.startsWith("cs_") ? order.paymentRef : null;
  if (previous) {
    const reuse = chosen === current ? await openSessionUrl(stripe, previous) : await retireSession(stripe, order.id, previous);
    if (reuse) return reuse;
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
  const [{ failures }] = await raw(prisma).query<{ failures: number }>(
    `SELECT COUNT(*) AS "failures" FROM "OrderEvent" WHERE "orderId" = ? AND "fromStatus" = 'PENDING_PAYMENT' AND "toStatus" = 'PENDING_PAYMENT'`,
    order.id,
  );
  const types = chosen ? [STRIPE_METHOD_TYPES[chosen]] : ONLINE_PAYMENT_METHODS.map((m) => STRIPE_METHOD_TYPES[m]);
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        currency: "cny",
        line_items: lineItems,
        // Stripe's API version 2026-09-30 and later (stripe 23 sends 2026-10-28) took payment_method_types
        // away from session creation; allowed_payment_method_types names the methods instead, and
        // the session comes back with them in payment_method_types.
        allowed_payment_method_types: types,
        // web: Stripe's page shows a QR code to scan with WeChat (no app id is needed for the web)
        ...(types.includes("wechat_pay") ? { payment_method_options: { wechat_pay: { client: "web" as const } } } : {}),
        client_reference_id: order.id,
        customer_email: order.buyer.email,
        metadata: { orderId: order.id, orderNumber: order.number, paymentMethod: chosen ?? "ONLINE" },
        payment_intent_data: { metadata: { orderId: order.id, orderNumber: order.number } },
        expires_at: expiresAt,
        success_url: `${origin}${orderPage}?paid=1`,
        cancel_url: `${origin}${orderPage}`,
      },
      { idempotencyKey: `checkout-session-${order.id}-${chosen ?? "any"}-${previous ?? "first"}-${failures}` },
    );
  } catch (error) {
    console.error(`[stripe] checkout session for ${order.number} failed:`, (error as Error).message);
    throw new PaymentError("暂时无法连接支付服务，订单已保留，请稍后在订单页重试付款");
  }
  if (session.amount_total !== order.totalFen) throw new PaymentError("支付金额与订单不符，请联系平台");
  // The session is the order's unless another one took its place meanwhile (a reused session is
  // replaced only when it is still the one we replaced).
  await raw(prisma).execute(
    `UPDATE "Order" SET "paymentRef" = ?${chosen ? `, "paymentMethod" = ?` : ""} WHERE "id" = ? AND "status" = 'PENDING_PAYMENT'${previous ? ` AND ("paymentRef" IS NULL OR "paymentRef" = ?)` : ""}`,
    ...[session.id, ...(chosen ? [chosen] : []), order.id, ...(previous ? [previous] : [])],
  );
  if (!session.url) throw new PaymentError("支付页面暂不可用，请稍后重试");
  return session.url;
}

/**
 * What paying an order reads of it: two raw statements, as checkout calls this for every order
 * (Prisma's nested select cost its compiler about a millisecond). A test holds it to that select.
 */
export async function orderToPay(orderId: string) {
  const [[order], lines] = await Promise.all([
    raw(prisma).query<{
      id: string; number: string; kind: string; status: string; totalFen: number; shippingFen: number; reservedUntil: string | null;
      paymentMethod: string | null; paymentRef: string | null; buyerEmail: string;
    }>(
      `SELECT o."id", o."number", o."kind", o."status", o."totalFen", o."shippingFen", o."reservedUntil", o."paymentMethod", o."paymentRef", u."email" AS "buyerEmail"
       FROM "Order" o JOIN "User" u ON u."id" = o."buyerId" WHERE o."id" = ?`,
      orderId,
    ),
    raw(prisma).query<{ productName: string; variantName: string; quantity: number; unitPriceFen: number }>(
      `SELECT "productName", "variantName", "quantity", "unitPriceFen" FROM "OrderLine" WHERE "orderId" = ? ORDER BY "rowid"`, // in the order placed
      orderId,
    ),
  ]);
  if (!order) throw new NotFoundError("订单不存在");
  const { buyerEmail, reservedUntil, ...rest } = order;
  return { ...rest, reservedUntil: reservedUntil === null ? null : new Date(reservedUntil), buyer: { email: buyerEmail }, lines };
}

/** The page of a session that can still be paid; null when it is gone (expired) and a new one is needed. */
async function openSessionUrl(stripe: Stripe, sessionId: string): Promise<string | null> {
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(sessionId);
  } catch (error) {
    console.error(`[stripe] session ${sessionId} could not be read:`, (error as Error).message);
    throw new PaymentError("暂时无法连接支付服务，订单已保留，请稍后在订单页重试付款");
  }
  if (session.status === "open" && session.url) return session.url;
  if (session.status === "complete") throw new PaymentError("上一笔付款正在确认中，请稍后刷新订单页");
  return null;
}

/**
 * The buyer switched method: the old session is expired at Stripe before a new one is made, so
 * only one can ever take money. Its reference is let go first: Stripe's checkout.session.expired
 * for it then finds no order of its own to cancel. If it had already completed (a payment on its
 * way), it is kept and the buyer waits for it.
 */
async function retireSession(stripe: Stripe, orderId: string, sessionId: string): Promise<null> {
  await prisma.order.updateMany({ where: { id: orderId, paymentRef: sessionId }, data: { paymentRef: null } });
  try {
    await stripe.checkout.sessions.expire(sessionId);
    return null;
  } catch {
    let status: string | null = null;
    try {
      status = (await stripe.checkout.sessions.retrieve(sessionId)).status;
    } catch {
      // unknown: keep it, as if it had completed
    }
    if (status === "expired") return null;
    await prisma.order.updateMany({ where: { id: orderId, paymentRef: null }, data: { paymentRef: sessionId } });
    throw new PaymentError(status === "complete" ? "上一笔付款正在确认中，请稍后刷新订单页" : "暂时无法更换支付方式，请稍后重试");
  }
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
export async function completeTestPayment(input: { orderNumber: string; buyerId: string; outcome: "succeed" | "fail"; method: OnlinePaymentMethod }) {
  if (!testPaymentsEnabled()) throw new NotFoundError("测试支付未启用");
  const order = await prisma.order.findFirst({
    where: { number: input.orderNumber, buyerId: input.buyerId },
    select: { id: true, totalFen: true },
  });
  if (!order) throw new NotFoundError("订单不存在");
  // A failed attempt keeps the order and its reservation: the buyer pays again from the order page.
  const label = ONLINE_PAYMENT_CHOICES[input.method].label;
  if (input.outcome === "fail") return recordFailedPayment(order.id, input.buyerId, `测试支付：${label}支付未成功`);
  return markOrderPaid({
    orderId: order.id,
    method: input.method,
    provider: "test",
    providerRef: `test_${order.id}`,
    amountFen: order.totalFen,
    actorId: input.buyerId,
  });
}

export type WebhookOutcome = "duplicate" | "paid" | "already" | "refunded-late" | "cancelled" | "failed" | "ignored" | "waiting" | "amount-mismatch";

/**
 * Applies one verified Stripe event. Safe in any order and any number of times: an event id seen
 * before is a no-op, and each handler is itself idempotent (markOrderPaid pays once; cancelling
 * only moves an order that is still unpaid), so two deliveries racing each other are harmless too.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  // Raw statements on this path (every paid order passes here): see decision 0016, third pass.
  const seen = await raw(prisma).query(`SELECT 1 AS "seen" FROM "StripeEvent" WHERE "id" = ?`, event.id);
  if (seen.length) return "duplicate";
  // Recorded once it was applied: a failure leaves it unrecorded, so Stripe's retry redoes it. A
  // payment records it in its own transaction (one commit for both); any other outcome after it.
  // A racing delivery of the same event that recorded it first is fine.
  let recorded = false;
  const record = async (db: Tx | typeof prisma) => {
    await raw(db).execute(`INSERT INTO "StripeEvent" ("id", "type", "receivedAt") VALUES (?, ?, ?) ON CONFLICT ("id") DO NOTHING`, event.id, event.type, new Date());
  };
  const outcome = await applyEvent(event, async (tx) => {
    await record(tx);
    recorded = true;
  });
  if (!recorded) await record(prisma);
  return outcome;
}

/** `recordInPayment` joins the transaction that pays an order, if the event pays one. */
async function applyEvent(event: Stripe.Event, recordInPayment: (tx: Tx) => Promise<void>): Promise<WebhookOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      const order = await orderForSession(session);
      if (!order) return "ignored";
      // A delayed method (bank debit) completes the session before the money arrives.
      if (session.payment_status !== "paid") return "waiting";
      const providerRef = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? session.id);
      let result;
      try {
        result = await markOrderPaid({
          orderId: order.id,
          method: methodOfSession(session),
          provider: "stripe",
          providerRef,
          amountFen: session.amount_total ?? -1,
          paidAt: new Date(event.created * 1000),
          also: recordInPayment,
        });
      } catch (error) {
        if (error instanceof PaymentAmountError) return recordAmountMismatch(order, providerRef, error);
        throw error;
      }
      if (result === "not-payable") return refundLatePayment(order, session);
      return result;
    }
    case "checkout.session.async_payment_failed": {
      // 支付宝 / 微信支付 can confirm later and fail then: the order stays 待付款 with its stock,
      // and 重新支付 opens a new session (this one can never be paid).
      const session = event.data.object;
      const order = await orderForSession(session);
      if (!order || order.status !== "PENDING_PAYMENT" || order.paymentRef !== session.id) return "ignored";
      const label = paymentMethodLabel(methodOfSession(session));
      const result = await recordFailedPayment(order.id, null, `${label === "在线支付" ? "" : label}支付未成功`, session.id);
      return result === "failed" ? "failed" : "ignored";
    }
    case "checkout.session.expired": {
      const session = event.data.object;
      const order = await orderForSession(session);
      // Only the order's own session ends it: one the buyer replaced (another method) was let go first.
      if (!order || order.status !== "PENDING_PAYMENT" || order.paymentRef !== session.id) return "ignored";
      try {
        await cancelUnpaidOrder(order.id, null, "支付超时，库存已释放");
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
 * A paid session whose amount is not the order's (never expected: the session is built from the
 * order). Nothing is booked and the event is not retried into a 500 for days: the payment is
 * recorded as MISMATCH with a note on the order's timeline for staff to settle by hand.
 */
async function recordAmountMismatch(order: { id: string; status: string }, providerRef: string, mismatch: PaymentAmountError): Promise<WebhookOutcome> {
  console.error(`[stripe] ${providerRef} paid ${mismatch.paidFen} for order ${order.id} due ${mismatch.dueFen}: recorded, not booked`);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.payment.create({ data: { orderId: order.id, provider: "stripe", providerRef, amountFen: mismatch.paidFen, status: "MISMATCH" } });
      await tx.orderEvent.create({
        data: {
          orderId: order.id,
          fromStatus: order.status,
          toStatus: order.status,
          note: `收到的付款 ${formatFen(mismatch.paidFen)} 与订单金额 ${formatFen(mismatch.dueFen)} 不符（${providerRef}），未入账，请平台人工核对并处理`,
        },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // the other event for this payment recorded it
  }
  return "amount-mismatch";
}

/** The note a failed automatic refund leaves on the order; their count numbers the next attempt. */
const LATE_REFUND_FAILED = "自动退回迟到付款失败";

/**
 * Money that arrives for an order already cancelled (a delayed bank debit that succeeded after the
 * reservation ran out, or a payment racing the sweeper): its stock may be sold to someone else, so
 * the payment goes straight back. Stripe sends two events for such a payment (completed and
 * async_payment_succeeded); the first refunds and records it, the second finds the record. Should
 * both race, they send the same idempotency key and Stripe makes one refund for both.
 * Nothing is written before Stripe has refunded: if it fails, so does the webhook, and Stripe
 * delivers it again (the attempt number in the idempotency key moves on, so a retry is a new
 * attempt, not Stripe's stored answer to the failed one).
 */
async function refundLatePayment(order: { id: string; number: string; status: string }, session: Stripe.Checkout.Session): Promise<WebhookOutcome> {
  const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
  const amountFen = session.amount_total ?? 0;
  const stripe = getStripe();
  if (!stripe || !paymentIntent) throw new PaymentError(`订单 ${order.number} 取消后收到付款 ${session.id}，但无法自动退款`);
  if (await prisma.payment.findUnique({ where: { providerRef: paymentIntent }, select: { id: true } })) return "refunded-late";
  // The key is derived from the payment, so the two events racing each other ask Stripe for one
  // refund; it changes only after a recorded failure (Stripe keeps a failed answer under its key).
  const failures = await prisma.orderEvent.count({ where: { orderId: order.id, note: { startsWith: `${LATE_REFUND_FAILED}（${paymentIntent}）` } } });
  let refund: Stripe.Refund;
  try {
    refund = await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: amountFen, metadata: { orderNumber: order.number, reason: "paid after cancellation" } },
      { idempotencyKey: `late-payment-refund-${paymentIntent}-${failures}` },
    );
  } catch (error) {
    await prisma.orderEvent.create({
      data: { orderId: order.id, fromStatus: order.status, toStatus: order.status, note: `${LATE_REFUND_FAILED}（${paymentIntent}）：${(error as Error).message.slice(0, 200)}` },
    });
    throw error;
  }
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

/** The method a session was made for: ours in its metadata, else the types Stripe reports on it. */
function methodOfSession(session: Stripe.Checkout.Session) {
  const named = session.metadata?.paymentMethod;
  return isOnlinePaymentMethod(named) ? named : methodOfStripeTypes(session.payment_method_types);
}

/** The order a session belongs to, if the session is the one we created for it (CNY, same id). */
async function orderForSession(session: Stripe.Checkout.Session) {
  const orderId = session.client_reference_id ?? session.metadata?.orderId;
  if (!orderId || session.currency !== "cny") return null;
  const [order] = await raw(prisma).query<{ id: string; number: string; status: string; paymentRef: string | null }>(
    `SELECT "id", "number", "status", "paymentRef" FROM "Order" WHERE "id" = ?`,
    orderId,
  );
  if (!order) return null;
  if (order.paymentRef && order.paymentRef !== session.id) return null;
  return order;
}
