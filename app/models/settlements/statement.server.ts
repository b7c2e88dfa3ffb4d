// A co-op's monthly statement (结算单), per Beijing month: goods sold and refunded, read from the
// co-op level of the impact ledger (so the sums tie to it to the fen); its share of the shipping
// fees buyers paid (an order's fee split across its co-ops by their goods, as the co-ops ship);
// the platform fee at PLATFORM_FEE_BPS (0 by default, as on 832); and the net payable. Staff mark a
// closed month paid with the bank reference, which freezes its figures.
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { businessDay, startOfBusinessDay } from "~/lib/china-time";
import { ConflictError, DomainError, isUniqueViolation, NotFoundError } from "~/lib/errors";
import { nextMonth } from "~/lib/months";
import { coopLedgerTotals } from "~/models/impact/ledger.server";
import { splitByWeights } from "~/models/impact/split";

export class SettlementError extends DomainError {}

export interface StatementFigures {
  goodsFen: number;
  refundsFen: number;
  shippingFen: number;
  feeRateBps: number;
  feeFen: number;
  netFen: number;
}

export interface Statement extends StatementFigures {
  coopId: string;
  coopName: string;
  coopSlug: string;
  month: string;
  /** The month has ended in Beijing time, so it can be paid. */
  closed: boolean;
  paid: { paidAt: Date; bankReference: string } | null;
  /** For a paid month: what the ledger gained or lost for it after payment (e.g. a bank transfer recorded late). */
  afterPaymentFen: number;
}

export function isMonth(text: string | null | undefined): text is string {
  return !!text && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function currentMonth(now = new Date()) {
  return businessDay(now).slice(0, 7);
}

export function previousMonth(month: string) {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export function monthRange(month: string) {
  return { from: startOfBusinessDay(`${month}-01`), to: startOfBusinessDay(`${nextMonth(month)}-01`) };
}

/** The platform fee on the month's net goods; refunds of earlier months give their fee back. */
export function platformFee(netGoodsFen: number, bps: number) {
  return Math.round((netGoodsFen * bps) / 10_000);
}

function coopWeights(lines: { lineTotalFen: number; product: { coopId: string } }[]) {
  const byCoop = new Map<string, number>();
  for (const l of lines) byCoop.set(l.product.coopId, (byCoop.get(l.product.coopId) ?? 0) + l.lineTotalFen);
  const entries = [...byCoop].sort(([a], [b]) => a.localeCompare(b));
  // A free order still splits its fee evenly between the co-ops that ship it.
  const allZero = entries.every(([, w]) => w === 0);
  return entries.map(([key, weight]) => ({ key, weight: allZero ? 1 : weight }));
}

/** Each co-op's share of the shipping fees of orders paid in the range, less shipping refunded in it. */
export async function shippingShares(range: { from: Date; to: Date }, coopIds?: string[]) {
  const linesOf = { lines: { select: { lineTotalFen: true, product: { select: { coopId: true } } } } } as const;
  const touches = coopIds ? { lines: { some: { product: { coopId: { in: coopIds } } } } } : {};
  const [orders, refunds] = await Promise.all([
    prisma.order.findMany({ where: { paidAt: { gte: range.from, lt: range.to }, shippingFen: { gt: 0 }, ...touches }, select: { shippingFen: true, ...linesOf } }),
    prisma.refund.findMany({ where: { orderLineId: null, createdAt: { gte: range.from, lt: range.to }, order: touches }, select: { amountFen: true, order: { select: linesOf } } }),
  ]);
  const shares = new Map<string, number>();
  const add = (amountFen: number, lines: Parameters<typeof coopWeights>[0]) => {
    if (lines.length === 0 || amountFen === 0) return;
    for (const part of splitByWeights(amountFen, coopWeights(lines))) shares.set(part.key, (shares.get(part.key) ?? 0) + part.amountFen);
  };
  for (const o of orders) add(o.shippingFen, o.lines);
  for (const r of refunds) add(-r.amountFen, r.order.lines);
  return shares;
}

function figures(goodsFen: number, refundsFen: number, shippingFen: number, bps: number): StatementFigures {
  const feeFen = platformFee(goodsFen - refundsFen, bps);
  return { goodsFen, refundsFen, shippingFen, feeRateBps: bps, feeFen, netFen: goodsFen - refundsFen + shippingFen - feeFen };
}

/** The live figures of one month for the given co-ops (all co-ops with activity when omitted). */
async function liveFigures(month: string, coopIds: string[] | undefined, bps: number) {
  const range = monthRange(month);
  const [ledger, shipping] = await Promise.all([coopLedgerTotals({ ...range, coopIds }), shippingShares(range, coopIds)]);
  const ids = new Set([...ledger.keys(), ...shipping.keys()].filter((id) => !coopIds || coopIds.includes(id)));
  return new Map([...ids].map((id) => {
    const l = ledger.get(id) ?? { saleFen: 0, refundFen: 0 };
    return [id, figures(l.saleFen, l.refundFen, shipping.get(id) ?? 0, bps)];
  }));
}

/** Every co-op's statement for a month: those with sales, refunds, shipping or a payment in it. */
export async function monthStatements(month: string, options: { coopIds?: string[]; now?: Date; feeRateBps?: number } = {}): Promise<Statement[]> {
  const now = options.now ?? new Date();
  const bps = options.feeRateBps ?? env().PLATFORM_FEE_BPS;
  const [live, paid] = await Promise.all([
    liveFigures(month, options.coopIds, bps),
    prisma.coopSettlement.findMany({ where: { month, ...(options.coopIds ? { coopId: { in: options.coopIds } } : {}) } }),
  ]);
  const paidBy = new Map(paid.map((p) => [p.coopId, p]));
  const ids = [...new Set([...live.keys(), ...paidBy.keys()])];
  const coops = await prisma.coop.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true } });
  const closed = monthRange(month).to <= now;
  const zero = figures(0, 0, 0, bps);
  return coops
    .map((c) => {
      const now_ = live.get(c.id) ?? zero;
      const frozen = paidBy.get(c.id);
      const shown: StatementFigures = frozen
        ? { goodsFen: frozen.goodsFen, refundsFen: frozen.refundsFen, shippingFen: frozen.shippingFen, feeRateBps: frozen.feeRateBps, feeFen: frozen.feeFen, netFen: frozen.netFen }
        : now_;
      return {
        ...shown,
        coopId: c.id,
        coopName: c.name,
        coopSlug: c.slug,
        month,
        closed,
        paid: frozen ? { paidAt: frozen.paidAt, bankReference: frozen.bankReference } : null,
        afterPaymentFen: frozen ? now_.netFen - frozen.netFen : 0,
      };
    })
    .sort((a, b) => a.coopName.localeCompare(b.coopName, "zh-CN"));
}

/** One co-op's statement for a month (zeros when nothing happened). */
export async function coopStatement(coopId: string, month: string, now = new Date()): Promise<Statement> {
  const [found] = await monthStatements(month, { coopIds: [coopId], now });
  if (found) return found;
  const coop = await prisma.coop.findUnique({ where: { id: coopId }, select: { id: true, name: true, slug: true } });
  if (!coop) throw new NotFoundError("没有这个合作社");
  return { ...figures(0, 0, 0, env().PLATFORM_FEE_BPS), coopId, coopName: coop.name, coopSlug: coop.slug, month, closed: monthRange(month).to <= now, paid: null, afterPaymentFen: 0 };
}

/** A co-op's statements for the last `months` months, newest first, leaving out empty unpaid ones. */
export async function coopStatementHistory(coopId: string, months = 12, now = new Date()) {
  const list: Statement[] = [];
  let month = currentMonth(now);
  for (let i = 0; i < months; i++, month = previousMonth(month)) {
    const s = await coopStatement(coopId, month, now);
    if (s.paid || s.goodsFen || s.refundsFen || s.shippingFen) list.push(s);
  }
  return list;
}

/** Staff record that a closed month was paid to the co-op; a second time is refused. */
export async function markStatementPaid(input: { coopId: string; month: string; bankReference: string; staffId: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (!isMonth(input.month)) throw new SettlementError("月份格式应为 YYYY-MM");
  const existing = await prisma.coopSettlement.findUnique({ where: { coopId_month: { coopId: input.coopId, month: input.month } }, select: { paidAt: true, bankReference: true } });
  if (existing) throw new ConflictError(`该结算单已于 ${businessDay(existing.paidAt)} 标记付款（银行流水号 ${existing.bankReference}），不能重复标记`);
  const statement = await coopStatement(input.coopId, input.month, now);
  if (!statement.closed) throw new SettlementError(`${input.month} 尚未结束，月底后才能结算`);
  try {
    return await prisma.coopSettlement.create({
      data: {
        coopId: input.coopId,
        month: input.month,
        goodsFen: statement.goodsFen,
        refundsFen: statement.refundsFen,
        shippingFen: statement.shippingFen,
        feeRateBps: statement.feeRateBps,
        feeFen: statement.feeFen,
        netFen: statement.netFen,
        bankReference: input.bankReference,
        paidAt: now,
        paidById: input.staffId,
      },
      select: { id: true, netFen: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("该结算单刚刚已被标记付款，不能重复标记");
    throw error;
  }
}
