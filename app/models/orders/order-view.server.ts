import {prisma, raw } from "~/db.server";
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

// 我的订单 is the busiest signed-in page after the halls: its reads are raw statements, because
// Prisma's query compiler cost more CPU than the queries (six counts and a nested list were ≈ 5 ms
// of a view; decision 0016, third pass). tests/integration/orders/buyer-orders.test.ts holds them to
// the tabs' rules.

/** The SQL condition of a tab (`o` is the order), with its arguments. */
function tabCondition(tab: BuyerOrderTab): { sql: string; args: unknown[] } {
  if (tab === "all") return { sql: "1", args: [] };
  const statuses = BUYER_TAB_STATUSES[tab];
  const byStatus = `o."status" IN (${statuses.map(() => "?").join(", ")})`;
  // 售后 also takes any order with an after-sales request, whatever its status
  const sql = tab === "after-sales" ? `(${byStatus} OR EXISTS (SELECT 1 FROM "AfterSalesRequest" a WHERE a."orderId" = o."id"))` : byStatus;
  return { sql, args: [...statuses] };
}

/** The buyer's orders matching the search: 订单号 (typed any way) or words of a product's name in the order. */
function buyerCondition(buyerId: string, q: string): { sql: string; args: unknown[] } {
  const words = q.trim().slice(0, 40);
  const number = words ? normaliseOrderNumber(words) : null;
  if (number) return { sql: `o."buyerId" = ? AND o."number" = ?`, args: [buyerId, number] };
  if (!words) return { sql: `o."buyerId" = ?`, args: [buyerId] };
  // a substring as Prisma's `contains` on SQLite gives it (LIKE: case-insensitive for ASCII; a typed % or _ is a wildcard)
  return { sql: `o."buyerId" = ? AND EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."orderId" = o."id" AND l."productName" LIKE ?)`, args: [buyerId, `%${words}%`] };
}

/** The count in every tab of 我的订单 for the same search, in one statement. */
export async function buyerTabCounts(buyerId: string, q: string): Promise<Record<BuyerOrderTab, number>> {
  const sums = BUYER_ORDER_TABS.map((tab) => tabCondition(tab));
  const where = buyerCondition(buyerId, q);
  const [row] = await raw(prisma).query<Record<string, number | bigint | null>>(
    `SELECT ${sums.map((c, i) => `SUM(${c.sql}) AS "t${i}"`).join(", ")} FROM "Order" o WHERE ${where.sql}`,
    ...sums.flatMap((c) => c.args),
    ...where.args,
  );
  return Object.fromEntries(BUYER_ORDER_TABS.map((t, i) => [t, Number(row?.[`t${i}`] ?? 0)])) as Record<BuyerOrderTab, number>;
}

const dateOf = (value: string | number | Date) => new Date(value);

/**
 * 我的订单: one tab's page of the buyer's orders (newest first, 10 a page), the count in every
 * tab for the same search, and what each listed order needs for its buttons (parcels to confirm,
 * after-sales windows, tracking links).
 */
export async function listBuyerOrders(buyerId: string, filter: { tab?: BuyerOrderTab; q?: string; page?: number } = {}) {
  const tab = filter.tab ?? "all";
  const q = filter.q?.trim() ?? "";
  const counts = await buyerTabCounts(buyerId, q);
  const pages = Math.max(1, Math.ceil(counts[tab] / BUYER_PAGE_SIZE));
  const page = Math.max(1, Math.min(pages, filter.page ?? 1));
  const where = buyerCondition(buyerId, q);
  const inTab = tabCondition(tab);
  type Row = { id: string; number: string; status: string; kind: string; totalFen: number; refundedFen: number; createdAt: string | Date; recipient: string | null; buyerName: string; buyerEmail: string; lineCount: number | bigint };
  const rows = await raw(prisma).query<Row>(
    `SELECT o."id", o."number", o."status", o."kind", o."totalFen", o."refundedFen", o."createdAt", o."recipient",
            u."name" AS "buyerName", u."email" AS "buyerEmail",
            (SELECT count(*) FROM "OrderLine" l WHERE l."orderId" = o."id") AS "lineCount"
     FROM "Order" o JOIN "User" u ON u."id" = o."buyerId"
     WHERE ${where.sql} AND ${inTab.sql} ORDER BY o."createdAt" DESC LIMIT ? OFFSET ?`,
    ...where.args,
    ...inTab.args,
    BUYER_PAGE_SIZE,
    (page - 1) * BUYER_PAGE_SIZE,
  );
  const ids = rows.map((o) => o.id);
  const marks = ids.map(() => "?").join(", ");
  // each order's first two lines (for its card) and first five parcels, in one statement each
  type LineRow = { orderId: string; productName: string; quantity: number };
  type ParcelRow = { orderId: string; id: string; seq: number; status: string; deliveredAt: string | Date | null; courier: string | null; trackingNumber: string | null };
  const [lines, parcels]: [LineRow[], ParcelRow[]] = ids.length
    ? await Promise.all([
        raw(prisma).query<LineRow>(
          `SELECT "orderId", "productName", "quantity" FROM (
             SELECT l."orderId", l."productName", l."quantity", l."id", row_number() OVER (PARTITION BY l."orderId" ORDER BY l."id") AS "n"
             FROM "OrderLine" l WHERE l."orderId" IN (${marks})
           ) WHERE "n" <= 2 ORDER BY "orderId", "id"`,
          ...ids,
        ),
        raw(prisma).query<ParcelRow>(
          `SELECT "orderId", "id", "seq", "status", "deliveredAt", "courier", "trackingNumber" FROM (
             SELECT p.*, row_number() OVER (PARTITION BY p."orderId" ORDER BY p."seq") AS "n"
             FROM "Parcel" p WHERE p."orderId" IN (${marks})
           ) WHERE "n" <= 5 ORDER BY "orderId", "seq"`,
          ...ids,
        ),
      ])
    : [[], []];
  const group = <T extends { orderId: string }>(items: T[]) => {
    const by = new Map<string, T[]>();
    for (const item of items) by.set(item.orderId, [...(by.get(item.orderId) ?? []), item]);
    return by;
  };
  const linesOf = group(lines);
  const parcelsOf = group(parcels);
  const now = new Date();
  const orders = rows.map((o) => {
    const refundable = REFUNDABLE_STATUSES.includes(o.status as OrderStatus) && !isSchemeKind(o.kind);
    return {
      id: o.id,
      number: o.number,
      status: o.status,
      kind: o.kind,
      totalFen: Number(o.totalFen),
      refundedFen: Number(o.refundedFen),
      createdAt: dateOf(o.createdAt),
      recipient: o.recipient,
      buyer: { name: o.buyerName, email: o.buyerEmail },
      _count: { lines: Number(o.lineCount) },
      lines: (linesOf.get(o.id) ?? []).map((l) => ({ productName: l.productName, quantity: Number(l.quantity) })),
      canBuyAgain: canBuyAgain(o),
      parcels: (parcelsOf.get(o.id) ?? []).map(({ orderId: _order, ...p }) => {
        const parcel = { ...p, seq: Number(p.seq), deliveredAt: p.deliveredAt === null ? null : dateOf(p.deliveredAt) };
        return {
          ...parcel,
          code: parcelCode(o.number, parcel.seq),
          trackingUrl: trackingUrl(parcel.courier, parcel.trackingNumber),
          afterSalesOpen: refundable && afterSalesWindowOpen(parcel, now),
        };
      }),
    };
  });
  return { orders, counts, tab, q, page, pages };
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
