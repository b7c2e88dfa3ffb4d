import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { addToCart, findCart } from "~/models/orders/cart.server";
import { placeOrder } from "~/models/orders/order.server";
import * as adminOrder from "~/routes/admin.orders.$number";
import * as adminOrders from "~/routes/admin.orders._index";
import * as cart from "~/routes/cart";
import * as checkout from "~/routes/checkout";
import * as order from "~/routes/orders.$number";
import * as testPay from "~/routes/pay.test.$number";
import { makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

async function setup(stock = 10) {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 4500, stock }] });
  const buyer = await makeUser(prisma);
  const other = await makeUser(prisma);
  const staff = await makeUser(prisma, { roles: ["staff"] });
  return { variantId: product.variants[0].id, buyer, other, staff, cookies: { buyer: await cookieFor(buyer.id), other: await cookieFor(other.id), staff: await cookieFor(staff.id) } };
}

const address = { addressId: "new", recipient: "李华", mobile: "13800138000", province: "青海省", city: "西宁市", district: "城中区", street: "南大街 8 号" };

describe("who may see and change an order", () => {
  it("shows a buyer their own order and 404 for anyone else's; staff pages are 403 for consumers", async () => {
    const s = await setup();
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.variantId, quantity: 1 }] });
    const params = { number: placed.number };
    expect((await responseOf(() => order.loader(routeArgs(`/orders/${placed.number}`, { cookie: s.cookies.buyer, params })))).status).toBe(200);
    expect((await responseOf(() => order.loader(routeArgs(`/orders/${placed.number}`, { cookie: s.cookies.other, params })))).status).toBe(404);
    const cancel = await responseOf(() => order.action(routeArgs(`/orders/${placed.number}`, { cookie: s.cookies.other, params, form: { intent: "cancel" } })));
    expect(cancel.status).toBe(404);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: placed.id } })).status).toBe("PENDING_PAYMENT");
    expect((await responseOf(() => order.loader(routeArgs("/orders/garbage", { cookie: s.cookies.buyer, params: { number: "garbage" } })))).status).toBe(404);

    expect((await responseOf(() => adminOrders.loader(routeArgs("/admin/orders", { cookie: s.cookies.buyer })))).status).toBe(403);
    expect((await responseOf(() => adminOrder.action(routeArgs(`/admin/orders/${placed.number}`, { cookie: s.cookies.buyer, params, form: { intent: "refund-full", reason: "x" } })))).status).toBe(403);
    expect((await responseOf(() => adminOrders.loader(routeArgs("/admin/orders?status=NOPE&page=-4", { cookie: s.cookies.staff })))).status).toBe(200);
  });

  it("the buyer cancels an unpaid order and the stock comes back", async () => {
    const s = await setup(5);
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.variantId, quantity: 2 }] });
    await order.action(routeArgs(`/orders/${placed.number}`, { cookie: s.cookies.buyer, params: { number: placed.number }, form: { intent: "cancel" } }));
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: s.variantId } })).stock).toBe(5);
  });
});

describe("cart and checkout actions", () => {
  it("answers bad quantities with 400 and a message", async () => {
    const s = await setup();
    for (const quantity of ["0", "-2", "1.5", "abc", "100000"]) {
      const response = await cart.action(routeArgs("/cart", { cookie: s.cookies.buyer, form: { intent: "add", variantId: s.variantId, quantity } }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/数量|整数|件/);
    }
    expect((await cart.action(routeArgs("/cart", { cookie: s.cookies.buyer, form: { intent: "explode", variantId: s.variantId } }))).status).toBe(400);
  });

  it("keeps typed values and shows field errors; a remote province pays the remote shipping fee; sold out is 409", async () => {
    const s = await setup(1);
    const { cartId } = await findCart(new Request("http://x/"), s.buyer.id, { create: true });
    await addToCart(cartId, s.variantId, 1);
    const bad = await checkout.action(routeArgs("/checkout", { cookie: s.cookies.buyer, form: { ...address, mobile: "12345", clientRequestId: "req-route-1" } }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.mobile).toBe("请输入 11 位手机号码");
    expect(body.values.street).toBe("南大街 8 号");

    // the other buyer takes the last box first
    const { cartId: otherCart } = await findCart(new Request("http://x/"), s.other.id, { create: true });
    await addToCart(otherCart, s.variantId, 1);
    const first = await responseOf(() => checkout.action(routeArgs("/checkout", { cookie: s.cookies.other, form: { ...address, clientRequestId: "req-route-2" } })));
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toMatch(/^\/pay\/test\/LH-/); // no Stripe key in this file: the local test payment
    const placed = await prisma.order.findFirstOrThrow({ where: { buyerId: s.other.id } });
    expect([placed.subtotalFen, placed.shippingFen, placed.totalFen]).toEqual([4500, 2500, 7000]);

    const late = await checkout.action(routeArgs("/checkout", { cookie: s.cookies.buyer, form: { ...address, clientRequestId: "req-route-3" } }));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { errors: Record<string, string> }).errors.form).toMatch(/已售罄/);
    expect(await prisma.cartItem.count({ where: { cartId } })).toBe(1);
  });
});

describe("测试支付 (no Stripe keys, not production)", () => {
  it("pays through markOrderPaid like a webhook would, only for the order's own buyer", async () => {
    const s = await setup();
    const placed = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.variantId, quantity: 2 }] });
    const params = { number: placed.number };
    expect((await responseOf(() => testPay.action(routeArgs("/", { cookie: s.cookies.other, params, form: { outcome: "succeed" } })))).status).toBe(404);
    const page = await responseOf(() => testPay.loader(routeArgs("/", { cookie: s.cookies.buyer, params })));
    expect(page.status).toBe(200);
    const paid = await responseOf(() => testPay.action(routeArgs("/", { cookie: s.cookies.buyer, params, form: { outcome: "succeed" } })));
    expect(paid.headers.get("Location")).toBe(`/orders/${placed.number}`);
    const row = await prisma.order.findUniqueOrThrow({ where: { id: placed.id }, select: { status: true, paymentMethod: true } });
    expect(row).toEqual({ status: "PAID", paymentMethod: "ALIPAY" }); // the page's default choice, recorded with provider "test"
    expect(await prisma.payment.count({ where: { orderId: placed.id, provider: "test", status: "SUCCEEDED" } })).toBe(1);
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: placed.id }, level: "COUNTY" } })).toBe(1);

    // with a Stripe key configured the page does not exist
    process.env.STRIPE_SECRET_KEY = "sk_test_configured";
    try {
      const other = await placeOrder({ buyerId: s.buyer.id, status: "PENDING_PAYMENT", lines: [{ variantId: s.variantId, quantity: 1 }] });
      expect((await responseOf(() => testPay.loader(routeArgs("/", { cookie: s.cookies.buyer, params: { number: other.number } })))).status).toBe(404);
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
    }
  });

  it("staff ship a parcel on the co-op's behalf with a tracking number in the courier's format; the buyer's page shows it and confirms receipt", async () => {
    const s = await setup();
    const placed = await placeOrder({
      buyerId: s.buyer.id,
      status: "PENDING_PAYMENT",
      lines: [{ variantId: s.variantId, quantity: 1 }],
      address: { recipient: "李华", mobile: "13800138000", province: "青海省", city: "西宁市", district: "城中区", street: "南大街 8 号" },
    });
    const params = { number: placed.number };
    await testPay.action(routeArgs("/", { cookie: s.cookies.buyer, params, form: { outcome: "succeed" } })).catch((r) => r);
    const parcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: placed.id } });
    const bad = await adminOrder.action(routeArgs("/", { cookie: s.cookies.staff, params, form: { intent: "ship-parcel", parcelId: parcel.id, courier: "顺丰", trackingNumber: "YT1234567890123" } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.trackingNumber).toMatch(/不是顺丰的运单号格式/);
    await adminOrder.action(routeArgs("/", { cookie: s.cookies.staff, params, form: { intent: "ship-parcel", parcelId: parcel.id, courier: "顺丰", trackingNumber: "SF1234567890123" } }));
    await order.action(routeArgs("/", { cookie: s.cookies.buyer, params, form: { intent: "confirm-receipt", parcelId: parcel.id } })).catch((r) => r);
    const view = (await (await order.loader(routeArgs("/", { cookie: s.cookies.buyer, params }))).json()) as {
      order: { status: string; events: { toStatus: string; actorId: string | null }[] };
      parcels: { trackingNumber: string; trackingUrl: string; status: string }[];
    };
    expect(view.order.status).toBe("DELIVERED");
    expect(view.parcels[0]).toMatchObject({ trackingNumber: "SF1234567890123", status: "DELIVERED", trackingUrl: expect.stringContaining("sf-express.com") });
    expect(view.order.events.map((e) => e.toStatus)).toEqual(["PENDING_PAYMENT", "PAID", "SHIPPED", "DELIVERED"]);
    expect(view.order.events[2].actorId).toBe(s.staff.id);
    expect(view.order.events[3].actorId).toBe(s.buyer.id);
    expect(await prisma.outboxMessage.count({ where: { to: s.buyer.email, subject: { contains: "已发货" } } })).toBe(1);
  });
});
