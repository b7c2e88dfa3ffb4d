// Corporate bank transfers (对公转账) for institution orders, as staff see them on the platform's
// account statement: which orders wait for money, and the transfers that arrived (BankReceipt).
// A transfer is matched to the order its reference names. Money may come in parts: the order is paid
// (markOrderPaid, so stock, ledger and parcels happen exactly once) when its receipts cover the total;
// anything beyond what the order still owed is flagged for staff to send back.
import { prisma } from "~/db.server";
import { DomainError, NotFoundError } from "~/lib/errors";
import { sha256 } from "~/lib/hash.server";
import { formatFen } from "~/lib/money";
import { markOrderPaid } from "~/models/orders/order.server";
import { normaliseOrderNumber } from "~/models/orders/number";
import { PAID_STATUSES, SCHEME_KINDS, type OrderStatus } from "~/models/orders/status";

/** Orders an organisation may pay by transfer: its bulk orders, and its tree adoptions and pre-sale balances. */
const TRANSFER_KINDS = { in: ["BULK", ...SCHEME_KINDS] };

export class BankTransferError extends DomainError {}

export async function listBankTransfers() {
  const select = {
    id: true, number: true, status: true, totalFen: true, paymentRef: true, poNumber: true, createdAt: true, paidAt: true, reservedUntil: true,
    invoiceRequest: { select: { type: true, title: true, taxNumber: true } },
    organization: { select: { name: true } },
    bankReceipts: { select: { amountFen: true }, orderBy: { receivedOn: "asc" } },
  } as const;
  // 发票 requests are issued from /admin/invoices.
  const [awaiting, recent, toReturn] = await Promise.all([
    prisma.order.findMany({ where: { kind: TRANSFER_KINDS, paymentMethod: "BANK_TRANSFER", status: "PENDING_PAYMENT" }, orderBy: { createdAt: "asc" }, take: 200, select }),
    prisma.bankReceipt.findMany({
      orderBy: { createdAt: "desc" }, take: 30,
      select: { id: true, receivedOn: true, amountFen: true, payer: true, reference: true, excessFen: true, order: { select: { number: true, organization: { select: { name: true } } } } },
    }),
    excessToReturn(),
  ]);
  return {
    awaiting: awaiting.map(({ bankReceipts, ...o }) => ({ ...o, receivedFen: bankReceipts.reduce((sum, r) => sum + r.amountFen, 0) })),
    recent,
    toReturn,
  };
}

/** Money received beyond what its order owed, not yet sent back. */
export function excessToReturn() {
  return prisma.bankReceipt.findMany({
    where: { excessFen: { gt: 0 }, returnedAt: null },
    orderBy: { receivedOn: "asc" },
    take: 200,
    select: { id: true, receivedOn: true, amountFen: true, excessFen: true, payer: true, reference: true, order: { select: { number: true, status: true, organization: { select: { name: true } } } } },
  });
}

/** One transfer as read from a statement row or typed in by staff. */
export interface TransferInput {
  fingerprint: string;
  receivedOn: Date;
  amountFen: number;
  payer: string;
  reference: string;
}

/** The order number a transfer's reference (附言) names: "DGLH-2612-…", "LH2612…", with anything around it. */
export function orderNumberInReference(reference: string): string | null {
  const m = /LH-?\s*\d{4}-?\s*[A-Z0-9]{4}-?\s*[A-Z0-9]{4}/i.exec(reference);
  return m ? normaliseOrderNumber(m[0]) : null;
}

const MATCH_SELECT = { id: true, number: true, status: true, totalFen: true, bankReceipts: { select: { amountFen: true } } } as const;
type MatchedOrder = { id: string; number: string; status: string; totalFen: number; bankReceipts: { amountFen: number }[] };

/** The transfer orders named by these references (one query), by order number. */
export async function transferOrdersByNumber(numbers: string[]): Promise<Map<string, MatchedOrder>> {
  const found = numbers.length
    ? await prisma.order.findMany({ where: { number: { in: [...new Set(numbers)] }, kind: TRANSFER_KINDS, paymentMethod: "BANK_TRANSFER" }, select: MATCH_SELECT })
    : [];
  return new Map(found.map((o) => [o.number, o]));
}

/** Why a transfer cannot be booked against this order, or null when it can. */
export function transferProblem(order: { status: string }): string | null {
  if (order.status === "PENDING_PAYMENT" || order.status === "CANCELLED" || PAID_STATUSES.includes(order.status as OrderStatus)) return null;
  return "订单尚未审批通过，不能登记到账";
}

/** What booking these transfers would do, per order, without booking them (the confirm step). */
export async function previewTransfers(transfers: (TransferInput & { orderId: string })[]) {
  const seen = new Set(
    (await prisma.bankReceipt.findMany({ where: { fingerprint: { in: transfers.map((t) => t.fingerprint) } }, select: { fingerprint: true } })).map((r) => r.fingerprint),
  );
  const orders = await prisma.order.findMany({ where: { id: { in: [...new Set(transfers.map((t) => t.orderId))] } }, select: { ...MATCH_SELECT, organization: { select: { name: true } } } });
  return orders.map((o) => {
    const mine = transfers.filter((t) => t.orderId === o.id);
    const fresh = mine.filter((t) => !seen.has(t.fingerprint));
    const newFen = fresh.reduce((s, t) => s + t.amountFen, 0);
    const beforeFen = o.bankReceipts.reduce((s, r) => s + r.amountFen, 0);
    const owed = o.status === "PENDING_PAYMENT" ? Math.max(0, o.totalFen - beforeFen) : 0;
    return {
      number: o.number, organization: o.organization?.name ?? "", totalFen: o.totalFen, beforeFen, newFen,
      rows: fresh.length, repeated: mine.length - fresh.length,
      willPay: o.status === "PENDING_PAYMENT" && newFen > 0 && newFen >= owed,
      excessFen: Math.max(0, newFen - owed),
      stillOwedFen: o.status === "PENDING_PAYMENT" ? Math.max(0, owed - newFen) : 0,
    };
  });
}

/**
 * Books transfers, all or nothing, and pays every order they complete. A transfer seen before (same
 * fingerprint) is skipped, so a statement imported twice counts its money once. What an order still
 * owes is its total less earlier receipts while it waits for payment, and nothing once it is paid or
 * cancelled: the rest of a transfer is its excess, flagged to be sent back.
 */
export async function bookTransfers(transfers: (TransferInput & { orderId: string })[], staffId: string) {
  const touched = [...new Set(transfers.map((t) => t.orderId))];
  const fresh = await prisma.$transaction(async (tx) => {
    const seen = new Set(
      (await tx.bankReceipt.findMany({ where: { fingerprint: { in: transfers.map((t) => t.fingerprint) } }, select: { fingerprint: true } })).map((r) => r.fingerprint),
    );
    const orders = await tx.order.findMany({ where: { id: { in: touched } }, select: MATCH_SELECT });
    const owed = new Map(orders.map((o) => [o.id, o.status === "PENDING_PAYMENT" ? o.totalFen - o.bankReceipts.reduce((s, r) => s + r.amountFen, 0) : 0]));
    const added = new Map<string, { rows: number; fen: number; excessFen: number }>();
    for (const t of transfers) {
      if (seen.has(t.fingerprint)) continue;
      seen.add(t.fingerprint);
      const still = Math.max(0, owed.get(t.orderId) ?? 0);
      const excessFen = Math.max(0, t.amountFen - still);
      owed.set(t.orderId, still - (t.amountFen - excessFen));
      await tx.bankReceipt.create({ data: { ...t, excessFen, createdById: staffId } });
      const a = added.get(t.orderId) ?? { rows: 0, fen: 0, excessFen: 0 };
      added.set(t.orderId, { rows: a.rows + 1, fen: a.fen + t.amountFen, excessFen: a.excessFen + excessFen });
    }
    return added;
  });
  const results = new Map<string, Settlement>();
  for (const orderId of touched) results.set(orderId, { ...(await settleOrder(orderId, staffId)), added: fresh.get(orderId) ?? { rows: 0, fen: 0, excessFen: 0 } });
  const booked = [...fresh.values()].reduce((n, a) => n + a.rows, 0);
  return { booked, skipped: transfers.length - booked, results };
}

/**
 * Pays an order whose receipts cover its total (again safe to call: markOrderPaid is idempotent and
 * the payment's reference is the order's own). Called after booking, and so also after a crash
 * between booking and paying, by importing the statement again.
 */
export interface Settlement {
  number: string;
  outcome: "paid" | "already" | "partial" | "not-payable";
  receivedFen: number;
  totalFen: number;
  /** What this booking added: new rows, their money and the part of it to send back. */
  added: { rows: number; fen: number; excessFen: number };
}

async function settleOrder(orderId: string, staffId: string): Promise<Omit<Settlement, "added">> {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true, status: true, totalFen: true, bankReceipts: { select: { amountFen: true, receivedOn: true }, orderBy: { receivedOn: "asc" } } } });
  const receivedFen = order.bankReceipts.reduce((s, r) => s + r.amountFen, 0);
  const base = { number: order.number, receivedFen, totalFen: order.totalFen };
  if (order.status !== "PENDING_PAYMENT") return { outcome: PAID_STATUSES.includes(order.status as OrderStatus) ? "already" : "not-payable", ...base };
  if (receivedFen < order.totalFen) return { outcome: "partial", ...base };
  // paid on the day the money that covered it arrived
  let running = 0;
  const covering = order.bankReceipts.find((r) => (running += r.amountFen) >= order.totalFen)!;
  const outcome = await markOrderPaid({
    orderId, method: "BANK_TRANSFER", provider: "bank", providerRef: `bank:${order.number}`, amountFen: order.totalFen, actorId: staffId, paidAt: covering.receivedOn,
  });
  if (outcome === "not-payable") {
    // cancelled (the sweeper) while the money came in: all of it goes back
    await prisma.$executeRaw`UPDATE "BankReceipt" SET "excessFen" = "amountFen" WHERE "orderId" = ${orderId} AND "returnedAt" IS NULL`;
  }
  return { outcome, ...base };
}

/**
 * Staff record one transfer by hand (the order's row on /admin/bank-transfers). The bank serial
 * number identifies it, so the same receipt entered twice counts once; a part payment is recorded and
 * the order waits for the rest.
 */
export async function recordBankTransfer(input: { orderNumber: string; amountFen: number; bankSerial: string; receivedOn: Date; staffId: string; payer?: string }) {
  const number = normaliseOrderNumber(input.orderNumber.replace(/^DG/i, ""));
  const order = number ? (await transferOrdersByNumber([number])).get(number) : undefined;
  if (!order) throw new BankTransferError("找不到使用对公转账的该订单");
  const problem = transferProblem(order);
  if (problem) throw new BankTransferError(problem);
  if (input.amountFen <= 0) throw new BankTransferError("到账金额应大于 0", { field: "amountYuan" });
  const { results } = await bookTransfers(
    [{ orderId: order.id, fingerprint: `serial:${input.bankSerial.trim().toUpperCase()}`, receivedOn: input.receivedOn, amountFen: input.amountFen, payer: input.payer ?? "", reference: input.bankSerial.trim() }],
    input.staffId,
  );
  const settled = results.get(order.id)!;
  return { number: order.number, result: settled.added.rows === 0 ? ("duplicate" as const) : settled.outcome, message: settlementMessage(settled) };
}

/** Words for what a booking did to one order. */
export function settlementMessage(s: Settlement) {
  const number = s.number;
  if (s.added.rows === 0) return `订单 ${number} 的这笔到账此前已登记，未重复记账`;
  const back = s.added.excessFen > 0 ? `；多收 ${formatFen(s.added.excessFen)}，已列入待退款` : "";
  if (s.outcome === "paid") return `订单 ${number} 已收齐 ${formatFen(s.totalFen)}，已标记为已付款${back}`;
  if (s.outcome === "partial") return `订单 ${number} 收到部分款项，累计 ${formatFen(s.receivedFen)}，还差 ${formatFen(s.totalFen - s.receivedFen)}`;
  if (s.outcome === "already") return `订单 ${number} 此前已付清${back}`;
  return `订单 ${number} 已取消，到账 ${formatFen(s.added.fen)} 已列入待退款`;
}

/** Staff sent an excess back to the payer (by the bank, outside the store): it leaves the list. */
export async function markExcessReturned(receiptId: string, staffId: string) {
  const { count } = await prisma.bankReceipt.updateMany({ where: { id: receiptId, excessFen: { gt: 0 }, returnedAt: null }, data: { returnedAt: new Date(), returnedById: staffId } });
  if (count !== 1) throw new NotFoundError("没有待退回的这笔款项");
}

/** A statement row's identity: its own cells and how many identical rows came before it in the file. */
export function rowFingerprint(row: { day: string; amountFen: number; payer: string; reference: string }, repeat: number) {
  return `row:${sha256([row.day, row.amountFen, row.payer.trim(), row.reference.trim(), repeat].join("|"))}`;
}
