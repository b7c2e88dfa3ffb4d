// Reading the outbox: staff see every message with its delivery state and can send a failed one
// again (/admin/messages); in development /dev/messages shows the demo's messages in full. Mobile
// numbers are masked in both.
import { prisma } from "~/db.server";
import { maskMobile, maskMobilesIn } from "~/lib/phone";
import { NotFoundError } from "~/lib/errors";
import { MESSAGE_FILTERS, type MessageFilter } from "~/models/messages/kinds";

function shownRecipient(channel: string, to: string) {
  return channel === "SMS" ? maskMobile(to) : to;
}

/** Messages for staff, newest first, with counts per filter; SMS numbers masked. */
export async function listMessages(filter: MessageFilter, take = 100) {
  const [rows, grouped] = await Promise.all([
    prisma.outboxMessage.findMany({
      where: { status: { in: [...MESSAGE_FILTERS[filter].statuses] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: { id: true, channel: true, kind: true, to: true, subject: true, status: true, attempts: true, nextAttemptAt: true, sentAt: true, providerId: true, lastError: true, createdAt: true },
    }),
    prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const byStatus = new Map(grouped.map((g) => [g.status, g._count._all]));
  const counts = Object.fromEntries(
    (Object.keys(MESSAGE_FILTERS) as MessageFilter[]).map((f) => [f, MESSAGE_FILTERS[f].statuses.reduce((n, s) => n + (byStatus.get(s) ?? 0), 0)]),
  ) as Record<MessageFilter, number>;
  return {
    counts,
    messages: rows.map((r) => ({ ...r, to: shownRecipient(r.channel, r.to), lastError: r.lastError && maskMobilesIn(r.lastError) })),
  };
}

/**
 * Staff send a failed or unconfirmed message again: it goes back to the queue with its attempts
 * reset and keeps its id, so the e-mail carries the same Message-ID as before. Conditional, so two
 * staff clicking at once queue it once.
 */
export async function resendMessage(id: string) {
  const { count } = await prisma.outboxMessage.updateMany({
    where: { id, status: { in: ["FAILED", "UNKNOWN"] } },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), claimToken: null, claimedAt: null },
  });
  if (count !== 1) throw new NotFoundError("没有这条失败的消息（可能已重新发送）");
}

/** Every message, newest first, as the recipient reads it (development only; numbers masked). */
export async function devMessages(take = 200) {
  const rows = await prisma.outboxMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, channel: true, kind: true, to: true, subject: true, text: true, html: true, status: true, createdAt: true, sentAt: true },
  });
  return rows.map((r) => ({ ...r, to: shownRecipient(r.channel, r.to) }));
}

/** One e-mail's HTML (development only). */
export async function devMessageHtml(id: string) {
  const row = await prisma.outboxMessage.findUnique({ where: { id }, select: { html: true } });
  return row?.html ?? null;
}
