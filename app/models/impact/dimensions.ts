// How the staff report can group sales (shared by the report page and app/models/impact/report.server.ts).
export const DIMENSIONS = {
  city: "东部城市",
  hall: "体验馆",
  prefecture: "市州",
  county: "县区",
  coop: "合作社",
  category: "品类",
  org: "采购单位",
  programme: "定点帮扶",
  month: "月份",
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_KEYS = Object.keys(DIMENSIONS) as Dimension[];

/** Where a row drills down to: city → county → co-op. */
export const DRILL: Partial<Record<Dimension, { by: Dimension; filter: "cityId" | "countyId" }>> = {
  city: { by: "county", filter: "cityId" },
  county: { by: "coop", filter: "countyId" },
};
