// The co-op's side of a pre-sale: announcing a slipped harvest window, deciding whether it goes
// ahead (minimum reached by the close), entering the real harvest (fill in payment order, refund
// the rest, ask deposit buyers for the balance), the balance deadline, and shipping the fills.
import { prisma, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { formatChinaDateTime } from "~/lib/china-time";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { notify } from "~/models/messages/outbox.server";
import type { NoticeKind } from "~/models/messages/kinds";
import { cancelUnpaidOrder, OrderStateError } from "~/models/orders/order.server";
import { shipSchemeParcel } from "~/models/orders/scheme-parcel.server";
import { STANDING_STATUSES } from "~/models/orders/status";
import { allocateHarvest } from "~/models/presales/allocation";
import { settlePresaleRefunds } from "~/models/presales/refunds.server";

const standing = { firstOrder: { status: { in: [...STANDING_STATUSES] } } } satisfies Prisma.PresaleOrderWhereInput;

async function coopPresale(coopId: string, slug: string) {
  const p = await prisma.presale.findFirst({
    where: { slug, coopId },
    select: { id: true, name: true, unit: true, status: true, closesAt: true, minimumQty: true, priceFen: true, depositFen: true, balanceDays: true, unpaidBalance: true, variantId: true, productId: true, harvestFrom: true, harvestTo: true },
  });
  if (!p) throw new NotFoundError("没有这个预售，或它不属于本社");
  return p;
}

/**
 * Writes a notice and tells every buyer whose pre-order stands. These notices move money or set a
 * deadline (refunds, the balance, the right to cancel), so they go as the always-on "payment" kind,
 * not the opt-in "presale" announcements; the go-ahead is an "order" notice.
 */
async function tellBuyers(tx: Tx, presaleId: string, kind: string, subject: string, text: string, perBuyer?: (p: { id: string }) => string) {
  await tx.presaleNotice.create({ data: { presaleId, kind, text } });
  const buyers = await tx.presaleOrder.findMany({
    where: { presaleId, stage: { not: "CANCELLED" }, ...standing },
    select: { id: true, buyerId: true, firstOrder: { select: { number: true, buyer: { select: { name: true } } } } },
  });
  const notice: NoticeKind = kind === "GO" ? "order" : "payment";
  for (const b of buyers) {
    const own = perBuyer?.(b);
    await notify(tx, {
      userId: b.buyerId,
      kind: notice,
      email: {
        subject,
        content: {
          greeting: `${b.firstOrder.buyer.name}，您好：`,
          paragraphs: [text, ...(own ? [own] : [])],
          facts: [["订单号", b.firstOrder.number]],
          action: { label: "查看我的预订", url: "/presales/mine" },
        },
      },
      // Shoppers in China expect pre-sale news by SMS too (to the buyer's own mobile, when known).
      sms: { template: "notice", params: { title: subject, detail: text } },
    });
  }
}

export async function announceSlip(input: { coopId: string; slug: string; harvestFrom: string; harvestTo: string; note: string }) {
  const p = await coopPresale(input.coopId, input.slug);
  if (p.status !== "OPEN" && p.status !== "GOING_AHEAD") throw new ConflictError("已采收或已结束的预售不能再改采收期");
  const text = `「${p.name}」预计采收期由 ${p.harvestFrom} 至 ${p.harvestTo} 推迟为 ${input.harvestFrom} 至 ${input.harvestTo}：${input.note}。如不愿等待，可在采收前取消预订并获全额退款。`;
  await prisma.$transaction(async (tx) => {
    await tx.presale.update({ where: { id: p.id }, data: { harvestFrom: input.harvestFrom, harvestTo: input.harvestTo } });
    await tellBuyers(tx, p.id, "SLIP", `「${p.name}」采收期推迟`, text);
  });
}

/**
 * After the close: it goes ahead when the paid quantity reached the minimum; otherwise every
 * pre-order is refunded in full. Run by the sweeper at closesAt, or by the co-op.
 */
export async function decidePresale(presaleId: string, now = new Date()) {
  const p = await prisma.presale.findUniqueOrThrow({ where: { id: presaleId }, select: { id: true, name: true, status: true, closesAt: true, minimumQty: true, unit: true } });
  if (p.status !== "OPEN") return p.status;
  if (p.closesAt > now) throw new ConflictError(`预售 ${formatChinaDateTime(p.closesAt)} 截止，截止后才能确认是否成团`);
  const sold = (await prisma.presaleOrder.aggregate({ where: { presaleId, stage: "OPEN", ...standing }, _sum: { quantity: true } }))._sum.quantity ?? 0;
  const goes = sold >= p.minimumQty;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.presale.updateMany({ where: { id: p.id, status: "OPEN" }, data: { status: goes ? "GOING_AHEAD" : "FAILED" } });
    if (count !== 1) throw new ConflictError("预售状态已变化");
    if (goes) {
      await tellBuyers(tx, p.id, "GO", `「${p.name}」已成团`, `「${p.name}」共预订 ${sold} 份，达到起订量 ${p.minimumQty} 份，合作社将按期采收。`);
    } else {
      await tx.presaleOrder.updateMany({ where: { presaleId: p.id, stage: "OPEN" }, data: { stage: "UNFILLED", filledQty: 0 } });
      await tellBuyers(tx, p.id, "FAILED", `「${p.name}」未达起订量，全额退款`, `「${p.name}」截止时共预订 ${sold} 份，未达到起订量 ${p.minimumQty} 份，本次预售取消，您的付款将全额原路退回。`);
    }
  });
  if (!goes) await settlePresaleRefunds(p.id, { actorId: null, reason: "预售未达起订量，全额退款" });
  return goes ? "GOING_AHEAD" : "FAILED";
}

/**
 * The co-op enters the real harvest. In one transaction every standing pre-order gets its fill, in
 * the order it was paid (allocateHarvest); deposit orders with a fill owe the balance by the
 * deadline; the rest of the commitment is withdrawn and the units awaiting balance are what the
 * balance orders reserve. Then the refunds go out, each through Stripe and the ledger.
 */
export async function recordPresaleHarvest(input: { coopId: string; slug: string; quantity: number; actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const p = await coopPresale(input.coopId, input.slug);
  if (p.status === "OPEN") throw new ConflictError("请先在预售截止后确认成团");
  if (p.status !== "GOING_AHEAD") throw new ConflictError("本预售已采收或已取消");
  const due = new Date(now.getTime() + p.balanceDays * 86_400_000);
  const result = await prisma.$transaction(async (tx) => {
    const { count } = await tx.presale.updateMany({ where: { id: p.id, status: "GOING_AHEAD" }, data: { status: "HARVESTED", harvestQty: input.quantity, harvestedAt: now } });
    if (count !== 1) throw new ConflictError("本预售已登记过采收");
    const orders = await tx.presaleOrder.findMany({
      where: { presaleId: p.id, stage: "OPEN", ...standing },
      select: { id: true, quantity: true, mode: true, firstOrder: { select: { paidAt: true } } },
    });
    const allocations = allocateHarvest(
      orders.map((o) => ({ id: o.id, quantity: o.quantity, mode: o.mode as "FULL" | "DEPOSIT", paidAt: o.firstOrder.paidAt! })),
      input.quantity,
      { priceFen: p.priceFen, depositFen: p.depositFen },
    );
    let awaiting = 0;
    for (const a of allocations) {
      const order = orders.find((o) => o.id === a.id)!;
      const stage = a.filledQty === 0 ? "UNFILLED" : order.mode === "DEPOSIT" ? "AWAITING_BALANCE" : "FILLED";
      if (stage === "AWAITING_BALANCE") awaiting += a.filledQty;
      await tx.presaleOrder.update({ where: { id: a.id }, data: { stage, filledQty: a.filledQty, balanceDueAt: stage === "AWAITING_BALANCE" ? due : null } });
    }
    await tx.variant.update({ where: { id: p.variantId }, data: { stock: awaiting } });
    await tx.product.update({ where: { id: p.productId }, data: { totalStock: awaiting } });
    const filled = allocations.reduce((s, a) => s + a.filledQty, 0);
    const asked = orders.reduce((s, o) => s + o.quantity, 0);
    const byId = new Map(allocations.map((a) => [a.id, a]));
    await tellBuyers(
      tx,
      p.id,
      "HARVEST",
      `「${p.name}」已采收`,
      `「${p.name}」实际采收 ${input.quantity} 份（预订 ${asked} 份），按付款先后配货，共配 ${filled} 份。`,
      (b) => {
        const a = byId.get(b.id);
        if (!a) return "";
        const parts = [`为您配到 ${a.filledQty} 份`];
        if (a.refundFen) parts.push(`未配到的部分退款 ${formatFen(a.refundFen)}，将原路退回`);
        if (a.balanceFen) parts.push(`请在 ${formatChinaDateTime(due)} 前支付尾款 ${formatFen(a.balanceFen)}`);
        return `${parts.join("；")}。`;
      },
    );
    return { allocations, filled };
  });
  const refunds = await settlePresaleRefunds(p.id, { actorId: input.actorId, reason: "实际采收不足，未配到部分退款" });
  return { ...result, refunds };
}

/**
 * Balances not paid by the deadline: a pending balance order is cancelled; the deposit is kept
 * (FORFEIT: the households keep what they were paid) or refunded (REFUND), as the pre-sale said.
 */
export async function expireUnpaidBalances(now = new Date()) {
  const due = await prisma.presaleOrder.findMany({
    where: { stage: "AWAITING_BALANCE", balanceDueAt: { lt: now }, ...standing, NOT: { balanceOrder: { status: { in: [...STANDING_STATUSES] } } } },
    select: { id: true, presaleId: true, balanceOrderId: true, balanceOrder: { select: { status: true } }, presale: { select: { unpaidBalance: true, name: true } } },
    take: 500,
  });
  let expired = 0;
  for (const d of due) {
    if (d.balanceOrderId && d.balanceOrder?.status === "PENDING_PAYMENT") {
      try {
        await cancelUnpaidOrder(d.balanceOrderId, null, "尾款逾期未付，订单取消");
      } catch (error) {
        if (error instanceof OrderStateError) continue; // paid at the last moment: leave it
        throw error;
      }
    }
    const stage = d.presale.unpaidBalance === "REFUND" ? "LAPSED" : "FORFEITED";
    const { count } = await prisma.presaleOrder.updateMany({ where: { id: d.id, stage: "AWAITING_BALANCE" }, data: { stage } });
    if (count === 1) {
      expired += 1;
      if (stage === "LAPSED") await settlePresaleRefunds(d.presaleId, { actorId: null, reason: "尾款逾期未付，按约定退还定金", onlyPreorderId: d.id });
    }
  }
  return expired;
}

/** Pre-sales past their close still waiting for the go / no-go decision (the sweeper). */
export async function decideClosedPresales(now = new Date()) {
  const due = await prisma.presale.findMany({ where: { status: "OPEN", closesAt: { lte: now } }, select: { id: true } });
  for (const p of due) await decidePresale(p.id, now);
  return due.length;
}

/** Ships a filled pre-order (full price, or deposit and balance both paid) through the parcel seam. */
export async function shipPreorder(input: { coopId: string; preorderId: string; courier: string; trackingNumber: string; actorId: string }) {
  const p = await prisma.presaleOrder.findFirst({
    where: { id: input.preorderId, presale: { coopId: input.coopId } },
    select: {
      id: true, stage: true, mode: true, filledQty: true, parcelId: true, firstOrderId: true,
      recipient: true, mobile: true, province: true, city: true, district: true, street: true,
      firstOrder: { select: { status: true } }, balanceOrder: { select: { status: true } }, presale: { select: { name: true, unit: true } },
    },
  });
  if (!p) throw new NotFoundError("没有这笔预订");
  const paidUp = (STANDING_STATUSES as readonly string[]).includes(p.firstOrder.status) &&
    (p.stage === "FILLED" || (p.stage === "AWAITING_BALANCE" && !!p.balanceOrder && (STANDING_STATUSES as readonly string[]).includes(p.balanceOrder.status)));
  if (!paidUp) throw new ConflictError("这笔预订还不能发货（未配货或尾款未付）");
  if (p.parcelId) throw new ConflictError("已发货");
  await prisma.$transaction(async (tx) => {
    const parcelId = await shipSchemeParcel(tx, {
      orderId: p.firstOrderId,
      address: { recipient: p.recipient, mobile: p.mobile, province: p.province, city: p.city, district: p.district, street: p.street },
      label: `${p.presale.name} ${p.filledQty} × ${p.presale.unit}`,
      quantity: p.filledQty ?? 0,
      courier: input.courier,
      trackingNumber: input.trackingNumber,
      actorId: input.actorId,
    });
    const { count } = await tx.presaleOrder.updateMany({ where: { id: p.id, parcelId: null }, data: { parcelId, stage: "FILLED" } });
    if (count !== 1) throw new ConflictError("已发货");
  });
}

/** The co-op's view of one pre-sale: every pre-order with its fill, payments and parcel. */
export async function coopPresaleView(coopId: string, slug: string) {
  const p = await prisma.presale.findFirst({
    where: { slug, coopId },
    select: {
      id: true, slug: true, name: true, unit: true, status: true, closesAt: true, priceFen: true, depositFen: true, committedQty: true, minimumQty: true,
      harvestFrom: true, harvestTo: true, harvestQty: true, harvestedAt: true, unpaidBalance: true, balanceDays: true,
      variant: { select: { stock: true } },
      notices: { orderBy: { createdAt: "desc" }, select: { id: true, kind: true, text: true, createdAt: true } },
      orders: {
        where: { firstOrder: { status: { not: "CANCELLED" } } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true, quantity: true, mode: true, stage: true, filledQty: true, balanceDueAt: true, parcelId: true, recipient: true, city: true, district: true,
          firstOrder: { select: { number: true, status: true, totalFen: true, refundedFen: true, paidAt: true } },
          balanceOrder: { select: { number: true, status: true, totalFen: true } },
        },
      },
    },
  });
  if (!p) throw new NotFoundError("没有这个预售，或它不属于本社");
  const orders = [...p.orders].sort((a, b) => (a.firstOrder.paidAt?.getTime() ?? Infinity) - (b.firstOrder.paidAt?.getTime() ?? Infinity));
  return { ...p, orders };
}

export async function coopPresales(coopId: string) {
  return prisma.presale.findMany({
    where: { coopId },
    orderBy: { slug: "asc" },
    select: { slug: true, name: true, status: true, committedQty: true, minimumQty: true, harvestFrom: true, harvestTo: true, variant: { select: { stock: true } }, _count: { select: { orders: true } } },
  });
}

/** The co-op closes pre-orders (now, if the close has not come yet) and decides at once. */
export async function closeAndDecide(coopId: string, slug: string, now = new Date()) {
  const p = await coopPresale(coopId, slug);
  if (p.status !== "OPEN") throw new ConflictError("预售已截止并确认过");
  if (p.closesAt > now) await prisma.presale.updateMany({ where: { id: p.id, status: "OPEN" }, data: { closesAt: now } });
  return decidePresale(p.id, now);
}
