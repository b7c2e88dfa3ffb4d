export interface Weighted<K> {
  key: K;
  weight: number;
}

/**
 * Splits a whole number of fen by weights with the largest-remainder method: every part is the
 * floor of its exact share, and the fen left over go one each to the largest remainders (ties to
 * the earlier entry). The parts always add up to the amount, none is negative, and the same input
 * always gives the same output. A negative amount is split as its absolute value, then negated.
 */
export function splitByWeights<K>(amountFen: number, parts: Weighted<K>[]): { key: K; amountFen: number }[] {
  if (!Number.isSafeInteger(amountFen)) throw new TypeError(`amount must be whole fen: ${amountFen}`);
  if (parts.length === 0) throw new Error("nothing to split between");
  if (parts.some((p) => !Number.isSafeInteger(p.weight) || p.weight < 0)) throw new TypeError("weights must be whole, ≥ 0");
  const total = parts.reduce((s, p) => s + p.weight, 0);
  if (total === 0) throw new Error("weights add up to zero");
  const sign = amountFen < 0 ? -1 : 1;
  const amount = Math.abs(amountFen);
  // BigInt keeps amount × weight exact for any realistic figure.
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const shares = parts.map((p, index) => {
    const exact = big * BigInt(p.weight);
    return { index, base: Number(exact / bigTotal), remainder: exact % bigTotal };
  });
  let left = amount - shares.reduce((s, x) => s + x.base, 0);
  const order = [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const s of order) {
    if (left === 0) break;
    s.base += 1;
    left -= 1;
  }
  // "+ 0" turns -0 into 0.
  return parts.map((p, i) => ({ key: p.key, amountFen: sign * shares[i].base + 0 }));
}
