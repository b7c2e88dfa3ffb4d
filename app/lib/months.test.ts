import { describe, expect, it } from "vitest";
import { fillMonthGaps, nextMonth } from "./months";

describe("months", () => {
  it("steps over the year end", () => {
    expect(nextMonth("2025-12")).toBe("2026-01");
    expect(nextMonth("2026-09")).toBe("2026-10");
  });

  it("puts months without sales back as zero, between the first and last month", () => {
    expect(fillMonthGaps([{ month: "2026-03", amountFen: 5 }, { month: "2025-12", amountFen: 7 }])).toEqual([
      { month: "2025-12", amountFen: 7 },
      { month: "2026-01", amountFen: 0 },
      { month: "2026-02", amountFen: 0 },
      { month: "2026-03", amountFen: 5 },
    ]);
    expect(fillMonthGaps([])).toEqual([]);
  });
});
