// Filling pre-orders from a short (or full) harvest: in the order they were paid, each takes what
// it asked for while the harvest lasts; the first one that cannot be filled completely takes what
// is left, and everyone after it gets nothing. What is not filled is refunded from the first
// payment (the full price, or the deposit); a filled deposit order owes the balance on what it gets.

export interface PaidPreorder {
  id: string;
  quantity: number;
  mode: "FULL" | "DEPOSIT";
  /** When its first payment (full price or deposit) arrived. */
  paidAt: Date;
}

export interface Terms {
  priceFen: number;
  depositFen: number | null;
}

export interface Allocation {
  id: string;
  filledQty: number;
  /** Taken at the first payment. */
  paidFen: number;
  /** Given back from the first payment. */
  refundFen: number;
  /** Still to pay (deposit orders): the balance on the filled units. */
  balanceFen: number;
}

export function firstPaidFirst(a: PaidPreorder, b: PaidPreorder) {
  return a.paidAt.getTime() - b.paidAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function allocateHarvest(orders: PaidPreorder[], harvestQty: number, terms: Terms): Allocation[] {
  if (!Number.isSafeInteger(harvestQty) || harvestQty < 0) throw new RangeError("harvest quantity must be a whole number ≥ 0");
  let left = harvestQty;
  return [...orders].sort(firstPaidFirst).map((o) => {
    const filledQty = Math.min(o.quantity, left);
    left -= filledQty;
    const perUnit = o.mode === "FULL" ? terms.priceFen : (terms.depositFen ?? 0);
    const balancePerUnit = o.mode === "FULL" ? 0 : terms.priceFen - perUnit;
    return {
      id: o.id,
      filledQty,
      paidFen: o.quantity * perUnit,
      refundFen: (o.quantity - filledQty) * perUnit,
      balanceFen: filledQty * balancePerUnit,
    };
  });
}
