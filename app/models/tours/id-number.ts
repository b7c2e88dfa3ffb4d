// 居民身份证 numbers (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence,
// and a check character computed from the first 17 digits (ISO 7064 MOD 11-2).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
// Province-level codes of GB/T 2260 (the first two digits of the address code).
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65]);

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdProblem = "format" | "region" | "birth" | "check";

export const ID_PROBLEM_MESSAGES: Record<IdProblem, string> = {
  format: "身份证号应为 18 位：17 位数字加 1 位数字或 X",
  region: "身份证号前两位不是有效的省级行政区代码",
  birth: "身份证号中的出生日期无效",
  check: "身份证号校验位不对，请核对后重新输入",
};

/** The number upper-cased and trimmed, or the reason it is not a valid number. */
export function checkIdNumber(input: string, today = new Date()): { ok: true; value: string; birthDate: string } | { ok: false; problem: IdProblem } {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: "format" };
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return { ok: false, problem: "region" };
  const [y, m, d] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth > today) return { ok: false, problem: "birth" };
  if (idCheckCharacter(value) !== value[17]) return { ok: false, problem: "check" };
  return { ok: true, value, birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}` };
}

/** What every page but the operator's manifest shows: 6201********1234. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 4)}********${value.slice(-4)}`;
}

/** Full years of age on a day (YYYY-MM-DD), from a birth date (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = day.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
