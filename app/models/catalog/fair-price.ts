// Fair prices (公道价): a variant's price beside its 市场参考价. A price more than 30% above its
// reference is flagged to staff, and the co-op cannot raise it further unless staff approved a
// price at least that high. Browser-safe: the product page and the builder read it too.

/** Above this percentage of its reference a price is flagged. */
export const FAIR_PRICE_LIMIT_PERCENT = 130;

/** True when the price is more than 30% above the reference (integer fen, no rounding). */
export function overReference(priceFen: number, refPriceFen: number | null): boolean {
  return refPriceFen !== null && refPriceFen > 0 && priceFen * 100 > refPriceFen * FAIR_PRICE_LIMIT_PERCENT;
}

/** How a price compares with its reference, in words ("低于参考价 12%", "高于参考价 35%"). */
export function referenceComparison(priceFen: number, refPriceFen: number): string {
  const percent = Math.round(((priceFen - refPriceFen) * 100) / refPriceFen);
  if (percent === 0) return "与参考价持平";
  return percent < 0 ? `低于参考价 ${-percent}%` : `高于参考价 ${percent}%`;
}

/**
 * Whether a co-op may set `nextFen` over `currentFen`: lowering is always allowed, and so is any
 * price within 30% of the reference; a raise above that needs staff to have approved at least it.
 */
export function raiseAllowed(v: { currentFen: number; nextFen: number; refPriceFen: number | null; approvedPriceFen: number | null }): boolean {
  if (v.nextFen <= v.currentFen || !overReference(v.nextFen, v.refPriceFen)) return true;
  return v.approvedPriceFen !== null && v.nextFen <= v.approvedPriceFen;
}
