// Money on paper. Server only: just the PDFs need it, so nzh stays out of the browser bundle.
import nzhCn from "nzh/cn";

/**
 * 大写金额 as a 机关 accountant writes it on a voucher: 123456 fen → "壹仟贰佰叁拾肆元伍角陆分",
 * 100000 → "壹仟元整" (nzh, a small well-used library). Whole yuan are passed without decimals, for
 * nzh then ends them with 整 as the 支付结算办法 asks.
 */
export function formatFenCapital(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new TypeError(`金额必须是非负整数分: ${fen}`);
  const yuan = Math.trunc(fen / 100);
  const cents = fen % 100;
  return nzhCn.toMoney(cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, "0")}`, { outSymbol: false });
}
