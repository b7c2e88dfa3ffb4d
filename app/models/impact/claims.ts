import type { Dimension } from "~/models/impact/dimensions";

// The four claims on one sale (shared by the cross-tab page and app/models/impact/cross-tab.server.ts):
// the hall it was bought through, the county it came from, the east–west pairing of that county
// (its eastern city) and the 定点帮扶 programme of the buyer. Each is a report dimension.
export const CLAIMS = ["hall", "county", "city", "programme"] as const satisfies readonly Dimension[];
export type Claim = (typeof CLAIMS)[number];
export const CLAIM_LABELS: Record<Claim, string> = {
  hall: "体验馆",
  county: "产地县",
  city: "东西部协作（东部城市）",
  programme: "定点帮扶项目",
};
