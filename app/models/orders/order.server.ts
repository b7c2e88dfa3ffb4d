import crypto from "node:crypto";
import { insertRows, prisma, raw, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { prepareSale, recordSale, writeSale } from "~/models/impact/ledger.server";
import { allocateBatches, planBatches, takePlannedBatches, type PlannedTake } from "~/models/batches/allocation.server";
import { newOrderNumber } from "~/models/orders/number";
import { canTransition, isSchemeKind, PAID_NEXT_STEP, PAID_STATUSES, SCHEME_PRODUCT_STATUS, type OrderKind, type OrderStatus } from "~/models/orders/status";
import { notify, prepareNotice, writeNotice } from "~/models/messages/outbox.server";
import { orderPageUrl } from "~/models/orders/shipping-notice.server";
import { lineTotalFen, tiersFor, unitPriceFor } from "~/models/orders/pricing.server";
import { OutOfStockError, releaseStock, reserveStock } from "~/models/orders/stock.server";
import { planPaidOrderSplit, writePlannedSplit } from "~/models/parcels/split.server";
import { ConflictError, DomainError, isUniqueViolation, NotFoundError } from "~/lib/errors";
import { isQuantity, quantityMessage } from "~/lib/form-fields";
import { MAX_LINE_QUANTITY } from "~/models/orders/quantity";
import type { OnlinePaymentMethod } from "~/models/orders/payment-method";

/** Money arrived that is not what the order costs: nothing is booked, staff must look at it. */
export class PaymentAmountError extends ConflictError {
  constructor(readonly paidFen: number, readonly dueFen: number) {
    super(`支付金额 ${paidFen} 与订单金额 ${dueFen} 不符`);
  }
}

export class OrderStateError extends ConflictError {
  constructor(message = "订单状态已变化，无法执行此操作") {
    super(message);
  }
}

/**
 * Moves an order from one of `from` to `to` and records who did it. The update is conditional on
 * the current status, so of two racing changes (two webhooks, a webhook and the sweeper) only one
 * wins; the loser gets OrderStateError and must not apply its side effects.
 */
export async function transition(
  tx: Tx,
  input: {
    orderId: string;
    from: OrderStatus | OrderStatus[];
    to: OrderStatus;
    actorId?: string | null;
    note?: string;
    data?: Prisma.OrderUpdateManyMutationInput;
  },
) {
  const from = Array.isArray(input.from) ? input.from : [input.from];
  for (const f of from) if (!canTransition(f, input.to)) throw new OrderStateError(`不允许从 ${f} 变为 ${input.to}`);
  // With one allowed origin, a matching update proves what the status was; with several, read it.
  const fromStatus = from.length === 1 ? from[0] : (await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { status: true } })).status;
  const count = await guardedStatusUpdate(tx, input.orderId, from, input.to, input.data ?? {});
  if (count !== 1) throw new OrderStateError();
  await insertRows(tx, "OrderEvent", [
    { id: crypto.randomUUID(), orderId: input.orderId, fromStatus, toStatus: input.to, actorId: input.actorId ?? null, note: input.note ?? null, createdAt: new Date() },
  ]);
}

/**
 * UPDATE … WHERE status IN (from). Plain values (the usual paidAt / reservedUntil / method) go
 * through one raw statement, a fraction of what Prisma's query compiler costs per call on the
 * paths that hold the database (checkout, payment); anything else (increments) through updateMany.
 */
async function guardedStatusUpdate(tx: Tx, orderId: string, from: OrderStatus[], to: OrderStatus, data: Prisma.OrderUpdateManyMutationInput) {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined);
  const plain = entries.every(([k, v]) => /^[A-Za-z]+$/.test(k) && (v === null || v instanceof Date || ["string", "number", "boolean"].includes(typeof v)));
  if (!plain) {
    const { count } = await tx.order.updateMany({ where: { id: orderId, status: { in: from } }, data: { ...data, status: to } });
    return count;
  }
  // Column names come from the typed keys of OrderUpdateManyMutationInput, never from input.
  const sets = [...entries.map(([k]) => `"${k}" = ?`), `"status" = ?`].join(", ");
  return raw(tx).execute(
    `UPDATE "Order" SET ${sets} WHERE "id" = ? AND "status" IN (${from.map(() => "?").join(", ")})`,
    ...entries.map(([, v]) => v),
    to,
    orderId,
    ...from,
  );
}

export interface PlaceOrderInput {
  buyerId: string;
  organizationId?: string | null;
  hallId?: string | null;
  kind?: OrderKind;
  /** PENDING_PAYMENT reserves stock now; DRAFT / PENDING_APPROVAL reserve when they move to payment. */
  status: Extract<OrderStatus, "PENDING_PAYMENT" | "PENDING_APPROVAL" | "DRAFT">;
  /**
   * unitPriceFen is for scheme orders only (trees, seats, pre-sales: the scheme's own module prices
   * them, e.g. an organisation's group price); goods are always priced here from variants and tiers.
   */
  lines: { variantId: string; quantity: number; unitPriceFen?: number }[];
  /** A fixed fee, or a rule applied to the subtotal as priced here (so fee and prices agree). */
  shippingFen?: number | ((subtotalFen: number) => number);
  reservedUntil?: Date | null;
  /** The same id twice (a double-clicked "pay") returns the first order instead of a second one. */
  clientRequestId?: string | null;
  address?: { recipient: string; mobile: string; province: string; city: string; district: string; street: string } | null;
  extra?: Pick<Prisma.OrderCreateInput, "poNumber" | "costCentre" | "paymentMethod">;
  /** The 发票 the buyer asks for with the order (an institution's builder), written beside it. */
  invoiceRequest?: Omit<Prisma.InvoiceRequestUncheckedCreateInput, "id" | "orderId"> | null;
  /**
   * Runs inside the order's transaction once the order and its lines exist: a scheme's own rows
   * (tree adoptions, a tour booking, a pre-order) then live or die with the order and its stock.
   */
  also?: (tx: Tx, order: { id: string; number: string; lines: { id: string; variantId: string }[] }) => Promise<void>;
}

export class InvalidOrderError extends DomainError {}

/**
 * The order an earlier submission of the same form made, if any (its buyer's only). Schemes check
 * this before their own availability checks, so a resubmitted form gets its order, not "taken".
 */
export async function orderForRequest(clientRequestId: string | null | undefined, buyerId: string) {
  if (!clientRequestId) return null;
  const existing = await prisma.order.findUnique({ where: { clientRequestId }, select: { id: true, number: true, buyerId: true } });
  return existing && existing.buyerId === buyerId ? { id: existing.id, number: existing.number, duplicate: true } : null;
}

/**
 * Creates an order with its lines priced now (base price or the volume tier the quantity reaches)
 * and, when it goes straight to payment, reserves its stock in the same transaction.
 */
export async function placeOrder(input: PlaceOrderInput) {
  if (input.clientRequestId) {
    const [existing] = await raw(prisma).query<{ id: string; number: string }>(`SELECT "id", "number" FROM "Order" WHERE "clientRequestId" = ?`, input.clientRequestId);
    if (existing) return { ...existing, duplicate: true };
  }
  if (input.lines.length === 0) throw new InvalidOrderError("订单里没有商品");
  const scheme = isSchemeKind(input.kind ?? "RETAIL");
  for (const l of input.lines) {
    if (!isQuantity(l.quantity, MAX_LINE_QUANTITY)) throw new InvalidOrderError(quantityMessage(MAX_LINE_QUANTITY));
    if (scheme !== (l.unitPriceFen !== undefined)) throw new InvalidOrderError("只有认养、旅游和预售订单由其规则定价");
    if (l.unitPriceFen !== undefined && (!Number.isSafeInteger(l.unitPriceFen) || l.unitPriceFen < 0)) throw new InvalidOrderError("单价必须是非负整数（分）");
  }
  // Scheme products never reach the cart or the catalogue, and goods never reach a scheme order.
  const variants = await orderableVariants(input.lines.map((l) => l.variantId), scheme ? SCHEME_PRODUCT_STATUS : "ACTIVE");
  const byId = new Map(variants.map((v) => [v.id, v]));
  // Most variants have no volume tiers: skip that query when none of these do.
  const withTiers = variants.filter((v) => v.tierCount > 0).map((v) => v.id);
  const tiers = withTiers.length ? await tiersFor(prisma, withTiers, input.organizationId ?? null) : new Map();
  const lines = input.lines.map((l) => {
    const v = byId.get(l.variantId);
    if (!v) throw new InvalidOrderError("有商品已下架，请从购物车中移除后重试");
    if (l.quantity < v.minOrderQty) throw new InvalidOrderError(`${v.product.name}（${v.name}）起订量为 ${v.minOrderQty}`);
    // Fail fast when it is already gone (the race itself is settled by reserveStock's guarded update).
    if (input.status === "PENDING_PAYMENT" && v.stock < l.quantity) throw new OutOfStockError(v.id, l.quantity, `${v.product.name}（${v.name}）`);
    const unitPriceFen = l.unitPriceFen ?? unitPriceFor(v.priceFen, tiers.get(v.id) ?? [], l.quantity, input.organizationId ?? null);
    return {
      variantId: v.id,
      productId: v.productId,
      productName: v.product.name,
      variantName: v.name,
      quantity: l.quantity,
      unitPriceFen,
      lineTotalFen: lineTotalFen(unitPriceFen, l.quantity),
    };
  });
  const subtotalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const shippingFen = typeof input.shippingFen === "function" ? input.shippingFen(subtotalFen) : (input.shippingFen ?? 0);

  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        // Raw inserts through insertRows: this transaction holds the one writer (see markOrderPaid).
        if (input.status === "PENDING_PAYMENT") await reserveStock(tx, lines);
        const order = { id: crypto.randomUUID(), number: newOrderNumber() };
        const now = new Date();
        await insertRows(tx, "Order", [
          {
            ...order,
            buyerId: input.buyerId,
            organizationId: input.organizationId ?? null,
            hallId: input.hallId ?? null,
            kind: input.kind ?? "RETAIL",
            status: input.status,
            subtotalFen,
            shippingFen,
            totalFen: subtotalFen + shippingFen,
            refundedFen: 0,
            reservedUntil: input.status === "PENDING_PAYMENT" ? (input.reservedUntil ?? null) : null,
            clientRequestId: input.clientRequestId ?? null,
            createdAt: now,
            ...(input.address ?? {}),
            ...(input.extra ?? {}),
          },
        ]);
        const lineRows = lines.map((l) => ({ id: crypto.randomUUID(), orderId: order.id, ...l, refundedFen: 0 }));
        await insertRows(tx, "OrderLine", lineRows);
        await insertRows(tx, "OrderEvent", [{ id: crypto.randomUUID(), orderId: order.id, toStatus: input.status, actorId: input.buyerId, note: "下单", createdAt: now }]);
        if (input.invoiceRequest) await tx.invoiceRequest.create({ data: { ...input.invoiceRequest, orderId: order.id } });
        await input.also?.(tx, { ...order, lines: lineRows.map((l) => ({ id: l.id, variantId: l.variantId })) });
        return { ...order, duplicate: false };
      });
    } catch (error) {
      if (error instanceof OutOfStockError && !error.label) {
        const line = lines.find((l) => l.variantId === error.variantId);
        throw new OutOfStockError(error.variantId, error.requested, line && `${line.productName}（${line.variantName}）`);
      }
      if (!isUniqueViolation(error)) throw error;
      // A unique index refused the row: either the same request won the race, or the random
      // order number collided and we draw another.
      if (input.clientRequestId) {
        const existing = await prisma.order.findUnique({ where: { clientRequestId: input.clientRequestId }, select: { id: true, number: true } });
        if (existing) return { ...existing, duplicate: true };
      }
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * The active variants among `ids` whose product has `productStatus`, with what pricing needs: one
 * raw statement (every checkout reads this; Prisma's nested select with a tier count cost its
 * compiler about a millisecond). A test holds it to that select.
 */
export async function orderableVariants(ids: string[], productStatus: string) {
  if (ids.length === 0) return [];
  const rows = await raw(prisma).query<{ id: string; name: string; priceFen: number; minOrderQty: number; stock: number; productId: string; productName: string; tierCount: number }>(
    `SELECT v."id", v."name", v."priceFen", v."minOrderQty", v."stock", v."productId", p."name" AS "productName",
       (SELECT COUNT(*) FROM "PriceTier" t WHERE t."variantId" = v."id") AS "tierCount"
     FROM "Variant" v JOIN "Product" p ON p."id" = v."productId"
     WHERE v."id" IN (${ids.map(() => "?").join(", ")}) AND v."active" = 1 AND p."status" = ?`,
    ...ids,
    productStatus,
  );
  return rows.map(({ productName, tierCount, ...v }) => ({ ...v, product: { name: productName }, tierCount: Number(tierCount) }));
}

/** Reserves stock as an approved/resubmitted order moves to payment. */
export async function moveToPayment(orderId: string, actorId: string, reservedUntil: Date | null, note?: string, also?: (tx: Tx) => Promise<void>) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, lines: { select: { variantId: true, productId: true, quantity: true } } } });
    await transition(tx, { orderId, from: order.status as OrderStatus, to: "PENDING_PAYMENT", actorId, note, data: { reservedUntil } });
    await reserveStock(tx, order.lines);
    await also?.(tx);
  });
}

/**
 * Marks an order paid, once. A second call (a webhook delivered twice, a bank receipt entered
 * twice) finds the order already past PENDING_PAYMENT and changes nothing.
 * Returns "paid" when this call paid it, "already" when it was paid before, "not-payable" when the
 * order was cancelled or expired in the meantime (a card payment is then sent back: refundLatePayment).
 */
export async function markOrderPaid(input: {
  orderId: string;
  /** The method it was paid with (orders/payment-method.ts); TEST only in tests' factories. */
  method: OnlinePaymentMethod | "ONLINE" | "TEST" | "BANK_TRANSFER";
  provider: "stripe" | "test" | "bank";
  providerRef?: string | null;
  amountFen: number;
  actorId?: string | null;
  paidAt?: Date;
  /**
   * Runs inside the transaction that pays the order, only when it does: the webhook records its
   * Stripe event there, so the payment and "this event was handled" commit together.
   */
  also?: (tx: Tx) => Promise<void>;
}): Promise<"paid" | "already" | "not-payable"> {
  // Everything that only reads is done before the transaction: it holds the database (the one
  // writer) for its writes alone. The status guard inside decides; a read that went stale meanwhile
  // can only make us re-check.
  const order = await paymentView(input.orderId);
  if (order.status !== "PENDING_PAYMENT") return paidOutcome(order.status);
  if (input.amountFen !== order.totalFen) throw new PaymentAmountError(input.amountFen, order.totalFen);
  const paidAt = input.paidAt ?? new Date();
  // The batch units each line is to take, and the ledger rows that follow from them, are worked out
  // here too; inside, one guarded statement takes them, or refuses when a batch was emptied meanwhile.
  const takes = await planBatches(prisma, order.lines);
  const sale = await prepareSale(prisma, input.orderId, paidAt, takes);
  const split = await planPaidOrderSplit(prisma, input.orderId);
  const notice = await prepareNotice(prisma, {
    userId: order.buyerId,
    kind: "order",
    email: {
      subject: `订单 ${order.number} 已付款`,
      content: {
        greeting: `${order.buyer.name}，您好：`,
        paragraphs: [`您的订单 ${order.number} 已付款 ${formatFen(order.totalFen)}，${PAID_NEXT_STEP[order.kind as OrderKind] ?? PAID_NEXT_STEP.RETAIL}`, "感谢您支持甘肃消费帮扶。"],
        action: { label: "查看订单", url: orderPageUrl(order) },
      },
    },
  });
  const sold = new Map<string, number>();
  for (const line of order.lines) sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
  // `plan` null: allocate and split inside the transaction (the plan went stale: a batch ran short).
  const pay = (plan: { takes: PlannedTake[]; sale: typeof sale } | null) =>
    prisma.$transaction(async (tx) => {
      try {
        await transition(tx, {
          orderId: input.orderId,
          from: "PENDING_PAYMENT",
          to: "PAID",
          actorId: input.actorId,
          note: input.method === "BANK_TRANSFER" ? "对公转账已到账" : "支付成功",
          data: { paidAt, paymentMethod: input.method, reservedUntil: null },
        });
      } catch (error) {
        if (!(error instanceof OrderStateError)) throw error;
        // Paid by a racing delivery, or cancelled (the sweeper) since we looked: which one decides
        // whether this payment is a duplicate or must be sent back.
        const now = await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { status: true } });
        return paidOutcome(now.status);
      }
      const now = new Date();
      await insertRows(tx, "Payment", [
        { id: crypto.randomUUID(), orderId: input.orderId, provider: input.provider, providerRef: input.providerRef ?? null, amountFen: input.amountFen, status: "SUCCEEDED", createdAt: now, updatedAt: now },
      ]);
      // One statement for every product of the order. updatedAt stays: units sold are not an edit
      // (app/models/catalog/cache.server.ts says how fresh listings show them).
      const products = [...sold];
      await raw(tx).execute(
        `UPDATE "Product" SET "salesCount" = "salesCount" + CASE "id" ${products.map(() => "WHEN ? THEN ?").join(" ")} END
         WHERE "id" IN (${products.map(() => "?").join(", ")})`,
        ...products.flat(),
        ...products.map(([id]) => id),
      );
      // Units come out of batches (oldest first) before the ledger splits them among households: a
      // line that took batch units is split by those batches' households.
      if (plan) {
        if (!(await takePlannedBatches(tx, plan.takes))) throw new PlanOutdated();
        await writeSale(tx, plan.sale);
      } else {
        const allocated = await allocateBatches(tx, order.lines);
        if (allocated > 0) await recordSale(tx, input.orderId);
        else await writeSale(tx, await prepareSale(tx, input.orderId, paidAt));
      }
      // One parcel per co-op for the order's own address (recipients and gift codes bring their own).
      await writePlannedSplit(tx, split);
      await writeNotice(tx, notice);
      await input.also?.(tx);
      return "paid" as const;
    });
  try {
    return await pay({ takes, sale });
  } catch (error) {
    if (!(error instanceof PlanOutdated)) throw error;
    return pay(null);
  }
}

/** Thrown inside the payment's transaction to roll it back when its batch plan no longer holds. */
class PlanOutdated extends Error {}

/**
 * What markOrderPaid reads of an order before its transaction: two raw statements (this runs on
 * every payment; Prisma's nested select cost its query compiler about a millisecond). A test holds
 * it to the Prisma read it replaced.
 */
export async function paymentView(orderId: string) {
  const [[order], lines] = await Promise.all([
    raw(prisma).query<{ status: string; kind: string; totalFen: number; number: string; buyerId: string; organizationId: string | null; buyerName: string }>(
      `SELECT o."status", o."kind", o."totalFen", o."number", o."buyerId", o."organizationId", u."name" AS "buyerName"
       FROM "Order" o JOIN "User" u ON u."id" = o."buyerId" WHERE o."id" = ?`,
      orderId,
    ),
    raw(prisma).query<{ id: string; variantId: string; productId: string; quantity: number }>(
      `SELECT "id", "variantId", "productId", "quantity" FROM "OrderLine" WHERE "orderId" = ? ORDER BY "id"`,
      orderId,
    ),
  ]);
  if (!order) throw new NotFoundError("订单不存在");
  const { buyerName, ...rest } = order;
  return { ...rest, buyer: { name: buyerName }, lines };
}

function paidOutcome(status: string): "already" | "not-payable" {
  return PAID_STATUSES.includes(status as OrderStatus) ? "already" : "not-payable";
}

/** Cancels an unpaid order and gives its reserved stock back (buyer, payment failure, or expiry). */
export async function cancelUnpaidOrder(orderId: string, actorId: string | null, note: string) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { status: true, lines: { select: { variantId: true, productId: true, quantity: true } } },
    });
    const from = order.status as OrderStatus;
    if (!["DRAFT", "PENDING_APPROVAL", "RETURNED", "PENDING_PAYMENT"].includes(from)) throw new OrderStateError("只有未付款的订单可以取消");
    await transition(tx, { orderId, from, to: "CANCELLED", actorId, note, data: { reservedUntil: null } });
    if (from === "PENDING_PAYMENT") await releaseStock(tx, order.lines);
  });
}

/**
 * A payment attempt that did not go through. The order is not cancelled: it keeps its stock
 * reserved and stays 待付款 so the buyer can pay again (重新支付) until the reservation ends, when
 * the sweeper cancels it like any unpaid order. Only a timeline note is written (same status before
 * and after, which is how the order page knows an attempt failed). "not-payable" when the order was
 * paid or cancelled meanwhile.
 */
export async function recordFailedPayment(orderId: string, actorId: string | null, reason: string, failedSessionId?: string) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, reservedUntil: true } });
    if (order.status !== "PENDING_PAYMENT") return "not-payable" as const;
    // A Checkout Session whose payment failed cannot be paid again: forget it, so 重新支付 opens a new one.
    if (failedSessionId) await tx.order.updateMany({ where: { id: orderId, paymentRef: failedSessionId }, data: { paymentRef: null } });
    const until = order.reservedUntil ? `，订单保留至 ${formatChinaDateTime(order.reservedUntil)}，可重新支付` : "，可重新支付";
    await tx.orderEvent.create({
      data: { orderId, fromStatus: "PENDING_PAYMENT", toStatus: "PENDING_PAYMENT", actorId, note: `${reason}${until}` },
    });
    return "failed" as const;
  });
}
