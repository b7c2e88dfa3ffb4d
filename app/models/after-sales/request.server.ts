// After-sales (售后): a buyer asks about some units of one line of a parcel — refund only (仅退款)
// or return and refund (退货退款) — with a reason and up to three photos. The co-op accepts or
// refuses; a refused buyer can escalate to staff, who decide. Every move is a guarded update
// checked against ALLOWED_AFTER_SALES_MOVES and recorded as an event.
//
// Accepting moves money through refundOrder (hold → Stripe → record, never a transaction across
// the Stripe call): the request is first claimed (→ REFUNDING) so a second click cannot refund
// twice, refundOrder's last transaction marks it REFUNDED and, for returned goods, puts them back
// in stock; if the provider refuses, the request goes back to where it was.
import { prisma, type Tx } from "~/db.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { siteUrl } from "~/lib/public-origin.server";
import { notify } from "~/models/messages/outbox.server";
import { deleteUploads, saveUpload, sniffImageType, type ImageType } from "~/lib/uploads.server";
import {
  AFTER_SALES_DAYS,
  AFTER_SALES_KIND_LABELS,
  afterSalesWindowOpen,
  ALLOWED_AFTER_SALES_MOVES,
  CLAIMING_AFTER_SALES,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  type AfterSalesKind,
  type AfterSalesStatus,
} from "~/models/after-sales/status";
import { refundOrder, RefundError } from "~/models/orders/refund.server";
import { orderPageUrl } from "~/models/orders/shipping-notice.server";
import { isSchemeKind, REFUNDABLE_STATUSES, type OrderStatus } from "~/models/orders/status";
import { releaseStock } from "~/models/orders/stock.server";
import { syncOrderStatus } from "~/models/parcels/shipping.server";
import { takeOffParcel } from "~/models/parcels/split.server";
import { parcelCode } from "~/models/parcels/status";

export class AfterSalesError extends DomainError {}

export interface UploadedPhoto {
  name: string;
  bytes: Uint8Array;
}

/** Checks every photo (count, size, real type from the bytes); throws with all the problems at once. */
export function checkPhotos(photos: UploadedPhoto[]): { bytes: Uint8Array; type: ImageType }[] {
  const present = photos.filter((p) => p.bytes.byteLength > 0);
  if (present.length > MAX_PHOTOS) throw new AfterSalesError(`最多上传 ${MAX_PHOTOS} 张照片`, { field: "photos" });
  const problems: string[] = [];
  const checked = present.map((p) => {
    const type = sniffImageType(p.bytes);
    if (p.bytes.byteLength > MAX_PHOTO_BYTES) problems.push(`「${p.name.slice(0, 40)}」超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);
    else if (!type) problems.push(`「${p.name.slice(0, 40)}」不是 JPEG、PNG 或 WebP 图片`);
    return { bytes: p.bytes, type: type! };
  });
  if (problems.length) throw new AfterSalesError(problems.join("；"), { field: "photos" });
  return checked;
}

/**
 * What `quantity` more units of a line are worth: their share of the line total, and for the last
 * units whatever is left, so that requests covering the whole line add up to it to the fen.
 */
export function amountForUnits(line: { quantity: number; lineTotalFen: number }, claimed: { quantity: number; amountFen: number }, quantity: number) {
  if (claimed.quantity + quantity >= line.quantity) return line.lineTotalFen - claimed.amountFen;
  return Math.floor((line.lineTotalFen * quantity) / line.quantity);
}

/**
 * Units (and their amount) of a line already claimed by requests — of one parcel when `parcelId` is
 * given, leaving out units already taken off it (its item shrank by them).
 */
async function claimedOnLine(db: Tx | typeof prisma, orderLineId: string, parcelId?: string) {
  const sum = await db.afterSalesRequest.aggregate({
    where: { orderLineId, status: { in: [...CLAIMING_AFTER_SALES] }, ...(parcelId ? { parcelId, takenOffParcel: false } : {}) },
    _sum: { quantity: true, amountFen: true },
  });
  return { quantity: sum._sum.quantity ?? 0, amountFen: sum._sum.amountFen ?? 0 };
}

const SCHEME_PARCEL_NO_AFTER_SALES = "认养、旅游和预售订单的包裹不走售后：请按订单页上的退订规则办理，或联系客服";

export async function createAfterSalesRequest(input: {
  buyerId: string;
  parcelId: string;
  orderLineId: string;
  kind: AfterSalesKind;
  quantity: number;
  reason: string;
  photos: UploadedPhoto[];
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const parcel = await buyerParcel(input.parcelId, input.buyerId);
  if (!parcel) throw new NotFoundError("没有这个包裹");
  if (parcel.status === "CANCELLED") throw new AfterSalesError("包裹已取消");
  // A harvest or pre-sale parcel is one part of a scheme order: refunding "its" line would refund the
  // whole adoption or deposit. Schemes are refunded by their own rules (decision 0013).
  if (isSchemeKind(parcel.order.kind)) throw new AfterSalesError(SCHEME_PARCEL_NO_AFTER_SALES);
  if (!REFUNDABLE_STATUSES.includes(parcel.order.status as OrderStatus)) throw new AfterSalesError("订单未付款或已全额退款，不能申请售后");
  if (parcel.status === "PENDING" && input.kind === "RETURN_AND_REFUND") throw new AfterSalesError("包裹尚未发货，无需退货：请选择仅退款", { field: "kind" });
  if (!afterSalesWindowOpen(parcel, now)) throw new AfterSalesError(`已超过售后期限（确认收货后 ${AFTER_SALES_DAYS} 天内可申请）`);
  const item = parcel.items.find((i) => i.orderLine.id === input.orderLineId);
  if (!item) throw new NotFoundError("包裹里没有这件商品", "orderLineId");
  const photos = checkPhotos(input.photos);

  const inParcel = await claimedOnLine(prisma, item.orderLine.id, parcel.id);
  const canAsk = item.quantity - inParcel.quantity;
  if (canAsk <= 0) throw new AfterSalesError("这件商品已全部申请过售后", { field: "quantity" });
  if (input.quantity > canAsk) throw new AfterSalesError(`最多可申请 ${canAsk} 件`, { field: "quantity" });

  const keys: string[] = [];
  try {
    for (const photo of photos) keys.push(await saveUpload("after-sales", photo.bytes, photo.type));
    return await prisma.$transaction(async (tx) => {
      // Checked again inside the transaction: two requests racing for the same units cannot both pass.
      const again = await claimedOnLine(tx, item.orderLine.id, parcel.id);
      if (input.quantity > item.quantity - again.quantity) throw new AfterSalesError(`最多可申请 ${item.quantity - again.quantity} 件`, { field: "quantity" });
      const onLine = await claimedOnLine(tx, item.orderLine.id);
      const amountFen = Math.min(amountForUnits(item.orderLine, onLine, input.quantity), item.orderLine.lineTotalFen - item.orderLine.refundedFen);
      if (amountFen <= 0) throw new AfterSalesError("这件商品已全部退款", { field: "quantity" });
      const request = await tx.afterSalesRequest.create({
        data: {
          orderId: parcel.orderId,
          parcelId: parcel.id,
          orderLineId: item.orderLine.id,
          coopId: parcel.coopId,
          buyerId: input.buyerId,
          kind: input.kind,
          quantity: input.quantity,
          amountFen,
          reason: input.reason,
          status: "REQUESTED",
          photos: { create: keys.map((storageKey, position) => ({ storageKey, contentType: photos[position].type, bytes: photos[position].bytes.byteLength, position })) },
          events: { create: { toStatus: "REQUESTED", actorId: input.buyerId, note: `${AFTER_SALES_KIND_LABELS[input.kind]} ${input.quantity} 件：${input.reason}` } },
        },
        select: { id: true, amountFen: true },
      });
      await notifyCoop(tx, parcel.coopId, `售后申请：包裹 ${parcelCode(parcel.order.number, parcel.seq)}`, [
        `买家申请${AFTER_SALES_KIND_LABELS[input.kind]}：${item.orderLine.productName} ${input.quantity} 件，${formatFen(amountFen)}。`,
        `原因：${input.reason}`,
      ]);
      return request;
    });
  } catch (error) {
    await deleteUploads(keys);
    throw error;
  }
}

/** Every manager of the co-op hears of a request to decide (or goods coming back). */
async function notifyCoop(tx: Tx, coopId: string, subject: string, paragraphs: string[]) {
  const managers = await tx.user.findMany({ where: { coopId, roles: { some: { role: "coop_manager" } } }, select: { id: true } });
  for (const m of managers) {
    await notify(tx, { userId: m.id, kind: "afterSales", email: { subject, content: { paragraphs, action: { label: "去处理", url: siteUrl("/coop/after-sales") } } } });
  }
}

/** The buyer hears how their request is going, with a link to the order. */
async function notifyBuyer(tx: Tx, request: Found, subject: string, paragraphs: string[]) {
  await notify(tx, {
    userId: request.buyerId,
    kind: "afterSales",
    email: { subject, content: { greeting: `${request.buyer.name}，您好：`, paragraphs, action: { label: "查看订单", url: orderPageUrl(request.order) } } },
  });
}

/** A guarded move of a request, recorded as an event. */
async function move(tx: Tx, input: { requestId: string; from: AfterSalesStatus[]; to: AfterSalesStatus; actorId: string | null; note?: string; data?: Record<string, unknown> }) {
  for (const f of input.from) if (!ALLOWED_AFTER_SALES_MOVES[f].includes(input.to)) throw new Error(`after-sales cannot move from ${f} to ${input.to}`);
  const current = await tx.afterSalesRequest.findUniqueOrThrow({ where: { id: input.requestId }, select: { status: true } });
  const { count } = await tx.afterSalesRequest.updateMany({ where: { id: input.requestId, status: { in: input.from } }, data: { ...input.data, status: input.to } });
  if (count !== 1) throw new ConflictError("售后申请状态已变化，请刷新后重试");
  await tx.afterSalesEvent.create({ data: { requestId: input.requestId, fromStatus: current.status, toStatus: input.to, actorId: input.actorId, note: input.note } });
}

const requestSelect = {
  id: true,
  status: true,
  kind: true,
  quantity: true,
  amountFen: true,
  reason: true,
  orderId: true,
  parcelId: true,
  coopId: true,
  returnTrackingNumber: true,
  buyerId: true,
  buyer: { select: { name: true } },
  order: { select: { number: true, organizationId: true } },
  orderLine: { select: { id: true, productName: true, variantId: true, productId: true } },
} as const;

/** Who may act: the co-op (its own requests only) or staff (coopId null). Foreign ids are not found. */
async function findRequest(requestId: string, scope: { coopId: string | null; buyerId?: string }) {
  const request = await prisma.afterSalesRequest.findFirst({
    where: { id: requestId, ...(scope.coopId ? { coopId: scope.coopId } : {}), ...(scope.buyerId ? { buyerId: scope.buyerId } : {}) },
    select: requestSelect,
  });
  if (!request) throw new NotFoundError("没有这个售后申请");
  return request;
}

type Found = Awaited<ReturnType<typeof findRequest>>;

/** Claims the request, refunds through refundOrder, and settles (or goes back) — see the file comment. */
async function refund(request: Found, from: AfterSalesStatus, actorId: string, restock: boolean) {
  await prisma.$transaction((tx) => move(tx, { requestId: request.id, from: [from], to: "REFUNDING", actorId }));
  try {
    await refundOrder({
      orderId: request.orderId,
      staffId: actorId,
      reason: `售后${AFTER_SALES_KIND_LABELS[request.kind as AfterSalesKind]}：${request.reason}`.slice(0, 120),
      request: { mode: "line", orderLineId: request.orderLine.id, amountFen: request.amountFen },
      settle: async (tx, refundIds) => {
        // Refunded before the parcel left: the units come off it and never ship.
        const takenOff = !restock && (await takeOffParcel(tx, { parcelId: request.parcelId, orderLineId: request.orderLine.id, quantity: request.quantity }));
        const note = `已退款 ${formatFen(request.amountFen)}${restock ? `，退回 ${request.quantity} 件入库` : takenOff ? `，${request.quantity} 件不再发货` : ""}`;
        await move(tx, { requestId: request.id, from: ["REFUNDING"], to: "REFUNDED", actorId, note, data: { refundId: refundIds[0], takenOffParcel: takenOff } });
        // Goods that came back, or never left, go on sale again.
        if (restock || takenOff) await releaseStock(tx, [{ variantId: request.orderLine.variantId, productId: request.orderLine.productId, quantity: request.quantity }]);
        if (takenOff) await syncOrderStatus(tx, request.orderId, actorId);
      },
    });
  } catch (error) {
    // refundOrder undid its hold (nothing was refunded): the request can be decided again. Any
    // other failure may come after the money moved, so the request stays REFUNDING for staff.
    if (error instanceof RefundError) {
      await prisma.$transaction((tx) => move(tx, { requestId: request.id, from: ["REFUNDING"], to: from, actorId, note: `退款未成功：${error.message}`.slice(0, 200) }));
    }
    throw error;
  }
}

/** The co-op accepts: refund now (仅退款), or wait for the goods to come back (退货退款). */
export async function acceptRequest(input: { requestId: string; coopId: string; actorId: string }) {
  const request = await findRequest(input.requestId, { coopId: input.coopId });
  if (request.status !== "REQUESTED") throw new ConflictError("售后申请状态已变化，请刷新后重试");
  if (request.kind === "REFUND_ONLY") return refund(request, "REQUESTED", input.actorId, false);
  await prisma.$transaction(async (tx) => {
    await move(tx, { requestId: request.id, from: ["REQUESTED"], to: "AWAITING_RETURN", actorId: input.actorId, note: "同意退货，请买家寄回" });
    await notifyBuyer(tx, request, `售后申请已同意：请寄回商品（订单 ${request.order.number}）`, [
      `合作社已同意您的退货退款申请（${request.orderLine.productName} ${request.quantity} 件）。`,
      `请寄回商品，并在订单页填写退货运单号；合作社收到后即退款 ${formatFen(request.amountFen)}。`,
    ]);
  });
}

/** The co-op has the returned goods: refund and put them back in stock. */
export async function confirmReturnReceived(input: { requestId: string; coopId: string; actorId: string }) {
  const request = await findRequest(input.requestId, { coopId: input.coopId });
  if (request.status !== "RETURN_SHIPPED") throw new ConflictError("买家尚未寄回商品");
  return refund(request, "RETURN_SHIPPED", input.actorId, true);
}

export async function refuseRequest(input: { requestId: string; coopId: string; actorId: string; reason: string }) {
  const request = await findRequest(input.requestId, { coopId: input.coopId });
  await prisma.$transaction(async (tx) => {
    await move(tx, { requestId: request.id, from: ["REQUESTED", "RETURN_SHIPPED"], to: "REFUSED", actorId: input.actorId, note: input.reason, data: { refusalReason: input.reason } });
    await notifyBuyer(tx, request, `售后申请未通过（订单 ${request.order.number}）`, [
      `合作社未同意您的售后申请（${request.orderLine.productName}），理由：${input.reason}`,
      "如有异议，可在订单页申请平台介入。",
    ]);
  });
}

/** The buyer sends the goods back with a tracking number. */
export async function markReturnShipped(input: { requestId: string; buyerId: string; courier: string; trackingNumber: string }) {
  const request = await findRequest(input.requestId, { coopId: null, buyerId: input.buyerId });
  await prisma.$transaction(async (tx) => {
    await move(tx, { requestId: request.id, from: ["AWAITING_RETURN"], to: "RETURN_SHIPPED", actorId: input.buyerId, note: `${input.courier} ${input.trackingNumber}`, data: { returnCourier: input.courier, returnTrackingNumber: input.trackingNumber } });
    await notifyCoop(tx, request.coopId, `退货已寄出（订单 ${request.order.number}）`, [
      `买家已寄回 ${request.orderLine.productName} ${request.quantity} 件：${input.courier} ${input.trackingNumber}。`,
      "收到后请在“售后”中确认收货并退款。",
    ]);
  });
}

/** A refused buyer asks staff to decide. */
export async function escalateRequest(input: { requestId: string; buyerId: string; note: string }) {
  const request = await findRequest(input.requestId, { coopId: null, buyerId: input.buyerId });
  await prisma.$transaction((tx) => move(tx, { requestId: request.id, from: ["REFUSED"], to: "ESCALATED", actorId: input.buyerId, note: input.note, data: { escalationNote: input.note } }));
}

/**
 * Staff decide an escalated request. Accepting refunds (仅退款, or goods already sent back) or asks
 * for the goods back; refusing closes it for good.
 */
export async function decideEscalated(input: { requestId: string; staffId: string; accept: boolean; note: string }) {
  const request = await findRequest(input.requestId, { coopId: null });
  if (request.status !== "ESCALATED") throw new ConflictError("只有申请平台介入的售后可以由平台处理");
  if (!input.accept) {
    await prisma.$transaction(async (tx) => {
      await move(tx, { requestId: request.id, from: ["ESCALATED"], to: "CLOSED", actorId: input.staffId, note: input.note, data: { decisionNote: input.note } });
      await notifyBuyer(tx, request, `售后申请平台处理结果（订单 ${request.order.number}）`, [`平台未支持您的售后申请：${input.note}`]);
    });
    return;
  }
  await prisma.afterSalesRequest.update({ where: { id: request.id }, data: { decisionNote: input.note } });
  if (request.kind === "REFUND_ONLY" || request.returnTrackingNumber) return refund(request, "ESCALATED", input.staffId, request.kind === "RETURN_AND_REFUND");
  await prisma.$transaction((tx) => move(tx, { requestId: request.id, from: ["ESCALATED"], to: "AWAITING_RETURN", actorId: input.staffId, note: `平台支持退货退款：${input.note}` }));
}

/** A parcel of the buyer's with what an after-sales request needs to know; null for anyone else's. */
async function buyerParcel(parcelId: string, buyerId: string) {
  return prisma.parcel.findFirst({
    where: { id: parcelId, order: { buyerId } },
    select: {
      id: true,
      seq: true,
      status: true,
      deliveredAt: true,
      coopId: true,
      orderId: true,
      coop: { select: { name: true } },
      order: { select: { number: true, status: true, kind: true } },
      items: {
        orderBy: { orderLineId: "asc" },
        select: { quantity: true, orderLine: { select: { id: true, productName: true, variantName: true, unitPriceFen: true, quantity: true, lineTotalFen: true, refundedFen: true } } },
      },
    },
  });
}

/** What a buyer can still ask about in a parcel: each line with the units not yet claimed. */
export async function requestableItems(input: { parcelId: string; buyerId: string; now?: Date }) {
  const parcel = await buyerParcel(input.parcelId, input.buyerId);
  if (!parcel) return null;
  const items = await Promise.all(
    parcel.items.map(async (i) => ({
      id: i.orderLine.id,
      productName: i.orderLine.productName,
      variantName: i.orderLine.variantName,
      unitPriceFen: i.orderLine.unitPriceFen,
      inParcel: i.quantity,
      canAsk: i.quantity - (await claimedOnLine(prisma, i.orderLine.id, parcel.id)).quantity,
    })),
  );
  const open =
    !isSchemeKind(parcel.order.kind) && afterSalesWindowOpen(parcel, input.now) && REFUNDABLE_STATUSES.includes(parcel.order.status as OrderStatus);
  return { id: parcel.id, code: parcelCode(parcel.order.number, parcel.seq), coop: parcel.coop.name, status: parcel.status, open, items };
}
