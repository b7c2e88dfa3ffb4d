// A pre-order's stage, beside its orders' own statuses (docs/decisions/0013-schemes.md).
export const PRESALE_STATUSES = { OPEN: "预售中", GOING_AHEAD: "已成团，待采收", FAILED: "未达起订量，已全额退款", HARVESTED: "已采收" } as const;
export type PresaleStatus = keyof typeof PRESALE_STATUSES;

export const PREORDER_STAGES = {
  OPEN: "待采收",
  AWAITING_BALANCE: "待付尾款",
  FILLED: "已配货",
  UNFILLED: "未配到货，已退款",
  FORFEITED: "尾款逾期，定金不退",
  LAPSED: "尾款逾期，定金已退",
  CANCELLED: "已取消并全额退款",
} as const;
export type PreorderStage = keyof typeof PREORDER_STAGES;

/**
 * What should have gone back from the first payment (full price or deposit) at this stage. The
 * refund settler compares it with what the order line has refunded already, so it can be re-run.
 */
export function firstPaymentRefundTarget(p: { stage: string; quantity: number; filledQty: number | null; unitPriceFen: number }): number {
  switch (p.stage) {
    case "UNFILLED":
    case "CANCELLED":
    case "LAPSED":
      return p.quantity * p.unitPriceFen;
    case "FILLED":
    case "AWAITING_BALANCE":
    case "FORFEITED":
      return (p.quantity - (p.filledQty ?? p.quantity)) * p.unitPriceFen;
    default:
      return 0;
  }
}
