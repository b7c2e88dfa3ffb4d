/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * A monthly series with the months that had no sales put back as zero (between its first and last
 * month), so a line chart does not draw across a gap as if sales had gone on.
 */
export function fillMonthGaps<T extends { month: string; amountFen: number }>(series: T[]): { month: string; amountFen: number }[] {
  if (series.length === 0) return [];
  const sorted = [...series].sort((a, b) => a.month.localeCompare(b.month));
  const byMonth = new Map(sorted.map((s) => [s.month, s.amountFen]));
  const out: { month: string; amountFen: number }[] = [];
  const last = sorted[sorted.length - 1].month;
  for (let m = sorted[0].month; m <= last; m = nextMonth(m)) out.push({ month: m, amountFen: byMonth.get(m) ?? 0 });
  return out;
}
