// A buyer's pre-orders: placing one (full price or deposit), paying the balance once the harvest is
// confirmed, and cancelling for a full refund when the harvest window slipped.
import { prisma } from "~/db.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { holdUntil } from "~/models/institutions/bulk-order.server";
import { reservationDeadline } from "~/models/orders/checkout.server";
import { InvalidOrderError, orderForRequest, placeOrder } from "~/models/orders/order.server";
import { STANDING_STATUSES } from "~/models/orders/status";
import { OutOfStockError, releaseStock } from "~/models/orders/stock.server";
import type { PreorderInput } from "~/models/presales/preorder.schema";
import { officialAddress } from "~/models/addresses/divisions.server";
import { settlePresaleRefunds } from "~/models/presales/refunds.server";

export class PreorderError extends DomainError {}

export interface Buyer {
  id: string;
  organizationId: string | null;
}

async function hallOf(countyPartnerCityId: string) {
  return (await prisma.hall.findUnique({ where: { cityId: countyPartnerCityId }, select: { id: true } }))?.id ?? null;
}

/** Places the pre-order: the units come out of what is left of the commitment, all or nothing. */
export async function placePreorder(input: { buyer: Buyer; slug: string; form: PreorderInput; now?: Date }) {
  const earlier = await orderForRequest(input.form.clientRequestId, input.buyer.id);
  if (earlier) return earlier;
  const now = input.now ?? new Date();
  const presale = await prisma.presale.findUnique({
    where: { slug: input.slug },
    select: { id: true, status: true, closesAt: true, priceFen: true, depositFen: true, variantId: true, variant: { select: { stock: true } }, product: { select: { county: { select: { partnerCityId: true } } } } },
  });
  if (!presale) throw new NotFoundError("没有这个预售");
  if (presale.status !== "OPEN" || presale.closesAt <= now) throw new PreorderError("预售已截止");
  if (input.form.mode === "DEPOSIT" && presale.depositFen === null) throw new PreorderError("本预售只接受全款", { field: "mode" });
  if (presale.variant.stock < input.form.quantity) {
    throw new ConflictError(presale.variant.stock ? `只剩 ${presale.variant.stock} 份可预订` : "已全部订完", "quantity");
  }
  const { quantity, mode, clientRequestId, ...typed } = input.form;
  // the parcel goes to real divisions, stored by their official names; the wrong field is named
  const address = officialAddress(typed);
  const unitPriceFen = mode === "FULL" ? presale.priceFen : presale.depositFen!;
  try {
    return await placeOrder({
      buyerId: input.buyer.id,
      organizationId: input.buyer.organizationId,
      hallId: await hallOf(presale.product.county.partnerCityId),
      kind: "PRESALE",
      status: "PENDING_PAYMENT",
      lines: [{ variantId: presale.variantId, quantity, unitPriceFen }],
      reservedUntil: reservationDeadline(now),
      clientRequestId,
      address,
      also: async (tx, order) => {
        await tx.presaleOrder.create({ data: { presaleId: presale.id, buyerId: input.buyer.id, organizationId: input.buyer.organizationId, quantity, mode, firstOrderId: order.id, ...address } });
      },
    });
  } catch (error) {
    if (error instanceof OutOfStockError) throw new ConflictError("刚刚被别人订完，订单未创建，请减少数量后重试", "quantity");
    if (error instanceof InvalidOrderError) throw new PreorderError(error.message);
    throw error;
  }
}

const preorderSelect = {
  id: true,
  quantity: true,
  mode: true,
  stage: true,
  filledQty: true,
  balanceDueAt: true,
  parcelId: true,
  createdAt: true,
  recipient: true,
  city: true,
  district: true,
  presale: { select: { slug: true, name: true, unit: true, priceFen: true, depositFen: true, harvestFrom: true, harvestTo: true, status: true, unpaidBalance: true, _count: { select: { notices: { where: { kind: "SLIP" } } } } } },
  firstOrder: { select: { id: true, number: true, status: true, totalFen: true, refundedFen: true, paidAt: true } },
  balanceOrder: { select: { id: true, number: true, status: true, totalFen: true, paidAt: true } },
} as const;

function actions(p: { stage: string; balanceDueAt: Date | null; presale: { status: string; _count: { notices: number } }; firstOrder: { status: string }; balanceOrder: { status: string } | null }, now: Date) {
  const standing = (STANDING_STATUSES as readonly string[]).includes(p.firstOrder.status);
  const balancePaid = p.balanceOrder ? (STANDING_STATUSES as readonly string[]).includes(p.balanceOrder.status) : false;
  return {
    balancePaid,
    canPayBalance: standing && p.stage === "AWAITING_BALANCE" && !balancePaid && !!p.balanceDueAt && p.balanceDueAt > now,
    // A slipped window lets buyers walk away with everything back, until the harvest is in.
    canCancel: standing && p.stage === "OPEN" && p.presale._count.notices > 0 && (p.presale.status === "OPEN" || p.presale.status === "GOING_AHEAD"),
  };
}

export async function myPreorders(buyer: Buyer, now = new Date()) {
  const rows = await prisma.presaleOrder.findMany({
    where: { buyerId: buyer.id, firstOrder: { status: { not: "CANCELLED" } } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: preorderSelect,
  });
  const parcels = await prisma.parcel.findMany({
    where: { id: { in: rows.map((r) => r.parcelId).filter((x): x is string => !!x) } },
    select: { id: true, courier: true, trackingNumber: true, shippedAt: true },
  });
  return rows.map((r) => ({ ...r, ...actions(r, now), parcel: parcels.find((s) => s.id === r.parcelId) ?? null }));
}
export type MyPreorder = Awaited<ReturnType<typeof myPreorders>>[number];

async function ownPreorder(buyer: Buyer, id: string) {
  const row = await prisma.presaleOrder.findFirst({
    where: { id, buyerId: buyer.id },
    select: { ...preorderSelect, presaleId: true, presale: { select: { ...preorderSelect.presale.select, variantId: true, productId: true, product: { select: { county: { select: { partnerCityId: true } } } } } } },
  });
  if (!row) throw new NotFoundError("没有这笔预订");
  return row;
}

/**
 * The balance order for the filled units (price − deposit each). A pending one is reused; one that
 * expired unpaid is replaced. By card it holds for the usual reservation; an organisation paying by
 * bank transfer holds until the balance deadline.
 */
export async function payBalance(input: { buyer: Buyer; preorderId: string; method: "CARD" | "BANK_TRANSFER"; now?: Date }) {
  const now = input.now ?? new Date();
  const p = await ownPreorder(input.buyer, input.preorderId);
  const a = actions(p, now);
  if (!a.canPayBalance) throw new ConflictError(a.balancePaid ? "尾款已付清" : "现在不能支付尾款");
  if (p.balanceOrder?.status === "PENDING_PAYMENT") return { id: p.balanceOrder.id, number: p.balanceOrder.number, duplicate: true };
  if (input.method === "BANK_TRANSFER") {
    const org = input.buyer.organizationId ? await prisma.organization.findUnique({ where: { id: input.buyer.organizationId }, select: { status: true } }) : null;
    if (org?.status !== "VERIFIED") throw new ForbiddenError("对公转账仅限已通过审核的单位");
  }
  const due = p.balanceDueAt!;
  const hold = input.method === "CARD" ? reservationDeadline(now) : holdUntil("BANK_TRANSFER", now);
  const order = await placeOrder({
    buyerId: input.buyer.id,
    organizationId: input.buyer.organizationId,
    hallId: await hallOf(p.presale.product.county.partnerCityId),
    kind: "PRESALE",
    status: "PENDING_PAYMENT",
    lines: [{ variantId: p.presale.variantId, quantity: p.filledQty!, unitPriceFen: p.presale.priceFen - (p.presale.depositFen ?? 0) }],
    reservedUntil: hold < due ? hold : due,
    extra: { paymentMethod: input.method === "BANK_TRANSFER" ? "BANK_TRANSFER" : null },
    also: async (tx, placed) => {
      const { count } = await tx.presaleOrder.updateMany({
        where: { id: p.id, stage: "AWAITING_BALANCE", OR: [{ balanceOrderId: null }, { balanceOrderId: p.balanceOrder?.id ?? "" }] },
        data: { balanceOrderId: placed.id },
      });
      if (count !== 1) throw new ConflictError("尾款订单已变化，请刷新后重试");
      if (input.method === "BANK_TRANSFER") await tx.order.update({ where: { id: placed.id }, data: { paymentRef: `DG${placed.number}` } });
    },
  });
  return order;
}

/** After a slip: the buyer cancels and gets the whole first payment back; the units go back on sale. */
export async function cancelAfterSlip(input: { buyer: Buyer; preorderId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const p = await ownPreorder(input.buyer, input.preorderId);
  if (!actions(p, now).canCancel) throw new ConflictError("只有采收期推迟后、采收前可以取消并全额退款");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.presaleOrder.updateMany({ where: { id: p.id, stage: "OPEN" }, data: { stage: "CANCELLED" } });
    if (count !== 1) throw new ConflictError("预订状态已变化，请刷新");
    await releaseStock(tx, [{ variantId: p.presale.variantId, productId: p.presale.productId, quantity: p.quantity }]);
  });
  // Outside the transaction (Stripe is called); should it fail, the sweeper settles it later.
  return settlePresaleRefunds(p.presaleId, { actorId: input.buyer.id, reason: "采收期推迟，买家取消预订，全额退款", onlyPreorderId: p.id });
}
