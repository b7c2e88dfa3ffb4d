import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { commitCount } from "~/lib/sqlite-connection.server";
import { placeOrder } from "~/models/orders/order.server";
import { paymentUrlFor } from "~/models/orders/payment.server";
import { releaseExpiredReservations } from "~/models/orders/reservation-sweeper.server";
import { action as webhook } from "~/routes/webhooks.stripe";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { startFakeStripe, type FakeStripe } from "../../support/fake-stripe";

const SECRET = "whsec_integration_test";
let stripe: FakeStripe;

beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: SECRET });
  process.env.STRIPE_SECRET_KEY = "sk_test_integration";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_BASE = stripe.base;
});
afterAll(async () => {
  await stripe.close();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
});

async function pendingOrder(stock = 10, quantity = 2, priceFen = 6000) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen, stock }] });
  const buyer = await makeUser(prisma);
  const order = await placeOrder({
    buyerId: buyer.id,
    status: "PENDING_PAYMENT",
    lines: [{ variantId: product.variants[0].id, quantity }],
    reservedUntil: new Date(Date.now() + 30 * 60_000),
  });
  const url = await paymentUrlFor(order.id, new Request("http://shop.test/checkout"));
  const { paymentRef } = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { paymentRef: true } });
  return { order, product, variantId: product.variants[0].id, buyer, url, sessionId: paymentRef! };
}

function post(payload: string, signature: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  return webhook({ request: new Request("http://shop.test/webhooks/stripe", { method: "POST", headers, body: payload }), params: {}, context: {} });
}

async function deliver(event: object) {
  const payload = JSON.stringify(event);
  const response = await post(payload, stripe.sign(payload));
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

const state = async (orderId: string, variantId: string) => ({
  status: (await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status,
  payments: await prisma.payment.count({ where: { orderId } }),
  stock: (await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).stock,
});

describe("creating the Checkout Session", () => {
  it("sends the order in CNY fen to Stripe with an idempotency key derived from the order, once per order", async () => {
    const { order, url, sessionId } = await pendingOrder(10, 2, 6000);
    expect(url).toBe(`${stripe.base}/pay/${sessionId}`);
    const again = await paymentUrlFor(order.id, new Request("http://shop.test/orders"));
    expect(again).toBe(url);
    const sent = stripe.requests.filter((r) => r.path === "/v1/checkout/sessions" && r.params.client_reference_id === order.id);
    // the second call finds the session still open and sends the buyer back to it
    expect(sent).toHaveLength(1);
    expect(sent[0].idempotencyKey).toBe(`checkout-session-${order.id}-any-first-0`);
    expect(sent[0].params["line_items[0][price_data][currency]"]).toBe("cny");
    expect(sent[0].params["line_items[0][price_data][unit_amount]"]).toBe("6000");
    expect(sent[0].params["line_items[0][quantity]"]).toBe("2");
    expect(stripe.sessions.get(sessionId)!.amount_total).toBe(12000);
  });
});

describe("the webhook", () => {
  it("pays the order once however often the same event is delivered, in sequence or all at once", async () => {
    const { order, variantId, sessionId } = await pendingOrder();
    const event = stripe.eventFor("checkout.session.completed", stripe.pay(sessionId));
    expect((await deliver(event)).body.outcome).toBe("paid");
    expect((await deliver(event)).body.outcome).toBe("duplicate");
    expect(await state(order.id, variantId)).toEqual({ status: "PAID", payments: 1, stock: 8 });

    const second = await pendingOrder();
    const e2 = stripe.eventFor("checkout.session.completed", stripe.pay(second.sessionId));
    const all = await Promise.all(Array.from({ length: 8 }, () => deliver(e2)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(all.filter((r) => r.body.outcome === "paid")).toHaveLength(1);
    expect(await state(second.order.id, second.variantId)).toMatchObject({ status: "PAID", payments: 1 });
    expect(await prisma.stripeEvent.count({ where: { id: e2.id } })).toBe(1);
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: second.order.id }, level: "COUNTY" } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { to: second.buyer.email } })).toBe(1);
  });

  it("records the event in the transaction that pays the order: one commit, and none for a redelivery", async () => {
    const { order, variantId, sessionId } = await pendingOrder();
    const event = stripe.eventFor("checkout.session.completed", stripe.pay(sessionId));
    const before = commitCount();
    expect((await deliver(event)).body.outcome).toBe("paid");
    expect(commitCount() - before).toBe(1);
    expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(1);
    expect(await state(order.id, variantId)).toEqual({ status: "PAID", payments: 1, stock: 8 });
    const again = commitCount();
    expect((await deliver(event)).body.outcome).toBe("duplicate");
    expect(commitCount() - again).toBe(0);
    // an event that pays nothing is still recorded, on its own, so its redelivery is a duplicate too
    const next = await pendingOrder();
    const unpaid = stripe.eventFor("checkout.session.completed", { ...stripe.sessions.get(next.sessionId)!, status: "complete", payment_status: "unpaid" });
    expect((await deliver(unpaid)).body.outcome).toBe("waiting");
    expect(await prisma.stripeEvent.count({ where: { id: unpaid.id } })).toBe(1);
    expect((await deliver(unpaid)).body.outcome).toBe("duplicate");
  });

  it("handles events in any order: a delayed payment, success before completion, expiry after payment", async () => {
    // delayed method: completed (unpaid) waits, async success pays
    const a = await pendingOrder();
    const unpaid = { ...stripe.sessions.get(a.sessionId)!, status: "complete", payment_status: "unpaid" };
    expect((await deliver(stripe.eventFor("checkout.session.completed", unpaid))).body.outcome).toBe("waiting");
    expect((await state(a.order.id, a.variantId)).status).toBe("PENDING_PAYMENT");
    const paid = stripe.pay(a.sessionId);
    expect((await deliver(stripe.eventFor("checkout.session.async_payment_succeeded", paid))).body.outcome).toBe("paid");

    // async success first, then the completed event: paid once
    const b = await pendingOrder();
    const paidB = stripe.pay(b.sessionId);
    await deliver(stripe.eventFor("checkout.session.async_payment_succeeded", paidB));
    expect((await deliver(stripe.eventFor("checkout.session.completed", paidB))).body.outcome).toBe("already");
    expect(await state(b.order.id, b.variantId)).toEqual({ status: "PAID", payments: 1, stock: 8 });

    // an expiry or failure arriving after the payment changes nothing
    await deliver(stripe.eventFor("checkout.session.expired", { ...paidB, status: "expired" }));
    await deliver(stripe.eventFor("checkout.session.async_payment_failed", paidB));
    expect(await state(b.order.id, b.variantId)).toEqual({ status: "PAID", payments: 1, stock: 8 });
  });

  it("a failed delayed payment leaves the order payable with its stock; an expired session cancels it, once", async () => {
    const { order, variantId, sessionId } = await pendingOrder(10, 3);
    const failed = stripe.eventFor("checkout.session.async_payment_failed", stripe.sessions.get(sessionId));
    expect((await deliver(failed)).body.outcome).toBe("failed");
    expect(await state(order.id, variantId)).toEqual({ status: "PENDING_PAYMENT", payments: 0, stock: 7 });
    expect((await deliver(failed)).body.outcome).toBe("duplicate");

    const other = await pendingOrder(10, 3);
    await deliver(stripe.eventFor("checkout.session.expired", stripe.sessions.get(other.sessionId)));
    await deliver(stripe.eventFor("checkout.session.expired", stripe.sessions.get(other.sessionId)));
    expect(await state(other.order.id, other.variantId)).toEqual({ status: "CANCELLED", payments: 0, stock: 10 });
  });

  it("sends a payment that arrives after the order was cancelled straight back, once, and tells the buyer", async () => {
    const { order, variantId, sessionId, buyer } = await pendingOrder(10, 2);
    await deliver(stripe.eventFor("checkout.session.expired", stripe.sessions.get(sessionId)));
    expect(await state(order.id, variantId)).toEqual({ status: "CANCELLED", payments: 0, stock: 10 });

    // a delayed debit succeeds anyway: Stripe sends completed and async_payment_succeeded for it
    const paid = stripe.pay(sessionId);
    const refundsBefore = stripe.requests.filter((r) => r.path === "/v1/refunds").length;
    stripe.failRefunds(true);
    await expect(deliver(stripe.eventFor("checkout.session.completed", paid))).rejects.toThrow();
    expect(await prisma.payment.count({ where: { orderId: order.id } })).toBe(0); // nothing written: Stripe will retry
    stripe.failRefunds(false);
    expect((await deliver(stripe.eventFor("checkout.session.completed", paid))).body.outcome).toBe("refunded-late");
    expect((await deliver(stripe.eventFor("checkout.session.async_payment_succeeded", paid))).body.outcome).toBe("refunded-late");

    // the declined attempt and the one that went through; the second event found it done
    const refunds = stripe.requests.filter((r) => r.path === "/v1/refunds").slice(refundsBefore);
    expect(refunds).toHaveLength(2);
    expect(refunds.every((r) => r.params.payment_intent === paid.payment_intent && r.params.amount === "12000")).toBe(true);
    expect(refunds[0].idempotencyKey).not.toBe(refunds[1].idempotencyKey);
    expect(await state(order.id, variantId)).toEqual({ status: "CANCELLED", payments: 1, stock: 10 });
    expect(await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "REFUNDED", amountFen: 12000, providerRef: paid.payment_intent });
    const mail = await prisma.outboxMessage.findMany({ where: { to: buyer.email, subject: { contains: "付款已退回" } } });
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain("¥120.00");
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: order.id } } })).toBe(0);
  });

  it("a late payment's two events racing each other ask Stripe for one refund (a key derived from the payment)", async () => {
    const { order, sessionId } = await pendingOrder(10, 2);
    await deliver(stripe.eventFor("checkout.session.expired", stripe.sessions.get(sessionId)));
    const paid = stripe.pay(sessionId);
    const [a, b] = await Promise.all([
      deliver(stripe.eventFor("checkout.session.completed", paid)),
      deliver(stripe.eventFor("checkout.session.async_payment_succeeded", paid)),
    ]);
    // without one key for both, the fake refuses the second full refund and one webhook fails
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.outcome, b.body.outcome]).toEqual(["refunded-late", "refunded-late"]);
    const keys = new Set(stripe.requests.filter((r) => r.path === "/v1/refunds" && r.params.payment_intent === paid.payment_intent).map((r) => r.idempotencyKey));
    expect([...keys]).toEqual([`late-payment-refund-${paid.payment_intent}-0`]);
    expect(stripe.refundedOf(paid.payment_intent!)).toBe(12000);
    expect(await prisma.payment.count({ where: { orderId: order.id, status: "REFUNDED" } })).toBe(1);
  });

  it("a paid session whose amount is not the order's is recorded for staff and answered 422 once, not retried into a 500", async () => {
    const { order, variantId, sessionId } = await pendingOrder(10, 2);
    const wrong = { ...stripe.pay(sessionId), amount_total: 1 };
    const event = stripe.eventFor("checkout.session.completed", wrong);
    const first = await deliver(event);
    expect(first).toMatchObject({ status: 422, body: { outcome: "amount-mismatch" } });
    expect(await state(order.id, variantId)).toEqual({ status: "PENDING_PAYMENT", payments: 1, stock: 8 });
    expect(await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "MISMATCH", amountFen: 1, providerRef: wrong.payment_intent });
    const notes = await prisma.orderEvent.findMany({ where: { orderId: order.id, note: { contains: "不符" } } });
    expect(notes).toHaveLength(1);
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: order.id } } })).toBe(0);
    // Stripe redelivers after a 4xx: now it is done
    expect(await deliver(event)).toMatchObject({ status: 200, body: { outcome: "duplicate" } });
  });

  it("rejects unsigned, tampered and stale deliveries with 400 and changes nothing", async () => {
    const { order, variantId, sessionId } = await pendingOrder();
    const event = stripe.eventFor("checkout.session.completed", stripe.pay(sessionId));
    const payload = JSON.stringify(event);
    expect((await post(payload, null)).status).toBe(400);
    const tampered = payload.replace(/"amount_total":\d+/, '"amount_total":1');
    expect((await post(tampered, stripe.sign(payload))).status).toBe(400);
    expect((await post(payload, stripe.sign(payload).replace(/v1=\w+/, "v1=" + "0".repeat(64)))).status).toBe(400);
    const stale = stripe.sign(payload, Math.floor(Date.now() / 1000) - 600);
    expect((await post(payload, stale)).status).toBe(400);
    expect(await state(order.id, variantId)).toEqual({ status: "PENDING_PAYMENT", payments: 0, stock: 8 });
    expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it("ignores a session for another order or in another currency", async () => {
    const { order, variantId, sessionId } = await pendingOrder();
    const other = { ...stripe.pay(sessionId), id: "cs_test_someone_else" };
    expect((await deliver(stripe.eventFor("checkout.session.completed", other))).body.outcome).toBe("ignored");
    const usd = { ...stripe.sessions.get(sessionId)!, currency: "usd" };
    expect((await deliver(stripe.eventFor("checkout.session.completed", usd))).body.outcome).toBe("ignored");
    expect(await state(order.id, variantId)).toEqual({ status: "PENDING_PAYMENT", payments: 0, stock: 8 });
  });
});

describe("the reservation sweeper", () => {
  it("releases expired reservations, leaves live ones, and spares an order whose Stripe payment already went through", async () => {
    const expired = await pendingOrder(10, 2);
    const live = await pendingOrder(10, 2);
    const paidAtStripe = await pendingOrder(10, 2);
    stripe.pay(paidAtStripe.sessionId); // the buyer paid; the webhook has not arrived yet
    const past = new Date(Date.now() - 1000);
    await prisma.order.updateMany({ where: { id: { in: [expired.order.id, paidAtStripe.order.id] } }, data: { reservedUntil: past } });

    const result = await releaseExpiredReservations(new Date());
    expect(result).toMatchObject({ awaitingPayment: 1 });
    expect(await state(expired.order.id, expired.variantId)).toEqual({ status: "CANCELLED", payments: 0, stock: 10 });
    expect(stripe.sessions.get(expired.sessionId)!.status).toBe("expired");
    expect(await state(live.order.id, live.variantId)).toEqual({ status: "PENDING_PAYMENT", payments: 0, stock: 8 });
    expect(await state(paidAtStripe.order.id, paidAtStripe.variantId)).toMatchObject({ status: "PENDING_PAYMENT", stock: 8 });

    // the late webhook then pays it; Stripe's own expiry event for the other is a no-op
    await deliver(stripe.eventFor("checkout.session.completed", stripe.sessions.get(paidAtStripe.sessionId)));
    await deliver(stripe.eventFor("checkout.session.expired", stripe.sessions.get(expired.sessionId)));
    expect((await state(paidAtStripe.order.id, paidAtStripe.variantId)).status).toBe("PAID");
    expect(await state(expired.order.id, expired.variantId)).toEqual({ status: "CANCELLED", payments: 0, stock: 10 });
    const events = await prisma.orderEvent.findMany({ where: { orderId: expired.order.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.toStatus, e.actorId])).toEqual([["PENDING_PAYMENT", expired.buyer.id], ["CANCELLED", null]]);
  });
});
