// Booking seats on a departure. Seats are the departure variant's stock: placeOrder's guarded
// decrement holds them while the buyer pays, the sweeper gives them back when the hold expires,
// and no departure sells more seats than it has. Travellers' ID numbers are sealed in the booking's
// own transaction and shown masked everywhere but the operator's manifest.
import { prisma } from "~/db.server";
import { formatChinaDateTime } from "~/lib/china-time";
import { ConflictError, DomainError, isUniqueViolation, NotFoundError } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { notify } from "~/models/messages/outbox.server";
import { keyedDigest, seal } from "~/lib/sealed.server";
import { reservationDeadline } from "~/models/orders/checkout.server";
import { cancelUnpaidOrder, InvalidOrderError, orderForRequest, OrderStateError, placeOrder } from "~/models/orders/order.server";
import { normaliseOrderNumber } from "~/models/orders/number";
import { refundOrder } from "~/models/orders/refund.server";
import { PAID_STATUSES, type OrderStatus } from "~/models/orders/status";
import { OutOfStockError, releaseStock } from "~/models/orders/stock.server";
import type { TravellerInput } from "~/models/tours/booking.schema";
import { daysBeforeDeparture, parseTiers, refundFenFor, refundPercentFor } from "~/models/tours/cancellation";
import { maskIdNumber } from "~/models/tours/id-number";
import { isBookable } from "~/models/tours/tour.server";

export class BookingError extends DomainError {}

/** The digest that keeps one person to one booking per departure (and nothing readable). */
const idDigest = (departureId: string, idNumber: string) => keyedDigest(`${departureId}:${idNumber}`);

export async function bookDeparture(input: {
  buyer: { id: string; organizationId: string | null };
  departureId: string;
  travellers: TravellerInput[];
  clientRequestId: string;
  now?: Date;
}) {
  const earlier = await orderForRequest(input.clientRequestId, input.buyer.id);
  if (earlier) return earlier;
  const now = input.now ?? new Date();
  const departure = await prisma.tourDeparture.findUnique({
    where: { id: input.departureId },
    select: {
      id: true,
      departOn: true,
      variantId: true,
      priceFen: true,
      groupPriceFen: true,
      groupMinSeats: true,
      variant: { select: { stock: true } },
      package: { select: { name: true, cutoffDays: true, product: { select: { county: { select: { partnerCity: { select: { hall: { select: { id: true } } } } } } } } } },
    },
  });
  if (!departure) throw new NotFoundError("没有这个团期");
  if (!isBookable(departure.departOn, departure.package.cutoffDays, now)) throw new BookingError("该团期已截止报名");
  const seats = input.travellers.length;
  if (seats < 1) throw new BookingError("请至少填写一位游客");
  if (departure.variant.stock < seats) {
    throw new ConflictError(departure.variant.stock ? `该团期只剩 ${departure.variant.stock} 个座位` : "该团期已满", "count");
  }
  const digests = input.travellers.map((t) => idDigest(departure.id, t.idNumber));
  const already = await prisma.tourTraveller.findMany({
    where: { departureId: departure.id, idDigest: { in: digests }, booking: { order: { status: { not: "CANCELLED" } } } },
    select: { idDigest: true },
  });
  if (already.length) {
    const i = digests.indexOf(already[0].idDigest!);
    throw new ConflictError("此身份证号已报名本团期", `idNumber_${i}`);
  }
  const organization = input.buyer.organizationId
    ? await prisma.organization.findUnique({ where: { id: input.buyer.organizationId }, select: { id: true, status: true } })
    : null;
  const asOrganization = organization?.status === "VERIFIED" ? organization : null;
  const unitPriceFen = asOrganization && seats >= departure.groupMinSeats ? departure.groupPriceFen : departure.priceFen;
  try {
    return await placeOrder({
      buyerId: input.buyer.id,
      organizationId: asOrganization?.id ?? null,
      hallId: departure.package.product.county.partnerCity.hall?.id ?? null,
      kind: "TOUR",
      status: "PENDING_PAYMENT",
      lines: [{ variantId: departure.variantId, quantity: seats, unitPriceFen }],
      reservedUntil: reservationDeadline(now),
      clientRequestId: input.clientRequestId,
      also: async (tx, order) => {
        // A hold that expired unpaid leaves its travellers behind: they may book again.
        await tx.tourTraveller.updateMany({
          where: { departureId: departure.id, idDigest: { in: digests }, booking: { order: { status: "CANCELLED" } } },
          data: { idDigest: null, idSealed: null },
        });
        const booking = await tx.tourBooking.create({
          data: { orderId: order.id, departureId: departure.id, buyerId: input.buyer.id, seats, contactName: input.travellers[0].name, contactMobile: input.travellers[0].mobile },
          select: { id: true },
        });
        await tx.tourTraveller.createMany({
          data: input.travellers.map((t, position) => ({
            bookingId: booking.id,
            departureId: departure.id,
            name: t.name,
            mobile: t.mobile,
            idSealed: seal(t.idNumber),
            idDigest: digests[position],
            idMasked: maskIdNumber(t.idNumber),
            birthDate: t.birthDate,
            position,
          })),
        });
      },
    });
  } catch (error) {
    if (error instanceof OutOfStockError) throw new ConflictError("座位刚刚被订完，订单未创建，请选择其他团期", "count");
    if (error instanceof InvalidOrderError) throw new BookingError(error.message);
    // the digest's unique index: the same person booked in a racing request
    if (isUniqueViolation(error)) throw new ConflictError("有游客已报名本团期", "idNumber_0");
    throw error;
  }
}

const bookingSelect = {
  id: true,
  seats: true,
  cancelledAt: true,
  refundPercent: true,
  createdAt: true,
  order: { select: { id: true, number: true, status: true, totalFen: true, refundedFen: true, paidAt: true, reservedUntil: true } },
  departure: {
    select: {
      id: true,
      departOn: true,
      returnOn: true,
      variantId: true,
      package: { select: { slug: true, name: true, cancellation: true, days: true, coop: { select: { name: true, contactPhone: true } }, productId: true } },
    },
  },
  // never the sealed number: pages get the masked one
  travellers: { orderBy: { position: "asc" }, select: { name: true, mobile: true, idMasked: true } },
} as const;

/** The buyer's own booking by its order number; 404 for anyone else's. */
export async function buyerBooking(buyerId: string, orderNumber: string, now = new Date()) {
  const number = normaliseOrderNumber(orderNumber);
  const booking = number ? await prisma.tourBooking.findFirst({ where: { buyerId, order: { number } }, select: bookingSelect }) : null;
  if (!booking) throw new NotFoundError("没有这个预订");
  return { ...booking, quote: cancellationQuote(booking, now) };
}
/** What cancelling now would refund, or why it cannot be cancelled. */
export function cancellationQuote(
  booking: { cancelledAt: Date | null; order: { status: string; totalFen: number; refundedFen: number }; departure: { departOn: string; package: { cancellation: string } } },
  now: Date,
) {
  if (booking.cancelledAt) return { cancellable: false as const, reason: "已取消" };
  const days = daysBeforeDeparture(booking.departure.departOn, now);
  if (days < 0) return { cancellable: false as const, reason: "已出发" };
  if (booking.order.status === "PENDING_PAYMENT") return { cancellable: true as const, days, percent: 100, refundFen: 0, unpaid: true };
  if (!PAID_STATUSES.includes(booking.order.status as OrderStatus) || booking.order.status === "REFUNDED") return { cancellable: false as const, reason: "订单不可取消" };
  const percent = refundPercentFor(parseTiers(booking.departure.package.cancellation), days);
  return { cancellable: true as const, days, percent, refundFen: refundFenFor(booking.order.totalFen - booking.order.refundedFen, percent), unpaid: false };
}

/**
 * Cancels a booking by the package's tiers. The booking is marked first (a guarded update, so two
 * clicks cancel once), then the tier's refund goes through Stripe and reverses the ledger
 * (refundOrder); if the refund fails the mark is undone. Then the seats go back on sale and the
 * travellers' ID numbers are dropped.
 */
export async function cancelBooking(input: { buyerId: string; orderNumber: string; now?: Date }) {
  const now = input.now ?? new Date();
  const booking = await buyerBooking(input.buyerId, input.orderNumber, now);
  const quote = booking.quote;
  if (!quote.cancellable) throw new ConflictError(`不能取消：${quote.reason}`);
  if (quote.unpaid) {
    const { count } = await prisma.tourBooking.updateMany({ where: { id: booking.id, cancelledAt: null }, data: { cancelledAt: now, refundPercent: 100 } });
    if (count !== 1) throw new ConflictError("预订已取消");
    try {
      await cancelUnpaidOrder(booking.order.id, input.buyerId, "游客取消未付款的预订，座位已释放");
    } catch (error) {
      await prisma.tourBooking.update({ where: { id: booking.id }, data: { cancelledAt: null, refundPercent: null } });
      if (error instanceof OrderStateError) throw new ConflictError("订单状态已变化，请刷新后重试");
      throw error;
    }
    await forgetTravellers(booking.id);
    return { refundFen: 0, percent: 100 };
  }
  const { count } = await prisma.tourBooking.updateMany({ where: { id: booking.id, cancelledAt: null }, data: { cancelledAt: now, refundPercent: quote.percent } });
  if (count !== 1) throw new ConflictError("预订已取消");
  const reason = `出发前 ${quote.days} 天取消，按规则退还 ${quote.percent}%`;
  if (quote.refundFen > 0) {
    try {
      await refundOrder({ orderId: booking.order.id, staffId: input.buyerId, reason, request: { mode: "amount", amountFen: quote.refundFen } });
    } catch (error) {
      await prisma.tourBooking.update({ where: { id: booking.id }, data: { cancelledAt: null, refundPercent: null } });
      throw error;
    }
  }
  await prisma.$transaction(async (tx) => {
    await releaseStock(tx, [{ variantId: booking.departure.variantId, productId: booking.departure.package.productId, quantity: booking.seats }]);
    const order = await tx.order.findUniqueOrThrow({ where: { id: booking.order.id }, select: { status: true, buyerId: true, buyer: { select: { name: true } } } });
    if (quote.refundFen === 0) {
      // no money moves, so no status change: the timeline still says what happened
      await tx.orderEvent.create({ data: { orderId: booking.order.id, fromStatus: order.status, toStatus: order.status, actorId: input.buyerId, note: `${reason}（不退款）` } });
    }
    await notify(tx, {
      userId: order.buyerId,
      kind: "payment",
      email: {
        subject: `${booking.departure.package.name}（${booking.departure.departOn} 出发）已取消`,
        content: {
          greeting: `${order.buyer.name}，您好：`,
          paragraphs: [`您在 ${formatChinaDateTime(now)} 取消了 ${booking.seats} 个座位。${reason}：${formatFen(quote.refundFen)}${quote.refundFen ? "，将原路退回" : ""}。`],
          action: { label: "查看预订", url: `/tours/bookings/${booking.order.number}` },
        },
      },
      sms: { template: "notice", params: { title: "乡村旅游预订已取消", detail: `${booking.departure.departOn} 出发 ${booking.seats} 座，${reason} ${formatFen(quote.refundFen)}` } },
    });
  });
  await forgetTravellers(booking.id);
  return { refundFen: quote.refundFen, percent: quote.percent };
}

/** A cancelled booking keeps names for the record but drops the ID numbers and their digests. */
async function forgetTravellers(bookingId: string) {
  await prisma.tourTraveller.updateMany({ where: { bookingId }, data: { idSealed: null, idDigest: null } });
}

/**
 * Ten days after a trip ends its travellers' ID numbers are dropped (names and masks stay), and at
 * once for a hold that expired unpaid.
 */
export const KEEP_IDS_DAYS_AFTER_RETURN = 10;

export async function purgeTravellerIds(now = new Date()) {
  const cutoff = new Date(now.getTime() - KEEP_IDS_DAYS_AFTER_RETURN * 86_400_000).toISOString().slice(0, 10);
  const { count } = await prisma.tourTraveller.updateMany({
    where: { idSealed: { not: null }, OR: [{ departure: { returnOn: { lt: cutoff } } }, { booking: { order: { status: "CANCELLED" } } }] },
    data: { idSealed: null, idDigest: null },
  });
  return count;
}
