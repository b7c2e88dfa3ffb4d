import { businessDay } from "~/lib/china-time";

// Cancellation by days before departure, e.g. the full price back from 15 days, half from 3 days,
// nothing after. Days are counted in Beijing calendar days, so 23:59 and 00:01 differ by a day as
// the traveller expects.

export interface CancellationTier {
  daysBefore: number;
  percent: number;
}

/** Tiers as stored: valid, most generous first. */
export function parseTiers(json: string): CancellationTier[] {
  const raw = JSON.parse(json) as unknown;
  if (!Array.isArray(raw)) throw new Error("cancellation tiers must be a list");
  const tiers = raw.map((t) => {
    const { daysBefore, percent } = t as CancellationTier;
    if (!Number.isInteger(daysBefore) || daysBefore < 0 || !Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw new Error(`bad cancellation tier ${JSON.stringify(t)}`);
    }
    return { daysBefore, percent };
  });
  return tiers.sort((a, b) => b.daysBefore - a.daysBefore);
}

export function daysBeforeDeparture(departOn: string, now: Date): number {
  return Math.round((Date.parse(`${departOn}T00:00:00Z`) - Date.parse(`${businessDay(now)}T00:00:00Z`)) / 86_400_000);
}

/** The percentage refunded when cancelling `days` days before departure (0 past the last tier). */
export function refundPercentFor(tiers: CancellationTier[], days: number): number {
  return tiers.find((t) => days >= t.daysBefore)?.percent ?? 0;
}

/** Rounded down: a cancellation never refunds more than its tier allows. */
export function refundFenFor(paidFen: number, percent: number): number {
  return Math.floor((paidFen * percent) / 100);
}

export function describeTiers(tiers: CancellationTier[]): string[] {
  const lines = tiers.map((t, i) => {
    const next = tiers[i + 1];
    const range = next ? `出发前 ${t.daysBefore} 天及以上` : t.daysBefore > 0 ? `出发前 ${t.daysBefore} 天及以上` : "出发当天";
    return `${range}取消：退还 ${t.percent}%`;
  });
  const last = tiers[tiers.length - 1];
  if (last && last.daysBefore > 0) lines.push(`出发前不足 ${last.daysBefore} 天取消：不退款`);
  return lines;
}
