// Union welfare per head: an organisation's standards for a holiday (春节慰问品 ¥300 per member),
// which one an order is held to, and what the order spends per person. The recipients import
// checks each person's share against the standard (recipients.server.ts); codes are one box each.
import { prisma } from "~/db.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { BULK_OPEN_STATUSES, type OrderStatus } from "~/models/orders/status";

export class AllowanceError extends DomainError {}

export async function listAllowances(organizationId: string) {
  return prisma.welfareAllowance.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, perHeadFen: true, _count: { select: { orders: true } } } });
}

export async function createAllowance(input: { organizationId: string; name: string; perHeadFen: number }) {
  const taken = await prisma.welfareAllowance.findUnique({ where: { organizationId_name: { organizationId: input.organizationId, name: input.name } }, select: { id: true } });
  if (taken) throw new ConflictError(`已有名为「${input.name}」的福利标准`, "name");
  return prisma.welfareAllowance.create({ data: input, select: { id: true } });
}

/**
 * What each person gets from the order, in fen: imported recipients and redeemed codes by mobile,
 * and each code not yet redeemed as one person with one box.
 */
async function spendByPerson(orderId: string) {
  const [parcels, codes, lines] = await Promise.all([
    prisma.parcel.findMany({ where: { orderId, source: { in: ["RECIPIENT", "GIFT_CODE"] }, status: { not: "CANCELLED" } }, select: { mobile: true, items: { select: { orderLineId: true, quantity: true } } } }),
    prisma.giftCode.groupBy({ by: ["orderLineId"], where: { orderId, revokedAt: null, parcelId: null }, _count: { _all: true } }),
    prisma.orderLine.findMany({ where: { orderId }, select: { id: true, unitPriceFen: true } }),
  ]);
  const price = new Map(lines.map((l) => [l.id, l.unitPriceFen]));
  const people = new Map<string, number>();
  for (const p of parcels) people.set(p.mobile, (people.get(p.mobile) ?? 0) + p.items.reduce((s, i) => s + i.quantity * (price.get(i.orderLineId) ?? 0), 0));
  const open: number[] = codes.flatMap((c) => Array.from({ length: c._count._all }, () => price.get(c.orderLineId ?? "") ?? 0));
  return [...people.values(), ...open];
}

/** Spend per head of an institution order, against its standard when it has one. */
export async function spendPerHead(orderId: string) {
  const [shares, order] = await Promise.all([
    spendByPerson(orderId),
    prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { allowance: { select: { id: true, name: true, perHeadFen: true } } } }),
  ]);
  const totalFen = shares.reduce((a, b) => a + b, 0);
  const allowance = order.allowance;
  return {
    heads: shares.length,
    totalFen,
    averageFen: shares.length ? Math.round(totalFen / shares.length) : 0,
    maxFen: shares.length ? Math.max(...shares) : 0,
    allowance,
    over: allowance ? shares.filter((s) => s > allowance.perHeadFen).length : 0,
  };
}

/**
 * Holds an order to one of its organisation's standards (or none). Refused while the order already
 * gives someone more than the standard: remove or replace those recipients first.
 */
export async function setOrderAllowance(input: { organizationId: string; orderId: string; allowanceId: string | null }) {
  const order = await prisma.order.findFirst({ where: { id: input.orderId, organizationId: input.organizationId, kind: "BULK" }, select: { status: true } });
  if (!order) throw new NotFoundError("订单不存在");
  if (!BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) throw new AllowanceError("订单已发货或已取消，不能再修改福利标准", { field: "allowanceId" });
  if (input.allowanceId) {
    const allowance = await prisma.welfareAllowance.findFirst({ where: { id: input.allowanceId, organizationId: input.organizationId }, select: { name: true, perHeadFen: true } });
    if (!allowance) throw new NotFoundError("没有这个福利标准", "allowanceId");
    const over = (await spendByPerson(input.orderId)).filter((s) => s > allowance.perHeadFen).length;
    if (over) throw new AllowanceError(`已有 ${over} 人超过「${allowance.name}」每人 ${formatFen(allowance.perHeadFen)} 的标准，请先调整收件人`, { field: "allowanceId" });
  }
  await prisma.order.update({ where: { id: input.orderId }, data: { allowanceId: input.allowanceId } });
}
