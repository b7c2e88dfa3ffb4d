import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/orders?x=1")).toBe("/orders?x=1");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, "/a\nb"])(
    "falls back for %s",
    (target) => {
      expect(safeRedirect(target as string | null)).toBe("/");
    },
  );
});
