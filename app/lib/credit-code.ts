// 统一社会信用代码 (GB 32100-2015): 18 characters from 31 symbols (digits and upper-case letters
// without I, O, S, V, Z); the last one is a check character over the first 17. Shared by every form
// that takes one (supplier applications, organisation registration) and by the 18-character 纳税人识别号.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character the first 17 characters call for; null when one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = "shape" | "check";

/** Why a code is not a valid 统一社会信用代码, or null when it is (expects upper case). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (!SHAPE.test(code)) return "shape";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  shape: "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
  check: "统一社会信用代码校验位不对，请逐位核对营业执照",
};
