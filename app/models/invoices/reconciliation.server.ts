import { prisma } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";

// Invoices against the money, per order: on the lines (and the shipping fee) that a blue invoice
// covers, blue minus red must equal paid minus refunded. A refund without its red-letter reversal
// shows up here as an order invoiced for more than it kept. Red invoices still waiting for their
// number count as reversed (the refund recorded them) and are listed so someone enters the number.

export interface InvoiceMismatch {
  orderId: string;
  orderNumber: string;
  expectedFen: number;
  invoicedFen: number;
  reason: string;
}

const SHIPPING = "shipping";

export async function reconcileInvoices(db: PrismaClient = prisma) {
  const orders = await db.order.findMany({
    where: { invoices: { some: {} } },
    select: {
      id: true,
      number: true,
      paidAt: true,
      shippingFen: true,
      refundedFen: true,
      lines: { select: { id: true, lineTotalFen: true, refundedFen: true } },
      invoices: { select: { id: true, kind: true, status: true, originalId: true, amountFen: true, reversedFen: true, fullyReversed: true, lines: { select: { orderLineId: true, amountFen: true } } } },
    },
  });
  const mismatches: InvoiceMismatch[] = [];
  let issuedFen = 0;
  let reversedFen = 0;
  let coveredNetFen = 0;
  let pendingRed = 0;
  for (const order of orders) {
    const problem = (reason: string, expectedFen: number, invoicedFen: number) =>
      mismatches.push({ orderId: order.id, orderNumber: order.number, expectedFen, invoicedFen, reason });
    const blue = order.invoices.filter((i) => i.kind === "BLUE");
    const red = order.invoices.filter((i) => i.kind === "RED");
    const orderIssued = blue.reduce((s, i) => s + i.amountFen, 0);
    const orderReversed = red.reduce((s, i) => s + i.amountFen, 0);
    issuedFen += orderIssued;
    reversedFen += orderReversed;
    pendingRed += red.filter((i) => i.status === "PENDING").length;
    if (!order.paidAt) {
      problem("未付款的订单有发票", 0, orderIssued - orderReversed);
      continue;
    }
    for (const invoice of order.invoices) {
      const sum = invoice.lines.reduce((s, l) => s + l.amountFen, 0);
      if (sum !== invoice.amountFen) problem(`发票金额与明细合计不符`, sum, invoice.amountFen);
    }
    for (const b of blue) {
      const reds = red.filter((r) => r.originalId === b.id).reduce((s, r) => s + r.amountFen, 0);
      if (reds !== b.reversedFen || reds > b.amountFen || b.fullyReversed !== (reds === b.amountFen)) problem("红字发票合计与原发票记录不符", b.amountFen, reds);
    }
    if (red.some((r) => !blue.some((b) => b.id === r.originalId))) problem("红字发票没有对应的原发票", 0, 0);

    // Net invoiced per covered item (a line, or the shipping fee) against what was kept on it.
    const active = blue.filter((b) => !b.fullyReversed);
    const coverCount = new Map<string, number>();
    for (const b of active) for (const l of b.lines) coverCount.set(l.orderLineId ?? SHIPPING, (coverCount.get(l.orderLineId ?? SHIPPING) ?? 0) + 1);
    if ([...coverCount.values()].some((n) => n > 1)) problem("同一项目被两张有效发票重复开具", 0, 0);
    const netOf = new Map<string, number>();
    for (const i of order.invoices) {
      for (const l of i.lines) {
        const key = l.orderLineId ?? SHIPPING;
        netOf.set(key, (netOf.get(key) ?? 0) + (i.kind === "BLUE" ? l.amountFen : -l.amountFen));
      }
    }
    const lineRefunds = order.lines.reduce((s, l) => s + l.refundedFen, 0);
    const kept = new Map<string, number>(order.lines.map((l) => [l.id, l.lineTotalFen - l.refundedFen]));
    kept.set(SHIPPING, order.shippingFen - (order.refundedFen - lineRefunds));
    let expected = 0;
    let invoiced = 0;
    for (const [key, net] of netOf) {
      const keep = coverCount.has(key) ? (kept.get(key) ?? 0) : 0;
      expected += keep;
      invoiced += net;
    }
    coveredNetFen += expected;
    if (expected !== invoiced) problem("已开发票减红冲不等于实付减退款", expected, invoiced);
  }
  const awaitingIssue = await db.order.count({
    where: { paidAt: { not: null }, invoiceRequest: { isNot: null }, status: { notIn: ["REFUNDED", "CANCELLED"] }, invoices: { none: { kind: "BLUE" } } },
  });
  return {
    ok: mismatches.length === 0,
    orders: orders.length,
    issuedFen,
    reversedFen,
    netFen: issuedFen - reversedFen,
    coveredNetFen,
    pendingRed,
    awaitingIssue,
    mismatches,
  };
}
export type InvoiceReconciliation = Awaited<ReturnType<typeof reconcileInvoices>>;
