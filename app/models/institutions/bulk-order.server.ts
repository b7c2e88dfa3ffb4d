// Institution (bulk) orders on top of the order core: build and price, submit, approve or return
// (bank transfers: bank-transfer.server.ts). Every read is scoped to the asker's organisation.
import { prisma, raw } from "~/db.server";
import { env } from "~/env.server";
import type { Role } from "~/models/accounts/roles";
import type { Decision, OrderLineInput } from "~/models/institutions/bulk-order.schema";
import { cancelUnpaidOrder, InvalidOrderError, moveToPayment, OrderStateError, placeOrder, transition } from "~/models/orders/order.server";
import type { OrderStatus } from "~/models/orders/status";
import { mailApprovers, mailPaymentDue, mailReturned } from "~/models/institutions/approval-mail.server";
import { lineTotalFen, tiersFor, unitPriceFor } from "~/models/orders/pricing.server";
import { searchProductIds } from "~/models/catalog/search.server";
import { OutOfStockError } from "~/models/orders/stock.server";
import { DomainError } from "~/lib/errors";
import { toInvoiceRequest, type InvoiceRequestFields } from "~/models/invoices/invoice-request.schema";

export class BulkOrderError extends DomainError {}

/** How long approved orders hold their stock while the money is on its way. */
export const BANK_TRANSFER_HOLD_DAYS = 10;
export const CARD_HOLD_HOURS = 24;

/** An order above the organisation's limit needs an approver; a limit of 0 means every order does. */
export function needsApproval(totalFen: number, approvalLimitFen: number) {
  return approvalLimitFen <= 0 || totalFen > approvalLimitFen;
}

/** Links in e-mails need the site's address; scripts and tests without a request fall back to PUBLIC_URL. */
function siteOrigin(origin: string | undefined) {
  return origin ?? env().PUBLIC_URL ?? "";
}

export function holdUntil(paymentMethod: string | null, now = new Date()) {
  return paymentMethod === "CARD"
    ? new Date(now.getTime() + CARD_HOLD_HOURS * 3_600_000)
    : new Date(now.getTime() + BANK_TRANSFER_HOLD_DAYS * 86_400_000);
}

export interface PricedLine {
  row: number;
  sku: string;
  variantId: string;
  productName: string;
  variantName: string;
  quantity: number;
  basePriceFen: number;
  unitPriceFen: number;
  lineTotalFen: number;
  minOrderQty: number;
  stock: number;
  nextTier: { minQty: number; priceFen: number } | null;
}

/**
 * Prices the builder's lines exactly as placeOrder will (same tiers, organisation-only tiers
 * included), and says per row what is wrong: unknown SKU, below the minimum order quantity,
 * more than is in stock.
 */
export async function previewBulkOrder(organizationId: string, input: OrderLineInput[]) {
  const errors: Record<string, string> = {};
  const variants = await prisma.variant.findMany({
    where: { sku: { in: input.map((l) => l.sku) }, active: true, product: { status: "ACTIVE" } },
    select: { id: true, sku: true, name: true, priceFen: true, minOrderQty: true, stock: true, product: { select: { name: true } } },
  });
  const bySku = new Map(variants.map((v) => [v.sku, v]));
  const tiers = await tiersFor(prisma, variants.map((v) => v.id), organizationId);
  const lines: PricedLine[] = [];
  for (const l of input) {
    const v = bySku.get(l.sku);
    if (!v) {
      errors[`sku_${l.row}`] = `没有 SKU 为 ${l.sku} 的在售商品`;
      continue;
    }
    const own = tiers.get(v.id) ?? [];
    if (l.quantity < v.minOrderQty) errors[`qty_${l.row}`] = `起订量为 ${v.minOrderQty}`;
    else if (l.quantity > v.stock) errors[`qty_${l.row}`] = `库存仅剩 ${v.stock}`;
    const unitPriceFen = unitPriceFor(v.priceFen, own, l.quantity, organizationId);
    const next = own
      .filter((t) => t.minQty > l.quantity && (!t.organizationId || t.organizationId === organizationId))
      .map((t) => ({ minQty: t.minQty, priceFen: unitPriceFor(v.priceFen, own, t.minQty, organizationId) }))
      .find((t) => t.priceFen < unitPriceFen);
    lines.push({
      row: l.row, sku: v.sku, variantId: v.id, productName: v.product.name, variantName: v.name, quantity: l.quantity,
      basePriceFen: v.priceFen, unitPriceFen, lineTotalFen: lineTotalFen(unitPriceFen, l.quantity), minOrderQty: v.minOrderQty, stock: v.stock,
      nextTier: next ?? null,
    });
  }
  const totalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  return { lines, errors, totalFen };
}

/**
 * The catalogue list beside the builder: gift boxes first, searchable like /search (hanzi, pinyin,
 * initials; product, county, co-op, category) or by SKU and variant name.
 */
export async function bulkCatalogue(organizationId: string, q: string) {
  const query = q.trim().slice(0, 50);
  const found = query ? await searchProductIds(query, 200) : [];
  const variants = await prisma.variant.findMany({
    where: {
      active: true,
      stock: { gt: 0 },
      product: { status: "ACTIVE" },
      ...(query ? { OR: [{ sku: { contains: query.toUpperCase() } }, { name: { contains: query } }, { productId: { in: found } }] } : {}),
    },
    orderBy: [{ giftBox: "desc" }, { product: { salesCount: "desc" } }],
    take: 20,
    select: { id: true, sku: true, name: true, priceFen: true, refPriceFen: true, refPriceSource: true, minOrderQty: true, stock: true, product: { select: { name: true, county: { select: { name: true } } } } },
  });
  const tiers = await tiersFor(prisma, variants.map((v) => v.id), organizationId);
  return variants.map((v) => ({ ...v, tiers: (tiers.get(v.id) ?? []).map((t) => ({ minQty: t.minQty, priceFen: t.priceFen, own: Boolean(t.organizationId) })) }));
}

export interface SubmitInput {
  buyer: { id: string };
  organization: { id: string; status: string; approvalLimitFen: number };
  lines: { variantId: string; quantity: number }[];
  /** The header fields as the builder's form has them, 发票 request included (invoiceType NONE: none). */
  header: { poNumber: string; costCentre: string; paymentMethod: "BANK_TRANSFER" | "CARD" } & InvoiceRequestFields;
  clientRequestId?: string | null;
  /** The site's address for the links in the e-mails (routes pass publicOrigin(request)). */
  origin?: string;
}

/**
 * Submits a bulk order. It is placed as PENDING_APPROVAL; when its total is within the
 * organisation's limit it moves straight on to payment (reserving stock), recorded as automatic.
 */
export async function submitBulkOrder(input: SubmitInput) {
  if (input.organization.status !== "VERIFIED") throw new BulkOrderError("单位尚未通过平台审核，暂不能下单");
  // The request is saved with the order, in its transaction: never an order without what was asked.
  const invoice = toInvoiceRequest(input.header);
  const placed = await placeOrder({
    buyerId: input.buyer.id,
    organizationId: input.organization.id,
    kind: "BULK",
    status: "PENDING_APPROVAL",
    lines: input.lines,
    clientRequestId: input.clientRequestId ?? null,
    extra: {
      poNumber: input.header.poNumber || null,
      costCentre: input.header.costCentre || null,
      paymentMethod: input.header.paymentMethod,
    },
    invoiceRequest: invoice ? { ...invoice, requestedById: input.buyer.id } : null,
  });
  if (placed.duplicate) return { ...placed, autoApproved: false };
  const order = await prisma.order.update({
    where: { id: placed.id },
    data: { paymentRef: input.header.paymentMethod === "BANK_TRANSFER" ? `DG${placed.number}` : null },
    select: { totalFen: true, paymentMethod: true },
  });
  if (!needsApproval(order.totalFen, input.organization.approvalLimitFen)) {
    try {
      await moveToPayment(placed.id, input.buyer.id, holdUntil(order.paymentMethod), "金额未超过单位审批额度，自动通过", (tx) => mailPaymentDue(tx, placed.id, siteOrigin(input.origin), true));
    } catch (error) {
      if (!(error instanceof OutOfStockError)) throw error;
      // Someone bought the last units between preview and submit: no order is left behind.
      await cancelUnpaidOrder(placed.id, input.buyer.id, "库存不足，自动取消");
      throw new BulkOrderError("部分商品库存刚刚不足，订单未提交，请调整数量后重试");
    }
    return { ...placed, autoApproved: true };
  }
  await prisma.$transaction((tx) => mailApprovers(tx, placed.id, siteOrigin(input.origin)));
  return { ...placed, autoApproved: false };
}

const ORDER_SELECT = {
  id: true, number: true, status: true, kind: true, buyerId: true, subtotalFen: true, shippingFen: true, totalFen: true, refundedFen: true,
  paymentMethod: true, paymentRef: true, poNumber: true, costCentre: true,
  invoiceRequest: { select: { type: true, titleKind: true, title: true, taxNumber: true, regAddress: true, regPhone: true, bankName: true, bankAccount: true } },
  reservedUntil: true, createdAt: true, paidAt: true,
  // delivery (issue 16): the consignee on the order itself, and codes handed out before payment
  recipient: true, mobile: true, province: true, city: true, district: true, street: true, codesBeforePaymentAt: true,
  buyer: { select: { name: true, email: true } },
  organization: { select: { id: true, name: true, invoiceTitle: true, taxNumber: true, city: true } },
  lines: { orderBy: { id: "asc" }, select: { id: true, variantId: true, productName: true, variantName: true, quantity: true, unitPriceFen: true, lineTotalFen: true, refundedFen: true, variant: { select: { sku: true } } } },
  events: { orderBy: { createdAt: "asc" }, select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, actorId: true } },
} as const;

/** One of the organisation's orders by number, or null (another organisation's order looks unknown). */
export async function getOrgOrder(organizationId: string, number: string) {
  if (!/^[A-Za-z0-9-]{4,40}$/.test(number)) return null;
  return prisma.order.findFirst({ where: { number, organizationId, kind: "BULK" }, select: ORDER_SELECT });
}

type OrgOrderRow = {
  id: string; number: string; status: OrderStatus; totalFen: number | bigint; poNumber: string | null; createdAt: string | number | Date;
  paymentMethod: string | null; buyerName: string; lines: number | bigint; parcels: number | bigint;
};

/**
 * An organisation's bulk orders, newest first, in the shape of the Prisma select it replaced
 * (buyer name, line and parcel counts): /org reads it on every view, and as a raw read it costs a
 * few hundredths of a millisecond instead of the compiler's ≈0.8 (decision 0016, third pass).
 */
export async function listOrgOrders(organizationId: string, opts: { status?: OrderStatus | null; take?: number } = {}) {
  const rows = await raw(prisma).query<OrgOrderRow>(
    `SELECT o."id", o."number", o."status", o."totalFen", o."poNumber", o."createdAt", o."paymentMethod", u."name" AS "buyerName",
            (SELECT count(*) FROM "OrderLine" l WHERE l."orderId" = o."id") AS "lines",
            (SELECT count(*) FROM "Parcel" p WHERE p."orderId" = o."id") AS "parcels"
     FROM "Order" o JOIN "User" u ON u."id" = o."buyerId"
     WHERE o."organizationId" = ? AND o."kind" = 'BULK'${opts.status ? ` AND o."status" = ?` : ""}
     ORDER BY o."createdAt" DESC LIMIT ?`,
    organizationId,
    ...(opts.status ? [opts.status] : []),
    opts.take ?? 100,
  );
  return rows.map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status,
    totalFen: Number(o.totalFen),
    poNumber: o.poNumber,
    createdAt: new Date(o.createdAt),
    paymentMethod: o.paymentMethod,
    buyer: { name: o.buyerName },
    _count: { lines: Number(o.lines), parcels: Number(o.parcels) },
  }));
}

/** What the asker may do with an order now (the page shows only these buttons; the action re-checks). */
export function allowedDecisions(order: { status: string; buyerId: string }, user: { id: string; roles: Role[] }): Decision[] {
  const isApprover = user.roles.includes("org_approver") || user.roles.includes("org_admin");
  const isOwner = order.buyerId === user.id;
  const out: Decision[] = [];
  if (order.status === "PENDING_APPROVAL" && isApprover && !isOwner) out.push("approve", "return");
  if (order.status === "RETURNED" && (isOwner || user.roles.includes("org_admin"))) out.push("resubmit");
  if (["PENDING_APPROVAL", "RETURNED", "PENDING_PAYMENT"].includes(order.status) && (isOwner || user.roles.includes("org_admin"))) out.push("cancel");
  return out;
}

/**
 * An approver approves (the order moves to payment and reserves stock) or returns it with a
 * comment; the buyer resubmits a returned order or cancels. A buyer never approves their own order.
 */
export async function decideOrder(input: { organizationId: string; number: string; user: { id: string; roles: Role[] }; intent: Decision; comment: string; origin?: string }) {
  const order = await getOrgOrder(input.organizationId, input.number);
  if (!order) return null;
  if (!allowedDecisions(order, input.user).includes(input.intent)) {
    if (input.intent === "approve" && order.buyerId === input.user.id) throw new BulkOrderError("不能审批自己提交的订单");
    throw new BulkOrderError("您不能对此订单执行该操作，或订单状态已变化");
  }
  try {
    const origin = siteOrigin(input.origin);
    const paymentDue = (tx: Parameters<typeof mailPaymentDue>[0]) => mailPaymentDue(tx, order.id, origin);
    if (input.intent === "approve") {
      await moveToPayment(order.id, input.user.id, holdUntil(order.paymentMethod), input.comment ? `审批通过：${input.comment}` : "审批通过", paymentDue);
    } else if (input.intent === "return") {
      if (!input.comment) throw new BulkOrderError("退回时请填写意见");
      await prisma.$transaction(async (tx) => {
        await transition(tx, { orderId: order.id, from: "PENDING_APPROVAL", to: "RETURNED", actorId: input.user.id, note: `退回：${input.comment}` });
        await mailReturned(tx, order.id, input.comment, origin);
      });
    } else if (input.intent === "resubmit") {
      const org = await prisma.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { approvalLimitFen: true } });
      if (needsApproval(order.totalFen, org.approvalLimitFen)) {
        await prisma.$transaction(async (tx) => {
          await transition(tx, { orderId: order.id, from: "RETURNED", to: "PENDING_APPROVAL", actorId: input.user.id, note: input.comment || "重新提交审批" });
          await mailApprovers(tx, order.id, origin);
        });
      } else {
        await moveToPayment(order.id, input.user.id, holdUntil(order.paymentMethod), "重新提交，金额未超过审批额度，自动通过", (tx) => mailPaymentDue(tx, order.id, origin, true));
      }
    } else {
      await cancelUnpaidOrder(order.id, input.user.id, input.comment ? `取消：${input.comment}` : "采购方取消");
    }
  } catch (error) {
    if (error instanceof OutOfStockError) throw new BulkOrderError("部分商品库存不足，无法通过，请退回采购员调整数量");
    if (error instanceof OrderStateError) throw new BulkOrderError("订单状态已变化，请刷新后重试");
    throw error;
  }
  return order;
}

/** Lines of an earlier order for the builder ("再来一单"), at today's prices. */
export async function reorderLines(organizationId: string, number: string) {
  const order = await getOrgOrder(organizationId, number);
  if (!order) return null;
  return order.lines.map((l) => ({ sku: l.variant.sku, quantity: l.quantity }));
}

export { InvalidOrderError };
