import { prisma, raw, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { businessDay } from "~/lib/china-time";
import { ConflictError, DomainError, NotFoundError, isUniqueViolation } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { PAID_STATUSES } from "~/models/orders/status";
import type { InvoiceRequestInput } from "~/models/invoices/invoice-request.schema";

// 发票 for orders. The buyer asks (InvoiceRequest); each issuer — the co-op for its own lines when
// its setting says so, otherwise the platform, which also invoices the shipping fee — issues one
// blue invoice for what is still to invoice of its lines: paid minus refunded. A refund of an
// invoiced line records a red-letter invoice (红字发票) for the refunded amount, linked to the
// original, in the same transaction that holds the refund (before any money moves); the issuer
// later enters the red invoice's number. So for every order, issued minus reversed equals paid
// minus refunded on the lines an invoice covers — reconcileInvoices checks exactly that.

export class InvoiceError extends DomainError {}

export const PLATFORM_ISSUER_NAME = "陇货通平台";

/** Who is acting: staff (any issuer) or a co-op manager (its own co-op's invoices only). */
export type InvoiceActor = { userId: string; staff: true } | { userId: string; staff?: false; coopId: string };

const SHIPPING = "shipping";

/** What invoicing reads of an order (exported for the test that holds orderStateNow to it). */
export const stateSelect = {
  id: true,
  number: true,
  status: true,
  kind: true,
  buyerId: true,
  organizationId: true,
  paidAt: true,
  shippingFen: true,
  refundedFen: true,
  totalFen: true,
  invoiceRequest: {
    select: { type: true, titleKind: true, title: true, taxNumber: true, regAddress: true, regPhone: true, bankName: true, bankAccount: true },
  },
  lines: {
    orderBy: { id: "asc" },
    select: {
      id: true,
      productName: true,
      variantName: true,
      lineTotalFen: true,
      refundedFen: true,
      product: { select: { coop: { select: { id: true, name: true, invoiceIssuer: true } } } },
    },
  },
  invoices: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      status: true,
      originalId: true,
      issuerCoopId: true,
      type: true,
      title: true,
      amountFen: true,
      reversedFen: true,
      fullyReversed: true,
      number: true,
      issuedOn: true,
      pdfFile: true,
      reason: true,
      createdAt: true,
      lines: { select: { orderLineId: true, amountFen: true } },
    },
  },
} satisfies Prisma.OrderSelect;

type OrderState = Prisma.OrderGetPayload<{ select: typeof stateSelect }>;

export interface IssueGroup {
  issuerCoopId: string | null;
  issuerName: string;
  lines: { orderLineId: string | null; label: string; amountFen: number }[];
  amountFen: number;
}

/** Shipping still to invoice: the fee minus refunds that name no line. */
function shippingNet(order: Pick<OrderState, "shippingFen" | "refundedFen" | "lines">) {
  const lineRefunds = order.lines.reduce((s, l) => s + l.refundedFen, 0);
  return order.shippingFen - (order.refundedFen - lineRefunds);
}

/**
 * What an order's invoices cover and what is still to issue, per issuer. A line covered by a blue
 * invoice that is not fully reversed stays with that invoice's issuer; the others follow their
 * co-op's current setting. Lines with nothing left to invoice (fully refunded) are left out.
 */
export function invoiceGroups(order: OrderState) {
  const activeBlue = order.invoices.filter((i) => i.kind === "BLUE" && !i.fullyReversed);
  const coveredBy = new Map<string, (typeof activeBlue)[number]>();
  for (const invoice of activeBlue) for (const line of invoice.lines) coveredBy.set(line.orderLineId ?? SHIPPING, invoice);
  const toIssue = new Map<string, IssueGroup>();
  const add = (issuerCoopId: string | null, issuerName: string, line: IssueGroup["lines"][number]) => {
    const key = issuerCoopId ?? "";
    const group = toIssue.get(key) ?? { issuerCoopId, issuerName, lines: [], amountFen: 0 };
    group.lines.push(line);
    group.amountFen += line.amountFen;
    toIssue.set(key, group);
  };
  for (const line of order.lines) {
    const net = line.lineTotalFen - line.refundedFen;
    if (net <= 0 || coveredBy.has(line.id)) continue;
    const coop = line.product.coop;
    const own = coop.invoiceIssuer === "COOP";
    add(own ? coop.id : null, own ? coop.name : PLATFORM_ISSUER_NAME, { orderLineId: line.id, label: `${line.productName}（${line.variantName}）`, amountFen: net });
  }
  const shipping = shippingNet(order);
  if (shipping > 0 && !coveredBy.has(SHIPPING)) add(null, PLATFORM_ISSUER_NAME, { orderLineId: null, label: "运费", amountFen: shipping });
  return { toIssue: [...toIssue.values()], activeBlue };
}

async function loadState(db: Tx | typeof prisma, orderId: string) {
  return db.order.findUnique({ where: { id: orderId }, select: stateSelect });
}

function mayActFor(actor: InvoiceActor, issuerCoopId: string | null) {
  return actor.staff === true || (issuerCoopId !== null && actor.coopId === issuerCoopId);
}

/**
 * Creates or replaces the buyer's request (the caller has checked the order is theirs). Refused once
 * an invoice has been issued on it, and on an order that was cancelled or fully refunded.
 */
export async function saveInvoiceRequest(input: { orderId: string; requestedById: string; request: InvoiceRequestInput | null }, db: Tx | typeof prisma = prisma) {
  const order = await db.order.findUnique({ where: { id: input.orderId }, select: { status: true, _count: { select: { invoices: { where: { kind: "BLUE" } } } } } });
  if (!order) throw new NotFoundError("订单不存在");
  if (order._count.invoices > 0) throw new ConflictError("发票已开具，抬头不能再修改；如需更正请联系开票方红冲后重开", "invoiceType");
  if (order.status === "CANCELLED" || order.status === "REFUNDED") throw new ConflictError("订单已取消或已全额退款，无需开票", "invoiceType");
  if (!input.request) {
    await db.invoiceRequest.deleteMany({ where: { orderId: input.orderId } });
    return null;
  }
  return db.invoiceRequest.upsert({
    where: { orderId: input.orderId },
    create: { orderId: input.orderId, requestedById: input.requestedById, ...input.request },
    update: { requestedById: input.requestedById, ...input.request },
    select: { id: true },
  });
}

/**
 * Issues the blue invoice of one issuer's lines. The amount typed must be what is still to invoice
 * (paid minus refunded); the date lies between payment and today; the number is new. The PDF has
 * been stored by the caller (its name is kept, or the caller discards it when this throws).
 */
export async function issueInvoice(input: {
  orderId: string;
  issuerCoopId: string | null;
  actor: InvoiceActor;
  number: string;
  issuedOn: string;
  amountFen: number;
  pdfFile: string;
}) {
  if (!mayActFor(input.actor, input.issuerCoopId)) throw new NotFoundError("没有这张待开发票");
  try {
    return await prisma.$transaction(async (tx) => {
      const order = await loadState(tx, input.orderId);
      if (!order || !order.paidAt || !PAID_STATUSES.includes(order.status as never)) throw new NotFoundError("没有这张待开发票");
      if (!order.invoiceRequest) throw new InvoiceError("买家没有申请发票");
      const group = invoiceGroups(order).toIssue.find((g) => g.issuerCoopId === input.issuerCoopId);
      if (!group) throw new ConflictError("这部分已开票或已全额退款，请刷新");
      if (input.amountFen !== group.amountFen) {
        throw new InvoiceError(`发票金额应为 ${formatFen(group.amountFen)}（实付减去已退款）`, { field: "amountYuan" });
      }
      const today = businessDay(new Date());
      if (input.issuedOn > today) throw new InvoiceError("开票日期不能晚于今天", { field: "issuedOn" });
      if (input.issuedOn < businessDay(order.paidAt)) throw new InvoiceError("开票日期不能早于付款日期", { field: "issuedOn" });
      const request = order.invoiceRequest;
      return tx.invoice.create({
        data: {
          orderId: order.id,
          issuerCoopId: input.issuerCoopId,
          kind: "BLUE",
          status: "ISSUED",
          type: request.type,
          title: request.title,
          taxNumber: request.taxNumber,
          amountFen: group.amountFen,
          number: input.number,
          issuedOn: input.issuedOn,
          pdfFile: input.pdfFile,
          createdById: input.actor.userId,
          issuedById: input.actor.userId,
          lines: { create: group.lines.map((l) => ({ orderLineId: l.orderLineId, amountFen: l.amountFen })) },
        },
        select: { id: true, number: true, amountFen: true },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvoiceError("这个发票号码已经登记过", { field: "number" });
    throw error;
  }
}

/** What one red-letter invoice takes back, per covered line (null = shipping). */
interface RedPart {
  orderLineId: string | null;
  amountFen: number;
}

/**
 * Writes the red-letter reversals a refund needs, inside the refund's own transaction: for every
 * refunded part of a line (or of the shipping fee) that a blue invoice covers, one PENDING red
 * invoice per original, linked to it. The original's reversedFen rises by a guarded update, so no
 * two refunds can reverse more than was invoiced; if they would, the refund fails with it.
 */
export async function reverseInvoicesForRefund(
  tx: Tx,
  input: { orderId: string; refundId: string; actorId: string; reason: string; parts: RedPart[] },
) {
  const blues = await tx.invoice.findMany({
    where: { orderId: input.orderId, kind: "BLUE", fullyReversed: false },
    select: { id: true, lines: { select: { orderLineId: true, amountFen: true } } },
  });
  if (blues.length === 0) return [];
  const perBlue = new Map<string, RedPart[]>();
  for (const part of input.parts) {
    if (part.amountFen <= 0) continue;
    const blue = blues.find((b) => b.lines.some((l) => l.orderLineId === part.orderLineId));
    if (!blue) continue; // not invoiced yet: the invoice will be issued for the net amount
    perBlue.set(blue.id, [...(perBlue.get(blue.id) ?? []), part]);
  }
  const created: string[] = [];
  for (const [originalId, parts] of perBlue) {
    created.push(await writeRed(tx, { originalId, parts, actorId: input.actorId, refundId: input.refundId, reason: input.reason }));
  }
  return created;
}

async function writeRed(tx: Tx, input: { originalId: string; parts: RedPart[]; actorId: string; refundId?: string; reason: string }) {
  const original = await tx.invoice.findUniqueOrThrow({
    where: { id: input.originalId },
    select: {
      id: true, orderId: true, issuerCoopId: true, type: true, title: true, taxNumber: true, amountFen: true, reversedFen: true,
      lines: { select: { orderLineId: true, amountFen: true } },
      reversals: { select: { lines: { select: { orderLineId: true, amountFen: true } } } },
    },
  });
  for (const part of input.parts) {
    const invoiced = original.lines.filter((l) => l.orderLineId === part.orderLineId).reduce((s, l) => s + l.amountFen, 0);
    const reversed = original.reversals.flatMap((r) => r.lines).filter((l) => l.orderLineId === part.orderLineId).reduce((s, l) => s + l.amountFen, 0);
    if (part.amountFen > invoiced - reversed) {
      throw new InvoiceError(`红字发票金额 ${formatFen(part.amountFen)} 不能大于原发票该项未冲红的 ${formatFen(invoiced - reversed)}`, { field: "amountYuan" });
    }
  }
  const total = input.parts.reduce((s, p) => s + p.amountFen, 0);
  const { count } = await tx.invoice.updateMany({
    where: { id: original.id, fullyReversed: false, reversedFen: { lte: original.amountFen - total } },
    data: { reversedFen: { increment: total } },
  });
  if (count !== 1) throw new ConflictError("原发票已被红冲（可能有人同时操作），请刷新后重试");
  if (original.reversedFen + total === original.amountFen) {
    await tx.invoice.update({ where: { id: original.id }, data: { fullyReversed: true } });
  }
  const red = await tx.invoice.create({
    data: {
      orderId: original.orderId,
      issuerCoopId: original.issuerCoopId,
      kind: "RED",
      status: "PENDING",
      originalId: original.id,
      type: original.type,
      title: original.title,
      taxNumber: original.taxNumber,
      amountFen: total,
      refundId: input.refundId ?? null,
      reason: input.reason,
      createdById: input.actorId,
      lines: { create: input.parts.map((p) => ({ orderLineId: p.orderLineId, amountFen: p.amountFen })) },
    },
    select: { id: true },
  });
  return red.id;
}

/**
 * Reverses a whole blue invoice by hand (a wrong title, a lost invoice) so it can be issued again.
 * Only in full: a partial reversal without a refund would leave the order invoiced for less than was
 * paid, and partial ones come with refunds by themselves.
 */
export async function voidInvoice(input: { invoiceId: string; actor: InvoiceActor; amountFen: number; reason: string }) {
  return prisma.$transaction(async (tx) => {
    const invoice = await tx.invoice.findFirst({
      where: { id: input.invoiceId, kind: "BLUE", status: "ISSUED" },
      select: { id: true, issuerCoopId: true, amountFen: true, reversedFen: true, fullyReversed: true, lines: { select: { orderLineId: true, amountFen: true } }, reversals: { select: { lines: { select: { orderLineId: true, amountFen: true } } } } },
    });
    if (!invoice || !mayActFor(input.actor, invoice.issuerCoopId)) throw new NotFoundError("没有这张发票");
    const left = invoice.amountFen - invoice.reversedFen;
    if (invoice.fullyReversed || left <= 0) throw new ConflictError("这张发票已全额红冲");
    if (input.amountFen > left) throw new InvoiceError(`红字发票金额不能大于原发票未冲红的 ${formatFen(left)}`, { field: "amountYuan" });
    if (input.amountFen < left) {
      throw new InvoiceError(`手工红冲须为全额 ${formatFen(left)}（作废后重开）；部分红冲随退款自动生成`, { field: "amountYuan" });
    }
    const reversedBy = new Map<string, number>();
    for (const l of invoice.reversals.flatMap((r) => r.lines)) reversedBy.set(l.orderLineId ?? SHIPPING, (reversedBy.get(l.orderLineId ?? SHIPPING) ?? 0) + l.amountFen);
    const parts = invoice.lines
      .map((l) => ({ orderLineId: l.orderLineId, amountFen: l.amountFen - (reversedBy.get(l.orderLineId ?? SHIPPING) ?? 0) }))
      .filter((p) => p.amountFen > 0);
    return writeRed(tx, { originalId: invoice.id, parts, actorId: input.actor.userId, reason: input.reason });
  });
}

/** The issuer enters the number, date and PDF of a pending red-letter invoice. */
export async function recordRedInvoice(input: { invoiceId: string; actor: InvoiceActor; number: string; issuedOn: string; pdfFile: string }) {
  try {
    return await prisma.$transaction(async (tx) => {
      const red = await tx.invoice.findFirst({
        where: { id: input.invoiceId, kind: "RED" },
        select: { id: true, status: true, issuerCoopId: true, original: { select: { issuedOn: true } } },
      });
      if (!red || !mayActFor(input.actor, red.issuerCoopId)) throw new NotFoundError("没有这张红字发票");
      if (input.issuedOn > businessDay(new Date())) throw new InvoiceError("开票日期不能晚于今天", { field: "issuedOn" });
      if (red.original?.issuedOn && input.issuedOn < red.original.issuedOn) throw new InvoiceError("红字发票日期不能早于原发票", { field: "issuedOn" });
      const { count } = await tx.invoice.updateMany({
        where: { id: red.id, status: "PENDING" },
        data: { status: "ISSUED", number: input.number, issuedOn: input.issuedOn, pdfFile: input.pdfFile, issuedById: input.actor.userId },
      });
      if (count !== 1) throw new ConflictError("这张红字发票已登记");
      return red;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvoiceError("这个发票号码已经登记过", { field: "number" });
    throw error;
  }
}

/** Who issues each co-op's invoices (staff setting). */
export async function setInvoiceIssuer(coopId: string, issuer: "PLATFORM" | "COOP") {
  const { count } = await prisma.coop.updateMany({ where: { id: coopId }, data: { invoiceIssuer: issuer } });
  if (count !== 1) throw new NotFoundError("没有这个合作社");
}

const listSelect = {
  id: true,
  kind: true,
  status: true,
  type: true,
  title: true,
  amountFen: true,
  reversedFen: true,
  fullyReversed: true,
  number: true,
  issuedOn: true,
  reason: true,
  createdAt: true,
  issuerCoopId: true,
  issuerCoop: { select: { name: true } },
  original: { select: { number: true } },
  order: { select: { id: true, number: true, kind: true } },
} satisfies Prisma.InvoiceSelect;

/**
 * The issuer's work list: what was requested and not yet issued, red-letter invoices waiting for
 * their number, and the latest issued ones. `coopId` limits it to one co-op's own invoices; staff
 * see the platform's and, separately, what co-ops that issue their own still owe.
 */
export async function invoiceQueue(scope: { coopId: string } | { staff: true }) {
  const coopId = "coopId" in scope ? scope.coopId : null;
  const candidates = await prisma.order.findMany({
    where: {
      paidAt: { not: null },
      status: { in: PAID_STATUSES.filter((s) => s !== "REFUNDED") },
      invoiceRequest: { isNot: null },
      ...(coopId ? { lines: { some: { product: { coopId } } } } : {}),
      OR: [
        { lines: { some: { invoiceLines: { none: { invoice: { kind: "BLUE", fullyReversed: false } } } } } },
        { shippingFen: { gt: 0 }, invoices: { none: { kind: "BLUE", fullyReversed: false, lines: { some: { orderLineId: null } } } } },
      ],
    },
    orderBy: { paidAt: "asc" },
    take: 300,
    select: stateSelect,
  });
  const requested = candidates.flatMap((order) =>
    invoiceGroups(order)
      .toIssue.filter((g) => (coopId ? g.issuerCoopId === coopId : true))
      .map((group) => ({
        orderId: order.id,
        orderNumber: order.number,
        orderKind: order.kind,
        paidAt: order.paidAt!,
        request: order.invoiceRequest!,
        group,
      })),
  );
  const issuerFilter = coopId ? { issuerCoopId: coopId } : {};
  const [pendingRed, recent] = await Promise.all([
    prisma.invoice.findMany({ where: { kind: "RED", status: "PENDING", ...issuerFilter }, orderBy: { createdAt: "asc" }, take: 200, select: listSelect }),
    prisma.invoice.findMany({ where: { status: "ISSUED", ...issuerFilter }, orderBy: { createdAt: "desc" }, take: 30, select: listSelect }),
  ]);
  return { requested, pendingRed, recent };
}

/** The invoices of an order and what is requested, as the buyer's order page shows them. */
export async function orderInvoices(orderId: string) {
  const order = await orderStateNow(orderId);
  if (!order) return null;
  const groups = order.paidAt && order.invoiceRequest ? invoiceGroups(order).toIssue : [];
  return {
    request: order.invoiceRequest,
    awaiting: groups.map((g) => ({ issuerName: g.issuerName, amountFen: g.amountFen })),
    invoices: order.invoices.map((i) => ({
      id: i.id,
      kind: i.kind,
      status: i.status,
      type: i.type,
      number: i.number,
      issuedOn: i.issuedOn,
      amountFen: i.amountFen,
      fullyReversed: i.fullyReversed,
      hasPdf: Boolean(i.pdfFile),
      issuerName: i.issuerCoopId ? i.issuerName : PLATFORM_ISSUER_NAME,
      originalNumber: i.originalId ? (order.invoices.find((o) => o.id === i.originalId)?.number ?? null) : null,
    })),
    locked: order.invoices.some((i) => i.kind === "BLUE"),
  };
}

/**
 * `stateSelect`'s order read with raw statements, for the order pages (every paid order's page
 * shows its invoices; Prisma's nested select was six statements through its query compiler), and
 * each invoice's issuing co-op's name. Transactions keep `loadState`. Held to it by
 * tests/integration/orders/order-page-reads.test.ts.
 */
export async function orderStateNow(orderId: string): Promise<(Omit<OrderState, "invoices"> & { invoices: (OrderState["invoices"][number] & { issuerName: string })[] }) | null> {
  const db = raw(prisma);
  const [[order], [request], lines, invoices, invoiceLines] = await Promise.all([
    db.query<Omit<OrderState, "invoiceRequest" | "lines" | "invoices" | "paidAt"> & { paidAt: string | null }>(
      `SELECT "id", "number", "status", "kind", "buyerId", "organizationId", "paidAt", "shippingFen", "refundedFen", "totalFen" FROM "Order" WHERE "id" = ?`,
      orderId,
    ),
    db.query<NonNullable<OrderState["invoiceRequest"]>>(
      `SELECT "type", "titleKind", "title", "taxNumber", "regAddress", "regPhone", "bankName", "bankAccount" FROM "InvoiceRequest" WHERE "orderId" = ?`,
      orderId,
    ),
    db.query<{ id: string; productName: string; variantName: string; lineTotalFen: number; refundedFen: number; coopId: string; coopName: string; invoiceIssuer: string }>(
      `SELECT l."id", l."productName", l."variantName", l."lineTotalFen", l."refundedFen", c."id" AS "coopId", c."name" AS "coopName", c."invoiceIssuer"
       FROM "OrderLine" l JOIN "Product" p ON p."id" = l."productId" JOIN "Coop" c ON c."id" = p."coopId" WHERE l."orderId" = ? ORDER BY l."id" ASC`,
      orderId,
    ),
    db.query<Omit<OrderState["invoices"][number], "lines" | "createdAt" | "fullyReversed"> & { createdAt: string; fullyReversed: number | boolean; issuerName: string | null }>(
      `SELECT i."id", i."kind", i."status", i."originalId", i."issuerCoopId", i."type", i."title", i."amountFen", i."reversedFen", i."fullyReversed", i."number",
         i."issuedOn", i."pdfFile", i."reason", i."createdAt", c."name" AS "issuerName"
       FROM "Invoice" i LEFT JOIN "Coop" c ON c."id" = i."issuerCoopId" WHERE i."orderId" = ? ORDER BY i."createdAt" ASC, i."rowid" ASC`,
      orderId,
    ),
    db.query<{ invoiceId: string; orderLineId: string | null; amountFen: number }>(
      `SELECT n."invoiceId", n."orderLineId", n."amountFen" FROM "InvoiceLine" n JOIN "Invoice" i ON i."id" = n."invoiceId" WHERE i."orderId" = ? ORDER BY n."rowid" ASC`,
      orderId,
    ),
  ]);
  if (!order) return null;
  return {
    ...order,
    paidAt: order.paidAt === null ? null : new Date(order.paidAt),
    invoiceRequest: request ?? null,
    lines: lines.map(({ coopId, coopName, invoiceIssuer, ...l }) => ({ ...l, product: { coop: { id: coopId, name: coopName, invoiceIssuer } } })),
    invoices: invoices.map((i) => ({
      ...i,
      createdAt: new Date(i.createdAt),
      fullyReversed: Boolean(i.fullyReversed),
      issuerName: i.issuerName ?? "",
      lines: invoiceLines.filter((n) => n.invoiceId === i.id).map(({ orderLineId, amountFen }) => ({ orderLineId, amountFen })),
    })),
  };
}
export type OrderInvoices = NonNullable<Awaited<ReturnType<typeof orderInvoices>>>;

/**
 * The stored PDF of an invoice, for someone allowed to see it: the buyer, a member of the buying
 * organisation, the issuing co-op's manager, or staff. Anyone else gets the same "not found".
 */
export async function invoicePdfFor(invoiceId: string, viewer: { id: string; staff: boolean; organizationId: string | null; coopId: string | null }) {
  const invoice = await prisma.invoice.findUnique({
    where: { id: invoiceId },
    select: { pdfFile: true, number: true, kind: true, issuerCoopId: true, order: { select: { buyerId: true, organizationId: true, kind: true } } },
  });
  if (!invoice?.pdfFile) return null;
  const allowed =
    viewer.staff ||
    invoice.order.buyerId === viewer.id ||
    (invoice.order.kind === "BULK" && invoice.order.organizationId !== null && invoice.order.organizationId === viewer.organizationId) ||
    (invoice.issuerCoopId !== null && invoice.issuerCoopId === viewer.coopId);
  if (!allowed) return null;
  return { file: invoice.pdfFile, name: `${invoice.kind === "RED" ? "红字发票" : "发票"}-${invoice.number ?? invoiceId}.pdf` };
}

/** Takes back red-letter invoices a refund wrote when the refund itself failed (step 1 undone). */
export async function undoReversals(tx: Tx, redIds: string[]) {
  for (const id of redIds) {
    const red = await tx.invoice.findUniqueOrThrow({ where: { id }, select: { amountFen: true, originalId: true, status: true } });
    if (red.status !== "PENDING" || !red.originalId) throw new ConflictError("红字发票已登记，不能撤回");
    await tx.invoice.update({ where: { id: red.originalId }, data: { reversedFen: { decrement: red.amountFen }, fullyReversed: false } });
    await tx.invoice.delete({ where: { id } });
  }
}

/** Every co-op and who issues its invoices (the staff setting). */
export async function invoiceIssuerSettings() {
  return prisma.coop.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, invoiceIssuer: true, county: { select: { name: true } } } });
}
