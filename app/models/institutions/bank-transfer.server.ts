// Corporate bank transfers (对公转账) for institution orders, as staff see them on the platform's
// account statement: which orders wait for money, and recording a transfer that arrived.
import { prisma } from "~/db.server";
import { DomainError, isUniqueViolation } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { markOrderPaid } from "~/models/orders/order.server";
import { PAID_STATUSES, SCHEME_KINDS, type OrderStatus } from "~/models/orders/status";

/** Orders an organisation may pay by transfer: its bulk orders, and its tree adoptions and pre-sale balances. */
const TRANSFER_KINDS = { in: ["BULK", ...SCHEME_KINDS] };

export class BankTransferError extends DomainError {}

export async function listBankTransfers() {
  const select = {
    id: true, number: true, status: true, totalFen: true, paymentRef: true, poNumber: true, createdAt: true, paidAt: true, reservedUntil: true,
    invoiceType: true, invoiceTitle: true, invoiceTaxNo: true,
    organization: { select: { name: true } },
    payments: { select: { providerRef: true, amountFen: true, createdAt: true } },
  } as const;
  const [awaiting, recent, invoiceRequests] = await Promise.all([
    prisma.order.findMany({ where: { kind: TRANSFER_KINDS, paymentMethod: "BANK_TRANSFER", status: "PENDING_PAYMENT" }, orderBy: { createdAt: "asc" }, take: 200, select }),
    prisma.order.findMany({ where: { kind: TRANSFER_KINDS, paymentMethod: "BANK_TRANSFER", status: { in: [...PAID_STATUSES] } }, orderBy: { paidAt: "desc" }, take: 30, select }),
    // Every paid bulk order that asked for a 发票, whatever it was paid with.
    prisma.order.findMany({ where: { kind: "BULK", invoiceType: { not: null }, status: { in: [...PAID_STATUSES] } }, orderBy: { paidAt: "desc" }, take: 100, select: { ...select, paymentMethod: true } }),
  ]);
  return { awaiting, recent, invoiceRequests };
}

/**
 * Staff record a transfer seen on the platform's account statement. The amount must equal the
 * order total; the bank serial number is the payment's reference, so the same receipt entered twice
 * pays once (markOrderPaid is idempotent and Payment.providerRef is unique).
 */
export async function recordBankTransfer(input: { orderNumber: string; amountFen: number; bankSerial: string; receivedOn: Date; staffId: string }) {
  const order = await prisma.order.findFirst({
    where: { OR: [{ number: input.orderNumber }, { paymentRef: input.orderNumber }], kind: TRANSFER_KINDS, paymentMethod: "BANK_TRANSFER" },
    select: { id: true, number: true, status: true, totalFen: true },
  });
  if (!order) throw new BankTransferError("找不到使用对公转账的该订单");
  if (order.status !== "PENDING_PAYMENT" && !PAID_STATUSES.includes(order.status as OrderStatus)) {
    throw new BankTransferError(order.status === "CANCELLED" ? "订单已取消，到账款项需原路退回" : "订单尚未审批通过，不能登记到账");
  }
  if (input.amountFen !== order.totalFen) throw new BankTransferError(`到账金额与订单应付金额不符（应付 ${formatFen(order.totalFen)}）`);
  try {
    const result = await markOrderPaid({
      orderId: order.id, method: "BANK_TRANSFER", provider: "bank", providerRef: `bank:${input.bankSerial}`, amountFen: input.amountFen, actorId: input.staffId, paidAt: input.receivedOn,
    });
    return { number: order.number, result };
  } catch (error) {
    if (isUniqueViolation(error)) throw new BankTransferError("该银行流水号已登记过");
    throw error;
  }
}
