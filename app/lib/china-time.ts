// Business dates are Beijing time (UTC+8, no daylight saving): an order paid at 23:30 in Beijing
// belongs to that day, month and year in every report, pledge and certificate.
const OFFSET_MS = 8 * 3_600_000;

/** The business day as YYYY-MM-DD. */
export function businessDay(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a business day starts (00:00 Beijing time). */
export function startOfBusinessDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The last second of a business day (23:59:59 Beijing time): "valid until" dates a person picks. */
export function endOfBusinessDay(day: string): Date {
  return new Date(`${day}T23:59:59+08:00`);
}

/** Noon of a business day in Beijing: a day known only as a date (a bank's value date) as an instant. */
export function noonOfBusinessDay(day: string): Date {
  return new Date(`${day}T12:00:00+08:00`);
}

/** Year, month (1–12) and day of an instant in Beijing time. */
export function chinaDate(date: Date) {
  const c = new Date(date.getTime() + OFFSET_MS);
  return { year: c.getUTCFullYear(), month: c.getUTCMonth() + 1, day: c.getUTCDate() };
}

/** "2026-11-24 20:05" in Beijing time, for messages and pages (an ISO string from loader data too). */
export function formatChinaDateTime(date: Date | string): string {
  return new Date(new Date(date).getTime() + OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** "2026年11月24日" in Beijing time, for certificates and letters. */
export function formatChinaDateCn(date: Date): string {
  const c = chinaDate(date);
  return `${c.year}年${c.month}月${c.day}日`;
}

/** A business day (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
