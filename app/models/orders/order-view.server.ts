import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { addressSelect } from "~/models/addresses/address.schema";
import { normaliseOrderNumber } from "~/models/orders/number";
import { isOrderStatus } from "~/models/orders/status";

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

export async function listBuyerOrders(buyerId: string) {
  return prisma.order.findMany({ where: { buyerId }, orderBy: { createdAt: "desc" }, take: 100, select: orderSummarySelect });
}

/** The buyer's own order by its number (typed any way); null for anyone else's. */
export async function getBuyerOrder(number: string, buyerId: string) {
  const normal = normaliseOrderNumber(number);
  if (!normal) return null;
  return prisma.order.findFirst({ where: { number: normal, buyerId }, select: orderDetailSelect });
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
export async function actorNames(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}
