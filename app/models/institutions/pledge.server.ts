// Consumption-aid pledges (消费帮扶认购): an organisation's annual purchase target against what it
// has actually bought, by month (China time) and by the Gansu county the products come from.
// "Bought" is the impact ledger (docs/decisions/0002, 0006): goods of the organisation's paid
// orders when paid, less refunds when refunded. So a month once reported never changes afterwards,
// and the pledge page, the certificate PDF and /org/impact show the same figures.
import { prisma } from "~/db.server";
import { organizationPurchases, pledgePercent } from "~/models/impact/views.server";
import { newGiftCode, normaliseGiftCode } from "~/models/institutions/gift-code.server";

export async function setPledge(organizationId: string, year: number, targetFen: number) {
  if (!Number.isSafeInteger(targetFen) || targetFen <= 0) throw new Error("目标金额应大于 0");
  await prisma.pledge.upsert({
    where: { organizationId_year: { organizationId, year } },
    create: { organizationId, year, targetFen },
    update: { targetFen },
  });
}

export async function pledgeProgress(organizationId: string, year: number) {
  const impact = await organizationPurchases(organizationId, year);
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, fen: 0 }));
  for (const m of impact.months) {
    const [y, month] = m.month.split("-").map(Number);
    if (y === year) byMonth[month - 1].fen = m.amountFen;
  }
  return {
    rollups: impact.rollups,
    year,
    targetFen: impact.pledgeFen,
    purchasedFen: impact.amountFen,
    percent: impact.pledgePercent,
    byMonth,
    byCounty: impact.counties.filter((c) => c.amountFen !== 0).map((c) => ({ county: c.county, prefecture: c.prefectureShort, fen: c.amountFen })),
  };
}

export type PledgeProgress = Awaited<ReturnType<typeof pledgeProgress>>;

/**
 * A pledge certificate as issued today: its figures are kept under a fresh code (16 Crockford
 * characters, 80 random bits, the gift codes' generator) so /verify/<code> can confirm exactly what
 * the paper says, however the figures move later.
 */
export async function issuePledgeCertificate(organizationId: string, progress: PledgeProgress, asOf = new Date()) {
  const code = newGiftCode();
  await prisma.pledgeCertificate.create({ data: { code, organizationId, year: progress.year, asOf, purchasedFen: progress.purchasedFen, targetFen: progress.targetFen } });
  return { code, asOf };
}

/** What a certificate said, for anyone holding its code; null for a code never issued (or mistyped). */
export async function verifyPledgeCertificate(input: string) {
  const code = normaliseGiftCode(input);
  if (!code) return null;
  const found = await prisma.pledgeCertificate.findUnique({
    where: { code },
    select: { code: true, year: true, asOf: true, purchasedFen: true, targetFen: true, organization: { select: { name: true, creditCode: true } } },
  });
  if (!found) return null;
  return { ...found, percent: pledgePercent(found.purchasedFen, found.targetFen) };
}
