// Consumption-aid pledges (消费帮扶认购): an organisation's annual purchase target against what it
// has actually bought — paid bulk and retail orders of the organisation, less refunds — by month
// (China time) and by the Gansu county the products come from.
import { prisma } from "~/db.server";
import { chinaDate, chinaYearRange } from "~/lib/china-time";
import { PAID_STATUSES } from "~/models/bulk-order.server";

export async function setPledge(organizationId: string, year: number, targetFen: number) {
  if (!Number.isSafeInteger(targetFen) || targetFen <= 0) throw new Error("目标金额应大于 0");
  await prisma.pledge.upsert({
    where: { organizationId_year: { organizationId, year } },
    create: { organizationId, year, targetFen },
    update: { targetFen },
  });
}

export async function pledgeProgress(organizationId: string, year: number) {
  const { from, to } = chinaYearRange(year);
  const [pledge, lines] = await Promise.all([
    prisma.pledge.findUnique({ where: { organizationId_year: { organizationId, year } }, select: { targetFen: true } }),
    prisma.orderLine.findMany({
      where: { order: { organizationId, status: { in: PAID_STATUSES }, paidAt: { gte: from, lt: to } } },
      select: {
        lineTotalFen: true, refundedFen: true,
        order: { select: { paidAt: true } },
        product: { select: { county: { select: { id: true, name: true, prefecture: { select: { shortName: true } } } } } },
      },
    }),
  ]);
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, fen: 0 }));
  const byCounty = new Map<string, { county: string; prefecture: string; fen: number }>();
  let purchasedFen = 0;
  for (const l of lines) {
    const net = l.lineTotalFen - l.refundedFen;
    purchasedFen += net;
    byMonth[chinaDate(l.order.paidAt!).month - 1].fen += net;
    const c = l.product.county;
    const entry = byCounty.get(c.id) ?? { county: c.name, prefecture: c.prefecture.shortName, fen: 0 };
    entry.fen += net;
    byCounty.set(c.id, entry);
  }
  const targetFen = pledge?.targetFen ?? null;
  return {
    year,
    targetFen,
    purchasedFen,
    percent: targetFen ? Math.min(999, Math.round((purchasedFen / targetFen) * 1000) / 10) : null,
    byMonth,
    byCounty: [...byCounty.values()].sort((a, b) => b.fen - a.fen),
  };
}

export type PledgeProgress = Awaited<ReturnType<typeof pledgeProgress>>;
