import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { getStripe } from "~/lib/stripe.server";
import { expireCertificates } from "~/models/catalog/certification.server";
import { cancelUnpaidOrder, OrderStateError } from "~/models/orders/order.server";
import { decideClosedPresales, expireUnpaidBalances } from "~/models/presales/harvest.server";
import { settleAllPresaleRefunds } from "~/models/presales/refunds.server";
import { purgeTravellerIds } from "~/models/tours/booking.server";
import { confirmOverdueReceipts } from "~/models/parcels/shipping.server";

// The reservation sweeper: unpaid orders whose reservedUntil has passed are cancelled and their
// stock goes back on sale. Run by the server process on a timer and by `npm run sweep`. The same
// timer confirms receipt of parcels shipped long ago without a complaint, and expires certificates.

/**
 * Releases every reservation that expired before `now`. Before cancelling an order paid through
 * Stripe we expire its Checkout Session; if Stripe says the session already completed, the payment
 * webhook is on its way and the order is left alone.
 */
export async function releaseExpiredReservations(now = new Date()) {
  const due = await prisma.order.findMany({
    where: { status: "PENDING_PAYMENT", reservedUntil: { lt: now } },
    select: { id: true, paymentRef: true },
    orderBy: { reservedUntil: "asc" },
    take: 500,
  });
  const stripe = getStripe();
  let released = 0;
  let awaitingPayment = 0;
  for (const order of due) {
    if (stripe && order.paymentRef?.startsWith("cs_")) {
      const open = await expireSession(order.paymentRef);
      if (!open) {
        awaitingPayment += 1;
        continue;
      }
    }
    try {
      await cancelUnpaidOrder(order.id, null, "付款超时，预留库存已释放");
      released += 1;
    } catch (error) {
      if (!(error instanceof OrderStateError)) throw error; // paid or cancelled in the meantime
    }
  }
  return { released, awaitingPayment };
}

/** true when the session can no longer be paid (we expired it, or it already was). */
async function expireSession(sessionId: string): Promise<boolean> {
  const stripe = getStripe()!;
  try {
    await stripe.checkout.sessions.expire(sessionId);
    return true;
  } catch {
    try {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      return session.status !== "complete";
    } catch (error) {
      console.error(`[sweeper] could not check session ${sessionId}:`, (error as Error).message);
      return false; // try again on the next sweep
    }
  }
}

/**
 * The schemes' dated duties, on the same timer: pre-sales past their close go or do not go ahead,
 * balances past their deadline forfeit or refund, refunds that failed are tried again, and
 * travellers' ID numbers are dropped after their trip.
 */
export async function sweepSchemes(now = new Date()) {
  const decided = await decideClosedPresales(now);
  const lapsed = await expireUnpaidBalances(now);
  const refundedFen = await settleAllPresaleRefunds();
  const idsDropped = await purgeTravellerIds(now);
  return { decided, lapsed, refundedFen, idsDropped };
}

const globalForSweeper = globalThis as unknown as { __reservationSweeper?: NodeJS.Timeout };

/** Starts the periodic sweep (expired reservations, overdue receipts, expired certificates) once per process (unref'd, so it never keeps the process alive). */
export function startReservationSweeper() {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (globalForSweeper.__reservationSweeper || seconds === 0 || env().NODE_ENV === "test") return;
  let running = false;
  globalForSweeper.__reservationSweeper = setInterval(() => {
    if (running) return;
    running = true;
    releaseExpiredReservations()
      .then(async (r) => {
        if (r.released || r.awaitingPayment) console.log(`[sweeper] released ${r.released}, awaiting payment ${r.awaitingPayment}`);
        const received = await confirmOverdueReceipts();
        if (received) console.log(`[sweeper] ${received} parcel(s) confirmed received automatically`);
        const expired = await expireCertificates();
        if (expired) console.log(`[sweeper] ${expired} product certificate(s) expired`);
        const schemes = await sweepSchemes();
        if (schemes.decided || schemes.lapsed || schemes.refundedFen || schemes.idsDropped) console.log("[sweeper] schemes:", schemes);
      })
      .catch((error) => console.error("[sweeper] failed:", error))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  globalForSweeper.__reservationSweeper.unref();
}
