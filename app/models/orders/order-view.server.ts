import { prisma, raw } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { addressSelect } from "~/models/addresses/address.schema";
import { normaliseOrderNumber } from "~/models/orders/number";
import { isOrderStatus, isSchemeKind, REFUNDABLE_STATUSES, wasPaid, type OrderStatus } from "~/models/orders/status";
import { afterSalesWindowOpen } from "~/models/after-sales/status";
import { trackingUrl } from "~/models/parcels/couriers";
import { parcelCode } from "~/models/parcels/status";
import { BUYER_ORDER_TABS, BUYER_TAB_STATUSES, type BuyerOrderTab } from "~/models/orders/buyer-tabs";

// Reading orders: the buyer sees their own; staff see all. (Changes live in order.server.ts,
// payment.server.ts and refund.server.ts; parcels in app/models/parcels/.)

const orderSummarySelect = {
  id: true,
  number: true,
  status: true,
  totalFen: true,
  refundedFen: true,
  createdAt: true,
  recipient: true,
  buyer: { select: { name: true, email: true } },
  _count: { select: { lines: true } },
  lines: { select: { productName: true, quantity: true }, take: 2 },
} satisfies Prisma.OrderSelect;

const orderDetailSelect = {
  id: true,
  number: true,
  status: true,
  kind: true,
  subtotalFen: true,
  shippingFen: true,
  totalFen: true,
  refundedFen: true,
  paymentMethod: true,
  paymentRef: true,
  reservedUntil: true,
  createdAt: true,
  paidAt: true,
  ...addressSelect,
  buyerId: true,
  buyer: { select: { name: true, email: true } },
  lines: {
    select: { id: true, productName: true, variantName: true, quantity: true, unitPriceFen: true, lineTotalFen: true, refundedFen: true, product: { select: { slug: true } } },
    orderBy: { id: "asc" },
  },
  events: { select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, actorId: true }, orderBy: { createdAt: "asc" } },
  refunds: { select: { id: true, amountFen: true, reason: true, createdAt: true, orderLineId: true, providerRef: true }, orderBy: { createdAt: "asc" } },
  payments: { where: { status: "SUCCEEDED" }, select: { provider: true }, take: 1 },
} satisfies Prisma.OrderSelect;

export type OrderDetail = Prisma.OrderGetPayload<{ select: typeof orderDetailSelect }>;

const BUYER_PAGE_SIZE = 10;

/** 再次购买 is offered on a shop order that was paid or cancelled (buyAgain's own rule; schemes and institutions buy elsewhere). */
export function canBuyAgain(order: { kind: string; status: string }) {
  return order.kind === "RETAIL" && (order.status === "CANCELLED" || wasPaid(order.status));
}

function buyerTabWhere(tab: BuyerOrderTab): Prisma.OrderWhereInput {
  if (tab === "all") return {};
  const statuses = [...BUYER_TAB_STATUSES[tab]];
  if (tab === "after-sales") return { OR: [{ status: { in: statuses } }, { afterSales: { some: {} } }] };
  return { status: { in: statuses } };
}

/** 订单号 (typed any way) or words of a product's name in the order. */
function buyerSearchWhere(q: string): Prisma.OrderWhereInput {
  const words = q.trim().slice(0, 40);
  if (!words) return {};
  const number = normaliseOrderNumber(words);
  return number ? { number } : { lines: { some: { productName: { contains: words } } } };
}

/**
 * 我的订单: one tab's page of the buyer's orders (newest first, 10 a page), the count in every
 * tab for the same search, and what each listed order needs for its buttons (parcels to confirm,
 * after-sales windows, tracking links).
 */
export async function listBuyerOrders(buyerId: string, filter: { tab?: BuyerOrderTab; q?: string; page?: number } = {}) {
  const tab = filter.tab ?? "all";
  const q = filter.q?.trim() ?? "";
  const base: Prisma.OrderWhereInput = { buyerId, ...buyerSearchWhere(q) };
  const where: Prisma.OrderWhereInput = { AND: [base, buyerTabWhere(tab)] };
  const counted = await Promise.all(BUYER_ORDER_TABS.map((t) => prisma.order.count({ where: { AND: [base, buyerTabWhere(t)] } })));
  const counts = Object.fromEntries(BUYER_ORDER_TABS.map((t, i) => [t, counted[i]])) as Record<BuyerOrderTab, number>;
  const pages = Math.max(1, Math.ceil(counts[tab] / BUYER_PAGE_SIZE));
  const page = Math.max(1, Math.min(pages, filter.page ?? 1));
  const orders = await prisma.order.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: BUYER_PAGE_SIZE,
    skip: (page - 1) * BUYER_PAGE_SIZE,
    select: {
      ...orderSummarySelect,
      kind: true,
      parcels: { select: { id: true, seq: true, status: true, deliveredAt: true, courier: true, trackingNumber: true }, orderBy: { seq: "asc" }, take: 5 },
    },
  });
  const now = new Date();
  const listed = orders.map((o) => {
    const refundable = REFUNDABLE_STATUSES.includes(o.status as OrderStatus) && !isSchemeKind(o.kind);
    return {
      ...o,
      canBuyAgain: canBuyAgain(o),
      parcels: o.parcels.map((p) => ({
        ...p,
        code: parcelCode(o.number, p.seq),
        trackingUrl: trackingUrl(p.courier, p.trackingNumber),
        afterSalesOpen: refundable && afterSalesWindowOpen(p, now),
      })),
    };
  });
  return { orders: listed, counts, tab, q, page, pages };
}

/**
 * The buyer's own order by its number (typed any way); null for anyone else's. Raw statements (the
 * page every paid order ends on; Prisma's nested select was seven statements through its query
 * compiler): `orderDetailSelect`'s shape, dates as Dates. A test holds it to that select.
 */
export async function getBuyerOrder(number: string, buyerId: string): Promise<OrderDetail | null> {
  const normal = normaliseOrderNumber(number);
  if (!normal) return null;
  const db = raw(prisma);
  const [order] = await db.query<Record<string, unknown> & { id: string; buyerName: string; buyerEmail: string }>(
    `SELECT o."id", o."number", o."status", o."kind", o."subtotalFen", o."shippingFen", o."totalFen", o."refundedFen", o."paymentMethod", o."paymentRef",
       o."reservedUntil", o."createdAt", o."paidAt", o."recipient", o."mobile", o."province", o."city", o."district", o."street", o."buyerId",
       u."name" AS "buyerName", u."email" AS "buyerEmail"
     FROM "Order" o JOIN "User" u ON u."id" = o."buyerId" WHERE o."number" = ? AND o."buyerId" = ?`,
    normal,
    buyerId,
  );
  if (!order) return null;
  const [lines, events, refunds, payments] = await Promise.all([
    db.query<{ id: string; productName: string; variantName: string; quantity: number; unitPriceFen: number; lineTotalFen: number; refundedFen: number; slug: string }>(
      `SELECT l."id", l."productName", l."variantName", l."quantity", l."unitPriceFen", l."lineTotalFen", l."refundedFen", p."slug"
       FROM "OrderLine" l JOIN "Product" p ON p."id" = l."productId" WHERE l."orderId" = ? ORDER BY l."id" ASC`,
      order.id,
    ),
    db.query<{ id: string; fromStatus: string | null; toStatus: string; note: string | null; createdAt: string; actorId: string | null }>(
      `SELECT "id", "fromStatus", "toStatus", "note", "createdAt", "actorId" FROM "OrderEvent" WHERE "orderId" = ? ORDER BY "createdAt" ASC, "rowid" ASC`,
      order.id,
    ),
    db.query<{ id: string; amountFen: number; reason: string; createdAt: string; orderLineId: string | null; providerRef: string | null }>(
      `SELECT "id", "amountFen", "reason", "createdAt", "orderLineId", "providerRef" FROM "Refund" WHERE "orderId" = ? ORDER BY "createdAt" ASC, "rowid" ASC`,
      order.id,
    ),
    db.query<{ provider: string }>(`SELECT "provider" FROM "Payment" WHERE "orderId" = ? AND "status" = 'SUCCEEDED' LIMIT 1`, order.id),
  ]);
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const { buyerName, buyerEmail, ...fields } = order;
  return {
    ...fields,
    reservedUntil: date(fields.reservedUntil),
    createdAt: date(fields.createdAt),
    paidAt: date(fields.paidAt),
    buyer: { name: buyerName, email: buyerEmail },
    lines: lines.map(({ slug, ...l }) => ({ ...l, product: { slug } })),
    events: events.map((e) => ({ ...e, createdAt: new Date(e.createdAt) })),
    refunds: refunds.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    payments,
  } as OrderDetail;
}

export async function listOrdersForStaff(filter: { status?: string | null; q?: string | null; page?: number }) {
  const where: Prisma.OrderWhereInput = {};
  if (filter.status && isOrderStatus(filter.status)) where.status = filter.status;
  const number = filter.q ? normaliseOrderNumber(filter.q) : null;
  if (number) where.number = number;
  else if (filter.q) where.OR = [{ buyer: { email: { contains: filter.q.trim().toLowerCase() } } }, { recipient: { contains: filter.q.trim() } }];
  const take = 50;
  const page = Math.max(1, Math.min(1000, filter.page ?? 1));
  const [total, orders] = await Promise.all([
    prisma.order.count({ where }),
    prisma.order.findMany({ where, orderBy: { createdAt: "desc" }, take, skip: (page - 1) * take, select: orderSummarySelect }),
  ]);
  return { total, orders, page, pages: Math.max(1, Math.ceil(total / take)) };
}

export async function getOrderForStaff(number: string) {
  const normal = normaliseOrderNumber(number);
  if (!normal) return null;
  return prisma.order.findUnique({ where: { number: normal }, select: orderDetailSelect });
}

/** Names of the people behind a timeline's actor ids (staff, the buyer); null actor = system. */
export async function actorNames(ids: (string | null)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return {};
  // raw: every order page asks (a Prisma read cost its query compiler more than the lookup)
  const users = await raw(prisma).query<{ id: string; name: string }>(`SELECT "id", "name" FROM "User" WHERE "id" IN (${wanted.map(() => "?").join(", ")})`, ...wanted);
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}
