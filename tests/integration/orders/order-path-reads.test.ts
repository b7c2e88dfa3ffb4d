// The paid-order path (add to cart, checkout, the webhook) reads with raw statements (decision 0016,
// third pass: every paid order runs them, and each Prisma read cost its query compiler about a
// millisecond). Each is held here to the Prisma read it replaced.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { prepareNotice } from "~/models/messages/outbox.server";
import { channelsFor } from "~/models/messages/preferences.server";
import { addToCart, findCart, getBuyNowView, getCartView, sellableVariant } from "~/models/orders/cart.server";
import { tiersFor } from "~/models/orders/pricing.server";
import { markOrderPaid, orderableVariants, paymentView, placeOrder } from "~/models/orders/order.server";
import { actorNames, getBuyerOrder, getOrderForStaff } from "~/models/orders/order-view.server";
import { orderToPay } from "~/models/orders/payment.server";
import { allocation, planPaidOrderSplit } from "~/models/parcels/split.server";
import { makeCoop, makeOrganization, makePriceTier, makeProduct, makeUser, makeWorld } from "../../factories";

async function pendingOrder() {
  const w = await makeWorld(prisma);
  const other = await makeCoop(prisma, { countyId: w.county.id });
  const a = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 10 }] });
  const b = await makeProduct(prisma, { countyId: w.county.id, coopId: other.id, categoryId: w.category.id, variants: [{ priceFen: 800, stock: 10 }] });
  const buyer = await makeUser(prisma);
  const address = { recipient: "买家", mobile: "13800000000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五一北路 1 号" };
  const order = await placeOrder({
    buyerId: buyer.id,
    status: "PENDING_PAYMENT",
    lines: [{ variantId: a.variants[0].id, quantity: 2 }, { variantId: b.variants[0].id, quantity: 3 }],
    shippingFen: 600,
    reservedUntil: new Date(Date.now() + 30 * 60_000),
    address,
  });
  return { order, buyer };
}

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));

describe("the paid-order path's raw reads", () => {
  it("the cart, the variant on sale and the variants an order prices are what Prisma's reads returned", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 10 }, { priceFen: 900, stock: 4 }] });
    const [tiered, plain] = product.variants;
    await makePriceTier(prisma, { variantId: tiered.id, minQty: 10, priceFen: 1000 });
    const buyer = await makeUser(prisma);
    const older = await prisma.cart.create({ data: { token: crypto.randomUUID(), userId: buyer.id, updatedAt: new Date("2026-12-01T00:00:00Z") } });
    const newer = await prisma.cart.create({ data: { token: crypto.randomUUID(), userId: buyer.id, updatedAt: new Date("2026-12-02T00:00:00Z") } });
    const latest = await prisma.cart.findFirst({ where: { userId: buyer.id }, orderBy: { updatedAt: "desc" }, select: { id: true } });
    expect((await findCart(new Request("http://shop.test/"), buyer.id)).cartId).toBe(latest!.id);
    expect(latest!.id).toBe(newer.id);
    expect(older.id).not.toBe(newer.id);

    expect(await sellableVariant(plain.id)).toEqual(
      await prisma.variant.findFirst({ where: { id: plain.id, active: true, product: { status: "ACTIVE" } }, select: { id: true, priceFen: true, stock: true, minOrderQty: true } }),
    );
    await prisma.variant.update({ where: { id: plain.id }, data: { active: false } });
    await expect(sellableVariant(plain.id)).rejects.toMatchObject({ status: 404 });

    const ids = [tiered.id, plain.id];
    const viaPrisma = await prisma.variant.findMany({
      where: { id: { in: ids }, active: true, product: { status: "ACTIVE" } },
      select: { id: true, name: true, priceFen: true, minOrderQty: true, stock: true, productId: true, product: { select: { name: true } }, _count: { select: { tiers: true } } },
    });
    expect(await orderableVariants(ids, "ACTIVE")).toEqual(viaPrisma.map(({ _count, ...v }) => ({ ...v, tierCount: _count.tiers })));
    expect((await orderableVariants(ids, "ACTIVE")).map((v) => [v.id, v.tierCount])).toEqual([[tiered.id, 1]]);
  });

  it("the cart page's lines and the volume tiers are what Prisma's reads returned", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1200, stock: 30 }] });
    const variant = product.variants[0];
    await prisma.productImage.createMany({ data: [{ productId: product.id, url: "/b.jpg", alt: "b", position: 2 }, { productId: product.id, url: "/a.jpg", alt: "a", position: 1 }] });
    await makePriceTier(prisma, { variantId: variant.id, minQty: 10, priceFen: 1000 });
    const org = await makeOrganization(prisma);
    await makePriceTier(prisma, { variantId: variant.id, minQty: 5, priceFen: 900, organizationId: org.id });
    const buyer = await makeUser(prisma);
    const { cartId } = await findCart(new Request("http://shop.test/"), buyer.id, { create: true });
    await addToCart(cartId, variant.id, 12);
    // 立即购买 reads the one variant with Prisma (cartVariantSelect): the same line, tier price included
    const cart = await getCartView(cartId);
    expect(cart).toEqual(await getBuyNowView({ variantId: variant.id, quantity: 12 }));
    expect(cart.lines[0]).toMatchObject({ imageUrl: "/a.jpg", unitPriceFen: 1000, available: true });

    for (const organizationId of [null, org.id]) {
      const viaPrisma = await prisma.priceTier.findMany({
        where: { variantId: { in: [variant.id] }, OR: [{ organizationId: null }, ...(organizationId ? [{ organizationId }] : [])] },
        orderBy: { minQty: "asc" },
        select: { variantId: true, minQty: true, priceFen: true, organizationId: true },
      });
      expect((await tiersFor(prisma, [variant.id], organizationId)).get(variant.id)).toEqual(viaPrisma);
      expect(viaPrisma).toHaveLength(organizationId ? 2 : 1);
    }
  });

  it("what markOrderPaid and paymentUrlFor read of the order is what Prisma's selects returned", async () => {
    const { order } = await pendingOrder();
    const view = await paymentView(order.id);
    const expected = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { status: true, kind: true, totalFen: true, number: true, buyerId: true, organizationId: true, buyer: { select: { name: true } }, lines: { select: { id: true, variantId: true, productId: true, quantity: true } } },
    });
    expect({ ...view, lines: byId(view.lines) }).toEqual({ ...expected, lines: byId(expected.lines) });

    const toPay = await orderToPay(order.id);
    const prismaToPay = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      select: {
        id: true, number: true, kind: true, status: true, totalFen: true, shippingFen: true, reservedUntil: true, paymentMethod: true, paymentRef: true,
        buyer: { select: { email: true } },
        lines: { select: { productName: true, variantName: true, quantity: true, unitPriceFen: true } },
      },
    });
    // the lines in the order they were placed, as Prisma returned them
    expect(toPay).toEqual(prismaToPay);
    expect(toPay.reservedUntil).toBeInstanceOf(Date);

    // the order page's timeline names its actors (null = the system)
    const { buyer } = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { buyer: { select: { id: true, name: true } } } });
    expect(await actorNames([buyer.id, null, buyer.id])).toEqual({ [buyer.id]: buyer.name });
    expect(await actorNames([null])).toEqual({});
  });

  it("the buyer's order page reads its order as the staff page's Prisma select does", async () => {
    const { order, buyer } = await pendingOrder();
    await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `t_${order.id}`, amountFen: (await paymentView(order.id)).totalFen });
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await prisma.refund.create({ data: { orderId: order.id, orderLineId: line.id, amountFen: 100, reason: "少发一件", createdById: buyer.id } });
    const mine = await getBuyerOrder(order.number, buyer.id);
    expect(mine).toEqual(await getOrderForStaff(order.number));
    expect(mine!.events.map((e) => e.toStatus)).toEqual(["PENDING_PAYMENT", "PAID"]);
    expect(mine!.paidAt).toBeInstanceOf(Date);
    expect([mine!.refunds.length, mine!.payments]).toEqual([1, [{ provider: "test" }]]);
    expect(await getBuyerOrder(order.number, (await makeUser(prisma)).id)).toBeNull();
  });

  it("an untouched order's parcels are planned from its lines as allocation() would find them", async () => {
    const { order } = await pendingOrder();
    const plan = await planPaidOrderSplit(prisma, order.id);
    expect(plan.basis).toBe("0:0/0/0/0");
    const free = await allocation(prisma, order.id);
    const expected = [...new Set(free.map((l) => l.coopId))].sort().map((coopId) => free.filter((l) => l.coopId === coopId).map((l) => ({ orderLineId: l.id, quantity: l.available })));
    expect(plan.parcels.map((p) => p.items)).toEqual(expected);
    expect(plan.parcels).toHaveLength(2);
  });

  it("a notice's address and channels are read as channelsFor reads them, a stored choice included", async () => {
    const { buyer } = await pendingOrder();
    const email = { subject: "s", content: { greeting: "您好", paragraphs: ["p"] } };
    // "order" defaults to e-mail on, "presale" to off; "payment" is locked on whatever is stored
    const channelsOf = async (kind: "order" | "presale" | "payment") => {
      const rows = await prepareNotice(prisma, { userId: buyer.id, kind, email });
      return { EMAIL: rows.some((r) => r.channel === "EMAIL") };
    };
    const kinds = ["order", "presale", "payment"] as const;
    const both = async () => {
      for (const kind of kinds) expect(await channelsOf(kind)).toEqual({ EMAIL: (await channelsFor(prisma, buyer.id, kind)).EMAIL });
    };
    await both();
    expect([await channelsOf("order"), await channelsOf("presale")]).toEqual([{ EMAIL: true }, { EMAIL: false }]);
    for (const kind of kinds) await prisma.notificationPreference.create({ data: { userId: buyer.id, kind, email: kind !== "order", sms: false } });
    await both();
    expect([await channelsOf("order"), await channelsOf("presale"), await channelsOf("payment")]).toEqual([{ EMAIL: false }, { EMAIL: true }, { EMAIL: true }]);
    expect((await prepareNotice(prisma, { userId: buyer.id, kind: "payment", email }))[0].to).toBe(buyer.email);
  });
});
