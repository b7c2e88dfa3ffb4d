/**
 * The one sentence every page says under a total of 脱贫户 that is counted once per household
 * (the ledger's distinct households, not a sum of rows): a household behind several products,
 * orders or groups is one household. Shared by /impact, /org/impact and /admin/reports, so the
 * wording stays the same everywhere.
 */
export function DistinctHouseholdsNote({ scope = "各行" }: { scope?: string }) {
  return (
    <p className="text-xs text-stone-500" data-testid="distinct-households-note">
      户数与人数按脱贫户去重统计：同一户在多笔订单、多个商品或多个分组中只计一次，因此合计可能小于{scope}相加之和。
    </p>
  );
}
