// A product's life as its co-op sees it (Product.status). Only ACTIVE products are on sale anywhere
// (halls, search, product pages, cart, checkout), so every public query keeps its one condition.
//
//   DRAFT ──submit certificate──▶ (DRAFT, certStatus PENDING) ──staff certify──▶ ACTIVE
//   ACTIVE ──unpublish──▶ DRAFT ──publish (certificate still valid)──▶ ACTIVE
//   DRAFT | ACTIVE ──archive──▶ ARCHIVED ──restore──▶ DRAFT
//   ACTIVE ──its co-op suspended──▶ SUSPENDED ──co-op certified again──▶ ACTIVE
export const PRODUCT_STATUSES = ["DRAFT", "ACTIVE", "SUSPENDED", "ARCHIVED"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCT_STATUS_LABELS: Record<string, string> = {
  DRAFT: "未上架",
  ACTIVE: "在售",
  SUSPENDED: "合作社暂停，暂不在售",
  ARCHIVED: "已归档",
};

/** What the co-op may do from each status (the buttons shown and the moves the model allows). */
export const PRODUCT_MOVES = {
  publish: ["DRAFT"],
  unpublish: ["ACTIVE"],
  archive: ["DRAFT", "ACTIVE", "SUSPENDED"],
  restore: ["ARCHIVED"],
} as const satisfies Record<string, readonly ProductStatus[]>;
export type ProductMove = keyof typeof PRODUCT_MOVES;

export const PRODUCT_MOVE_LABELS: Record<ProductMove, string> = {
  publish: "上架",
  unpublish: "下架",
  archive: "归档",
  restore: "恢复为未上架",
};
