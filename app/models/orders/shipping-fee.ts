// Shipping fee rules (one place; shown on the checkout page and charged in the order total).
//
//   - Remote provinces (新疆, 西藏, 青海): ¥25.00 per order, free from ¥299.00 of goods.
//   - Everywhere else on the mainland: ¥10.00 per order, free from ¥99.00 of goods.
//
// "Goods" means the order subtotal after volume prices, before shipping. Couriers charge far more
// for the long haul to the western provinces, so the free threshold is higher there.

export const REMOTE_PROVINCES = ["新疆维吾尔自治区", "西藏自治区", "青海省"] as const;

export const SHIPPING_RULES = {
  standard: { feeFen: 1000, freeFromFen: 9900 },
  remote: { feeFen: 2500, freeFromFen: 29900 },
} as const;

export function shippingGroup(province: string): keyof typeof SHIPPING_RULES {
  return (REMOTE_PROVINCES as readonly string[]).includes(province) ? "remote" : "standard";
}

export function shippingFeeFen(province: string, subtotalFen: number): number {
  const rule = SHIPPING_RULES[shippingGroup(province)];
  return subtotalFen >= rule.freeFromFen ? 0 : rule.feeFen;
}

export interface FreeShippingStatus {
  /** the fee if the order were placed now (0: 包邮) */
  feeFen: number;
  /** what the goods must reach for free shipping */
  freeFromFen: number;
  /** how much more buys free shipping (0 when already free) */
  missingFen: number;
  /** whether the rule is the one for the remote provinces */
  remote: boolean;
}

/**
 * 包邮 or "再买 ¥4.20 即可包邮", from the same rules the order total charges. Without a province
 * (a guest's cart, no address chosen yet) the rule for most of the mainland is the one shown.
 */
export function freeShippingStatus(province: string | null | undefined, subtotalFen: number): FreeShippingStatus {
  const group = province ? shippingGroup(province) : "standard";
  const rule = SHIPPING_RULES[group];
  const missingFen = Math.max(0, rule.freeFromFen - subtotalFen);
  return { feeFen: missingFen === 0 ? 0 : rule.feeFen, freeFromFen: rule.freeFromFen, missingFen, remote: group === "remote" };
}
