import { describe, expect, it } from "vitest";
import { MAX_HOUSEHOLD_FILE_BYTES } from "~/models/coops/household-register.server";
import { MAX_FILE_BYTES } from "~/models/institutions/recipients.server";
import { bodyLimitFor, FORM_LIMIT_BYTES, UPLOAD_ROUTES } from "./body-limit";

describe("body limits", () => {
  it("upload routes allow their model's file limit plus a margin; every other path 1 MB", () => {
    const byRoute = Object.fromEntries(UPLOAD_ROUTES.map((u) => [u.route, u.fileBytes]));
    expect(byRoute).toEqual({ "admin.households": MAX_HOUSEHOLD_FILE_BYTES, "org.orders.$number": MAX_FILE_BYTES });
    expect(bodyLimitFor("/admin/households")).toBeGreaterThan(MAX_HOUSEHOLD_FILE_BYTES);
    expect(bodyLimitFor("/admin/households")).toBeLessThan(MAX_HOUSEHOLD_FILE_BYTES + 1024 * 1024);
    expect(bodyLimitFor("/org/orders/B20261201-0001")).toBeGreaterThan(MAX_FILE_BYTES);
    expect(bodyLimitFor("/org/orders/B20261201-0001/gift-codes")).toBe(FORM_LIMIT_BYTES);
    expect(bodyLimitFor("/cart")).toBe(FORM_LIMIT_BYTES);
    expect(FORM_LIMIT_BYTES).toBe(1024 * 1024);
  });
});
