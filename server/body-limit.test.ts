import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "~/models/after-sales/status";
import { MAX_HOUSEHOLD_FILE_BYTES } from "~/models/coops/household-register.server";
import { MAX_FILE_BYTES } from "~/models/institutions/recipients.server";
import { MAX_STATEMENT_FILE_BYTES } from "~/models/institutions/bank-statement.server";
import { MAX_SHIPPING_FILE_BYTES } from "~/models/parcels/status";
import { MAX_PHOTO_BYTES as MAX_GROWTH_PHOTO_BYTES } from "~/lib/photo-store.server";
import { MAX_LOG_PHOTOS } from "~/models/trees/growth-log.schema";
import { MAX_SCAN_BYTES } from "~/models/batches/batch.schema";
import { MAX_INVOICE_PDF_BYTES } from "~/models/invoices/invoice.schema";
import { CERTIFICATE_SCAN_BODY_LIMIT, ORG_REGISTRATION_BODY_LIMIT, PRODUCT_PHOTOS_BODY_LIMIT, SUPPLIER_APPLICATION_BODY_LIMIT } from "~/lib/upload-limits";
import { bodyLimitFor, FORM_LIMIT_BYTES, UPLOAD_ROUTES } from "./body-limit";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../app/routes");
const LIB_DIR = path.resolve(import.meta.dirname, "../app/lib");
const MODELS_DIR = path.resolve(import.meta.dirname, "../app/models");

describe("body limits", () => {
  it("upload routes allow their model's file limit plus a margin; every other path 1 MB", () => {
    const byRoute = Object.fromEntries(UPLOAD_ROUTES.map((u) => [u.route, u.fileBytes]));
    expect(byRoute).toEqual({
      "admin.households": MAX_HOUSEHOLD_FILE_BYTES,
      "org.orders.$number": MAX_FILE_BYTES,
      "coop.orders": MAX_SHIPPING_FILE_BYTES,
      "orders.$number_.after-sales": MAX_PHOTOS * MAX_PHOTO_BYTES,
      "coop_.apply": SUPPLIER_APPLICATION_BODY_LIMIT,
      "org.register": ORG_REGISTRATION_BODY_LIMIT,
      "coop.products.$slug_.certificate": CERTIFICATE_SCAN_BODY_LIMIT,
      "coop.products.$slug_.photos": PRODUCT_PHOTOS_BODY_LIMIT,
      "coop.trees.$slug": MAX_LOG_PHOTOS * MAX_GROWTH_PHOTO_BYTES,
      "coop.batches.new": MAX_SCAN_BYTES,
      "coop.invoices": MAX_INVOICE_PDF_BYTES,
      "admin.invoices": MAX_INVOICE_PDF_BYTES,
      "admin.bank-transfers": MAX_STATEMENT_FILE_BYTES,
    });
    expect(bodyLimitFor("/coop/products/qinan-mitao/photos")).toBeGreaterThan(PRODUCT_PHOTOS_BODY_LIMIT);
    expect(bodyLimitFor("/coop/products/qinan-mitao")).toBe(FORM_LIMIT_BYTES);
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
    // Remix's multipart parser, called in the route or through a helper of app/lib or a model that
    // calls it (helpers of helpers too: repeat until no new one turns up).
    const sources = [
      ...fs.readdirSync(LIB_DIR).map((f) => path.join(LIB_DIR, f)),
      ...fs.readdirSync(MODELS_DIR, { recursive: true }).map((f) => path.join(MODELS_DIR, String(f))),
    ];
    const functions = sources
      .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
      .flatMap((file) => fs.readFileSync(file, "utf8").split(/^export /m).slice(1))
      .map((body) => ({ name: /^(?:async\s+)?function\s+(\w+)/.exec(body)?.[1], body }))
      .filter((f): f is { name: string; body: string } => Boolean(f.name));
    const readers = new Set(["unstable_parseMultipartFormData"]);
    const callsReader = (text: string) => [...readers].some((r) => new RegExp(`\\b${r}\\(`).test(text));
    for (let grew = true; grew; ) {
      grew = false;
      for (const f of functions) {
        if (readers.has(f.name) || !callsReader(f.body)) continue;
        readers.add(f.name);
        grew = true;
      }
    }
    const reads = { test: callsReader };
    const readsUploads = fs
      .readdirSync(ROUTES_DIR)
      .filter((f) => /\.tsx?$/.test(f) && reads.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")))
      .map((f) => f.replace(/\.tsx?$/, ""))
      .sort();
    expect(UPLOAD_ROUTES.map((u) => u.route).sort()).toEqual(readsUploads);
  });
});
