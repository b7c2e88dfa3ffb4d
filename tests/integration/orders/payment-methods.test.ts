import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { placeOrder } from "~/models/orders/order.server";
import { checkoutCart } from "~/models/orders/checkout.server";
import { addToCart, findCart } from "~/models/orders/cart.server";
import { paymentUrlFor } from "~/models/orders/payment.server";
import { action as webhook } from "~/routes/webhooks.stripe";
import * as orderPage from "~/routes/orders.$number";
import * as testPay from "~/routes/pay.test.$number";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { startFakeStripe, type FakeStripe } from "../../support/fake-stripe";

// 支付宝 / 微信支付 / 银行卡 chosen per order (issue 15 item 9).

const SECRET = "whsec_payment_methods";
let stripe: FakeStripe;

function useStripe() {
  process.env.STRIPE_SECRET_KEY = "sk_test_methods";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_BASE = stripe.base;
}
function noStripe() {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
}
beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: SECRET });
});
afterAll(async () => {
  await stripe.close();
  noStripe();
});

async function pending(paymentMethod: string | null = "ALIPAY") {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000, stock: 10 }] });
  const buyer = await makeUser(prisma);
  const order = await placeOrder({
    buyerId: buyer.id,
    status: "PENDING_PAYMENT",
    lines: [{ variantId: product.variants[0].id, quantity: 2 }],
    reservedUntil: new Date(Date.now() + 30 * 60_000),
    extra: { paymentMethod },
  });
  return { order, buyer, variantId: product.variants[0].id, cookie: await cookieFor(buyer.id) };
}

const sessionRequests = (orderId: string) => stripe.requests.filter((r) => r.path === "/v1/checkout/sessions" && r.params.client_reference_id === orderId);
const orderRow = (id: string) => prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, paymentMethod: true, paymentRef: true } });

async function deliver(event: object) {
  const payload = JSON.stringify(event);
  const response = await webhook({
    request: new Request("http://shop.test/webhooks/stripe", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": stripe.sign(payload) }, body: payload }),
    params: {},
    context: {},
  });
  return ((await response.json()) as { outcome: string }).outcome;
}

describe("the Checkout Session is made for the method the buyer picked", () => {
  beforeAll(useStripe);

  it("支付宝, 微信支付 (client web) and 银行卡 each make a session offering only that method", async () => {
    for (const [method, type] of [["ALIPAY", "alipay"], ["WECHAT_PAY", "wechat_pay"], ["CARD", "card"]] as const) {
      const { order } = await pending(method);
      await paymentUrlFor(order.id, new Request("http://shop.test/checkout"));
      const [sent] = sessionRequests(order.id);
      expect(sent.params["allowed_payment_method_types[0]"]).toBe(type);
      expect(sent.params["allowed_payment_method_types[1]"]).toBeUndefined();
      expect(sent.params["payment_method_options[wechat_pay][client]"]).toBe(method === "WECHAT_PAY" ? "web" : undefined);
      expect(sent.params.currency).toBe("cny");
      expect(stripe.sessions.get((await orderRow(order.id)).paymentRef!)!.payment_method_types).toEqual([type]);
    }
  });

  it("an order that never named a method (a scheme's) is offered all three on Stripe's page", async () => {
    const { order } = await pending(null);
    await paymentUrlFor(order.id, new Request("http://shop.test/orders"));
    const [sent] = sessionRequests(order.id);
    expect([0, 1, 2].map((i) => sent.params[`allowed_payment_method_types[${i}]`])).toEqual(["alipay", "wechat_pay", "card"]);
    expect(sent.params["payment_method_options[wechat_pay][client]"]).toBe("web");
  });

  it("changing the method on the pay step expires the old session first, so only one can take money", async () => {
    const { order, cookie } = await pending("ALIPAY");
    await paymentUrlFor(order.id, new Request("http://shop.test/checkout"));
    const first = (await orderRow(order.id)).paymentRef!;
    const res = await responseOf(() => orderPage.action(routeArgs(`/orders/${order.number}`, { cookie, params: { number: order.number }, form: { intent: "pay", paymentMethod: "WECHAT_PAY" } })));
    const row = await orderRow(order.id);
    expect(row.paymentMethod).toBe("WECHAT_PAY");
    expect(row.paymentRef).not.toBe(first);
    expect(res.headers.get("Location")).toBe(`${stripe.base}/pay/${row.paymentRef}`);
    expect(stripe.sessions.get(first)!.status).toBe("expired");
    expect(stripe.sessions.get(row.paymentRef!)!.payment_method_types).toEqual(["wechat_pay"]);
    // Stripe's expiry event for the replaced session does not cancel the order
    expect(await deliver(stripe.eventFor("checkout.session.expired", stripe.sessions.get(first)))).toBe("ignored");
    expect((await orderRow(order.id)).status).toBe("PENDING_PAYMENT");
    // paying with the new one records 微信支付
    expect(await deliver(stripe.eventFor("checkout.session.completed", stripe.pay(row.paymentRef!)))).toBe("paid");
    expect(await orderRow(order.id)).toMatchObject({ status: "PAID", paymentMethod: "WECHAT_PAY" });
  });

  it("asynchronous 支付宝: completed unpaid waits, a failure leaves the order payable, a new session pays it exactly once", async () => {
    const { order, variantId } = await pending("ALIPAY");
    await paymentUrlFor(order.id, new Request("http://shop.test/checkout"));
    const first = (await orderRow(order.id)).paymentRef!;
    expect(await deliver(stripe.eventFor("checkout.session.completed", stripe.startAsync(first)))).toBe("waiting");
    // while it is being confirmed, the pay step does not open a second session
    await expect(paymentUrlFor(order.id, new Request("http://shop.test/orders"))).rejects.toThrow(/正在确认/);
    expect(await deliver(stripe.eventFor("checkout.session.async_payment_failed", stripe.settle(first, "failed")))).toBe("failed");
    expect(await orderRow(order.id)).toMatchObject({ status: "PENDING_PAYMENT", paymentRef: null });
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).stock).toBe(8);
    const note = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, fromStatus: "PENDING_PAYMENT", toStatus: "PENDING_PAYMENT" } });
    expect(note.note).toMatch(/^支付宝支付未成功.*可重新支付/);

    // 重新支付: a new session (a new idempotency key), paid asynchronously, booked once
    await paymentUrlFor(order.id, new Request("http://shop.test/orders"));
    const second = (await orderRow(order.id)).paymentRef!;
    expect(second).not.toBe(first);
    const keys = sessionRequests(order.id).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(await deliver(stripe.eventFor("checkout.session.completed", stripe.startAsync(second)))).toBe("waiting");
    const paid = stripe.settle(second, "paid");
    const outcomes = await Promise.all([deliver(stripe.eventFor("checkout.session.async_payment_succeeded", paid)), deliver(stripe.eventFor("checkout.session.async_payment_succeeded", paid))]);
    expect(outcomes.sort()).toEqual(["already", "paid"]);
    // a late failure event for the first session changes nothing
    expect(await deliver(stripe.eventFor("checkout.session.async_payment_failed", stripe.sessions.get(first)))).toBe("ignored");
    expect(await orderRow(order.id)).toMatchObject({ status: "PAID", paymentMethod: "ALIPAY" });
    expect(await prisma.payment.count({ where: { orderId: order.id, status: "SUCCEEDED" } })).toBe(1);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).stock).toBe(8);
  });
});

describe("checkout and the 测试支付 page offer the same choice", () => {
  beforeAll(noStripe);

  it("checkout keeps the method picked; the test page records the one picked there; the order page names it in Chinese", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000, stock: 10 }] });
    const buyer = await makeUser(prisma);
    const cookie = await cookieFor(buyer.id);
    const { cartId } = await findCart(new Request("http://shop.test/", { headers: { cookie } }), buyer.id, { create: true });
    await addToCart(cartId, product.variants[0].id, 1);
    const placed = await checkoutCart({
      userId: buyer.id,
      cartId,
      form: { addressId: "new", recipient: "王芳", mobile: "13800138000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五四路 1 号", clientRequestId: "pm-test-0001", paymentMethod: "WECHAT_PAY" },
    });
    expect((await orderRow(placed.id)).paymentMethod).toBe("WECHAT_PAY");
    const page = await responseOf(() => testPay.loader(routeArgs(`/pay/test/${placed.number}`, { cookie, params: { number: placed.number } })));
    expect(((await page.json()) as { paymentMethod: string }).paymentMethod).toBe("WECHAT_PAY");

    await responseOf(() => testPay.action(routeArgs(`/pay/test/${placed.number}`, { cookie, params: { number: placed.number }, form: { outcome: "succeed", paymentMethod: "CARD" } })));
    expect(await orderRow(placed.id)).toMatchObject({ status: "PAID", paymentMethod: "CARD" });
    const view = (await (await orderPage.loader(routeArgs(`/orders/${placed.number}`, { cookie, params: { number: placed.number } }))).json()) as { order: { paymentMethod: string } };
    expect(view.order.paymentMethod).toBe("CARD");
    const { paymentMethodLabel } = await import("~/models/orders/payment-method");
    expect(paymentMethodLabel(view.order.paymentMethod)).toBe("银行卡");
    expect(paymentMethodLabel("WECHAT_PAY")).toBe("微信支付");
    expect(paymentMethodLabel("ALIPAY")).toBe("支付宝");
  });

  it("a method that is not offered is refused beside the field", async () => {
    const { order, cookie } = await pending("ALIPAY");
    const res = await responseOf(() => testPay.action(routeArgs(`/pay/test/${order.number}`, { cookie, params: { number: order.number }, form: { outcome: "succeed", paymentMethod: "PAYPAL" } })));
    expect(res.status).toBe(400);
    expect((await orderRow(order.id)).status).toBe("PENDING_PAYMENT");
  });
});
