import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "~/models/after-sales/status";
import { MAX_HOUSEHOLD_FILE_BYTES } from "~/models/coops/household-register.server";
import { MAX_FILE_BYTES } from "~/models/institutions/recipients.server";
import { MAX_SHIPPING_FILE_BYTES } from "~/models/parcels/status";
import { bodyLimitFor, FORM_LIMIT_BYTES, UPLOAD_ROUTES } from "./body-limit";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../app/routes");
const LIB_DIR = path.resolve(import.meta.dirname, "../app/lib");

describe("body limits", () => {
  it("upload routes allow their model's file limit plus a margin; every other path 1 MB", () => {
    const byRoute = Object.fromEntries(UPLOAD_ROUTES.map((u) => [u.route, u.fileBytes]));
    expect(byRoute).toEqual({
      "admin.households": MAX_HOUSEHOLD_FILE_BYTES,
      "org.orders.$number": MAX_FILE_BYTES,
      "coop.orders": MAX_SHIPPING_FILE_BYTES,
      "orders.$number_.after-sales": MAX_PHOTOS * MAX_PHOTO_BYTES,
    });
    expect(bodyLimitFor("/admin/households")).toBeGreaterThan(MAX_HOUSEHOLD_FILE_BYTES);
    expect(bodyLimitFor("/admin/households")).toBeLessThan(MAX_HOUSEHOLD_FILE_BYTES + 1024 * 1024);
    expect(bodyLimitFor("/org/orders/B20261201-0001")).toBeGreaterThan(MAX_FILE_BYTES);
    expect(bodyLimitFor("/org/orders/B20261201-0001/gift-codes")).toBe(FORM_LIMIT_BYTES);
    expect(bodyLimitFor("/orders/LH-2612-AAAA-BBBB/after-sales")).toBeGreaterThan(MAX_PHOTOS * MAX_PHOTO_BYTES);
    expect(bodyLimitFor("/orders/LH-2612-AAAA-BBBB")).toBe(FORM_LIMIT_BYTES);
    expect(bodyLimitFor("/cart")).toBe(FORM_LIMIT_BYTES);
    expect(FORM_LIMIT_BYTES).toBe(1024 * 1024);
  });

  // Without a row a new upload route would answer 413 to any file over 1 MB in production only.
  it("every route that reads a multipart body has a row", () => {
    // Remix's multipart parser, called in the route or through a helper of app/lib that calls it.
    const readers = ["unstable_parseMultipartFormData"];
    for (const file of fs.readdirSync(LIB_DIR).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))) {
      for (const fn of fs.readFileSync(path.join(LIB_DIR, file), "utf8").split(/^export /m).slice(1)) {
        const name = /^(?:async\s+)?function\s+(\w+)/.exec(fn)?.[1];
        if (name && fn.includes("unstable_parseMultipartFormData")) readers.push(name);
      }
    }
    const reads = new RegExp(`\\b(${readers.join("|")})\\(`);
    const readsUploads = fs
      .readdirSync(ROUTES_DIR)
      .filter((f) => /\.tsx?$/.test(f) && reads.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")))
      .map((f) => f.replace(/\.tsx?$/, ""))
      .sort();
    expect(UPLOAD_ROUTES.map((u) => u.route).sort()).toEqual(readsUploads);
  });
});
