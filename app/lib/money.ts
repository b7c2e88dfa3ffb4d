// Money is integer fen. These are the only places it becomes text.
const yuanFormatter = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`金额必须是整数分: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${yuanFormatter.format(yuan)}.${String(cents).padStart(2, "0")}`;
}

/** "12.5" / "12.50" / "12" yuan as typed by a person → 1250 fen; null when it is not a price. */
export function parseYuan(input: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** 1250 fen → "12.50": plain yuan for exports and for prices put back into a form field. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`金额必须是整数分: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Large amounts for impact figures: 12,345,600 fen → "12.35万元". */
export function formatWan(fen: number): string {
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 1e8) return `${(yuan / 1e8).toFixed(2)}亿元`;
  if (Math.abs(yuan) >= 1e4) return `${(yuan / 1e4).toFixed(2)}万元`;
  return `${yuan.toFixed(2)}元`;
}

