// THE TABLE: who may use every route file in app/routes. tests/integration/access/route-matrix.test.ts
// calls each route's loader (GET) and action (POST with an unknown intent) as every persona below
// and compares what happens with this table; a route file without a row fails the test.
// Adding a route? Add its row here (run `MATRIX_RECORD=1 npx vitest run tests/integration/access`
// to print what it does now, then check every cell is what you mean before pasting it).
//
// Personas, in the order of each row's words:
//   anonymous · consumer · org buyer (org A) · approver (org A) · org admin of another organisation
//   (org B) · co-op manager of another co-op (co-op Y) · staff
// The fixtures' things (hall, product of co-op X, org A's order, the consumer's order, …) are
// named by the {placeholders} in each path (see route-matrix.test.ts).
//
// Words: ok (2xx; for an action also a 4xx input refusal such as 400/409 — it got past the gate),
// login (redirect to /login), redirect (elsewhere), 403, 404, 405, none (no loader / no action).

export const PERSONAS = ["anonymous", "consumer", "orgBuyer", "orgApprover", "otherOrgAdmin", "otherCoopManager", "staff"] as const;
export type Persona = (typeof PERSONAS)[number];

export interface RouteAccess {
  /** A concrete URL for the route, with fixture placeholders. */
  path: string;
  loader: string;
  action: string;
}

const PUBLIC = "ok ok ok ok ok ok ok";
const NONE = "none none none none none none none";
const STAFF = "login 403 403 403 403 403 ok";
// Any co-op manager, about their own co-op (the persona's co-op is not the fixtures' one).
const COOP = "login 403 403 403 403 ok 403";

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // development only (a 404 in production, which these tests are not)
  "$.tsx": { path: "/no-such-page", loader: "404 404 404 404 404 404 404", action: NONE },
  "_index.tsx": { path: "/", loader: PUBLIC, action: NONE },
  "about.tsx": { path: "/about", loader: PUBLIC, action: NONE },
  "account.tsx": { path: "/account", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "account_.addresses.tsx": { path: "/account/addresses", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "account_.notifications.tsx": { path: "/account/notifications", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "admin._index.tsx": { path: "/admin", loader: STAFF, action: NONE },
  "admin.after-sales.tsx": { path: "/admin/after-sales", loader: STAFF, action: STAFF },
  "admin.bank-transfers.tsx": { path: "/admin/bank-transfers", loader: STAFF, action: STAFF },
  "admin.certification.tsx": { path: "/admin/certification", loader: STAFF, action: STAFF },
  "admin.halls.$slug.tsx": { path: "/admin/halls/{hall}", loader: STAFF, action: STAFF },
  "admin.halls._index.tsx": { path: "/admin/halls", loader: STAFF, action: STAFF },
  "admin.households.template[.csv].ts": { path: "/admin/households/template.csv", loader: STAFF, action: NONE },
  "admin.households.tsx": { path: "/admin/households", loader: STAFF, action: STAFF },
  "admin.invoices.tsx": { path: "/admin/invoices", loader: STAFF, action: STAFF },
  "admin.messages.tsx": { path: "/admin/messages", loader: STAFF, action: STAFF },
  "admin.orders.$number.tsx": { path: "/admin/orders/{consumerOrder}", loader: STAFF, action: STAFF },
  "admin.orders._index.tsx": { path: "/admin/orders", loader: STAFF, action: NONE },
  "admin.organizations.tsx": { path: "/admin/organizations", loader: STAFF, action: STAFF },
  // staff only; the fixtures' organisation registered without a scan, so staff get 404
  "admin.organizations.$id.licence.ts": { path: "/admin/organizations/{orgA}/licence", loader: "login 403 403 403 403 403 404", action: NONE },
  "admin.parcels.tsx": { path: "/admin/parcels", loader: STAFF, action: STAFF },
  "admin.prices.tsx": { path: "/admin/prices", loader: STAFF, action: STAFF },
  "admin.products.$slug.tsx": { path: "/admin/products/{product}", loader: STAFF, action: NONE },
  "admin.programmes.tsx": { path: "/admin/programmes", loader: STAFF, action: STAFF },
  "admin.reconciliation.tsx": { path: "/admin/reconciliation", loader: STAFF, action: NONE },
  "admin.reports.export.ts": { path: "/admin/reports/export?format=csv", loader: STAFF, action: NONE },
  "admin.reports.tsx": { path: "/admin/reports", loader: STAFF, action: NONE },
  "admin.reports_.crosstab.tsx": { path: "/admin/reports/crosstab", loader: STAFF, action: NONE },
  "admin.settlements.export[.csv].ts": { path: "/admin/settlements/export.csv?month=2026-11", loader: STAFF, action: NONE },
  "admin.settlements.statement[.pdf].ts": { path: "/admin/settlements/statement.pdf?month=2026-11&coop={coopId}", loader: STAFF, action: NONE },
  "admin.settlements.tsx": { path: "/admin/settlements", loader: STAFF, action: STAFF },
  "admin.suppliers.tsx": { path: "/admin/suppliers", loader: STAFF, action: STAFF },
  "admin.tsx": { path: "/admin", loader: STAFF, action: NONE },
  "admin.users.tsx": { path: "/admin/users", loader: STAFF, action: STAFF },
  "after-sales.photos.$id.ts": { path: "/after-sales/photos/missing-photo", loader: "login 404 404 404 404 404 404", action: NONE },
  "areas.ts": { path: "/areas?province=%E7%94%98%E8%82%83%E7%9C%81", loader: PUBLIC, action: NONE },
  "batches.$code.scan.ts": { path: "/batches/MISSING/scan", loader: "login 404 404 404 404 404 404", action: NONE },
  "cart.tsx": { path: "/cart", loader: PUBLIC, action: PUBLIC },
  "categories.tsx": { path: "/categories", loader: PUBLIC, action: NONE },
  "certificates.$productId.scan.ts": { path: "/certificates/{productId}/scan", loader: "login 404 404 404 404 404 404", action: NONE },
  "checkout.tsx": { path: "/checkout", loader: "login redirect redirect redirect redirect redirect redirect", action: "login ok ok ok ok ok ok" },
  "coop._index.tsx": { path: "/coop", loader: COOP, action: NONE },
  "coop.after-sales.tsx": { path: "/coop/after-sales", loader: COOP, action: COOP },
  "coop.batches.$code.tsx": { path: "/coop/batches/MISSING", loader: "login 403 403 403 403 404 403", action: "login 403 403 403 403 404 403" },
  "coop.batches._index.tsx": { path: "/coop/batches", loader: COOP, action: NONE },
  "coop.batches.new.tsx": { path: "/coop/batches/new", loader: COOP, action: COOP },
  "coop.impact.tsx": { path: "/coop/impact", loader: COOP, action: NONE },
  "coop.invoices.tsx": { path: "/coop/invoices", loader: COOP, action: COOP },
  "coop.orders.packing-slips[.pdf].ts": { path: "/coop/orders/packing-slips.pdf", loader: COOP, action: NONE },
  "coop.orders.pick-list[.pdf].ts": { path: "/coop/orders/pick-list.pdf", loader: COOP, action: NONE },
  "coop.orders.shipping-template[.csv].ts": { path: "/coop/orders/shipping-template.csv", loader: COOP, action: NONE },
  "coop.orders.tsx": { path: "/coop/orders", loader: COOP, action: COOP },
  "coop.presales.$slug.tsx": { path: "/coop/presales/missing-presale", loader: "login 403 403 403 403 404 403", action: COOP },
  "coop.presales._index.tsx": { path: "/coop/presales", loader: COOP, action: NONE },
  "coop.products.$slug.tsx": { path: "/coop/products/{product}", loader: "login 403 403 403 403 404 403", action: "login 403 403 403 403 404 403" },
  "coop.products.$slug_.certificate.tsx": { path: "/coop/products/{product}/certificate", loader: "login 403 403 403 403 404 403", action: "login 403 403 403 403 404 403" },
  "coop.products.$slug_.photos.tsx": { path: "/coop/products/{product}/photos", loader: "login 403 403 403 403 404 403", action: "login 403 403 403 403 404 403" },
  "coop.products._index.tsx": { path: "/coop/products", loader: COOP, action: NONE },
  "coop.products.new.tsx": { path: "/coop/products/new", loader: COOP, action: COOP },
  "coop.settlements.statement[.csv].ts": { path: "/coop/settlements/statement.csv?month=2026-11", loader: COOP, action: NONE },
  "coop.settlements.statement[.pdf].ts": { path: "/coop/settlements/statement.pdf?month=2026-11", loader: COOP, action: NONE },
  "coop.settlements.tsx": { path: "/coop/settlements", loader: COOP, action: NONE },
  "coop.tours.$departureId._index.tsx": { path: "/coop/tours/missing-departure", loader: "login 403 403 403 403 404 403", action: NONE },
  "coop.tours.$departureId.manifest[.pdf].ts": { path: "/coop/tours/missing-departure/manifest.pdf", loader: "login 403 403 403 403 404 403", action: NONE },
  "coop.tours.$departureId.manifest[.xlsx].ts": { path: "/coop/tours/missing-departure/manifest.xlsx", loader: "login 403 403 403 403 404 403", action: NONE },
  "coop.tours._index.tsx": { path: "/coop/tours", loader: COOP, action: NONE },
  "coop.trees.$slug.tsx": { path: "/coop/trees/missing-orchard", loader: "login 403 403 403 403 404 403", action: COOP },
  "coop.trees._index.tsx": { path: "/coop/trees", loader: COOP, action: NONE },
  "coop.tsx": { path: "/coop/orders", loader: COOP, action: NONE },
  "coop_.apply.tsx": { path: "/coop/apply", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "counties.$slug.tsx": { path: "/counties/{county}", loader: PUBLIC, action: NONE },
  "county.applications.tsx": { path: "/county/applications", loader: STAFF, action: STAFF },
  "dev.messages.$id.ts": { path: "/dev/messages/no-such-message", loader: "404 404 404 404 404 404 404", action: NONE },
  "dev.messages.tsx": { path: "/dev/messages", loader: PUBLIC, action: NONE },
  "favorites.tsx": { path: "/favorites", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "footprints.tsx": { path: "/footprints", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
    "gift.redeem.tsx": { path: "/gift/redeem", loader: PUBLIC, action: PUBLIC },
  "gift.status.tsx": { path: "/gift/status", loader: NONE, action: PUBLIC },
  "halls.$slug.tsx": { path: "/halls/{hall}", loader: PUBLIC, action: NONE },
  "healthz.ts": { path: "/healthz", loader: PUBLIC, action: NONE },
  "images.growth.$file.ts": { path: "/images/growth/missing.webp", loader: "404 404 404 404 404 404 404", action: NONE },
  "images.p.$key.$file.ts": { path: "/images/p/missing-key/1.webp", loader: "404 404 404 404 404 404 404", action: NONE },
  "impact.tsx": { path: "/impact", loader: PUBLIC, action: NONE },
  "invoices.$id.pdf.ts": { path: "/invoices/MISSING/pdf", loader: "login 404 404 404 404 404 404", action: NONE },
  "forgot-password.tsx": { path: "/forgot-password", loader: "ok redirect redirect redirect redirect redirect redirect", action: PUBLIC },
  "legal.privacy.tsx": { path: "/legal/privacy", loader: PUBLIC, action: NONE },
  "legal.terms.tsx": { path: "/legal/terms", loader: PUBLIC, action: NONE },
  "login.tsx": { path: "/login", loader: "ok redirect redirect redirect redirect redirect redirect", action: PUBLIC },
  "logout.tsx": { path: "/logout", loader: "redirect redirect redirect redirect redirect redirect redirect", action: "redirect redirect redirect redirect redirect redirect redirect" },
  "orders.$number.tsx": { path: "/orders/{consumerOrder}", loader: "login ok 404 404 404 404 404", action: "login ok 404 404 404 404 404" },
  // The matrix posts a plain form; this action wants multipart and refuses it (400) before it looks
  // the order up, so every signed-in persona reads "ok" here. A real upload to another's order is a 404.
  "orders.$number_.after-sales.tsx": { path: "/orders/{consumerOrder}/after-sales?parcel={consumerParcel}", loader: "login ok 404 404 404 404 404", action: "login ok ok ok ok ok ok" },
  "orders._index.tsx": { path: "/orders", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "org._index.tsx": { path: "/org", loader: "login redirect ok ok ok redirect redirect", action: "login redirect 403 403 ok redirect redirect" },
  "org.allowances.tsx": { path: "/org/allowances", loader: "login redirect ok ok ok redirect redirect", action: "login redirect 403 403 ok redirect redirect" },
  "org.impact.tsx": { path: "/org/impact", loader: "login 403 ok ok ok 403 403", action: NONE },
  "org.invite.$token.tsx": { path: "/org/invite/{invite}", loader: "login ok ok ok ok ok ok", action: "login ok ok ok ok ok ok" },
  "org.members.tsx": { path: "/org/members", loader: "login redirect 403 403 ok redirect redirect", action: "login redirect 403 403 ok redirect redirect" },
  "org.orders.$number.delivery-list[.csv].ts": { path: "/org/orders/{orgOrder}/delivery-list.csv", loader: "login redirect ok ok 404 redirect redirect", action: NONE },
  "org.orders.$number.delivery-list[.xlsx].ts": { path: "/org/orders/{orgOrder}/delivery-list.xlsx", loader: "login redirect ok ok 404 redirect redirect", action: NONE },
  "org.orders.$number.gift-codes.ts": { path: "/org/orders/{orgOrder}/gift-codes", loader: "redirect redirect redirect redirect redirect redirect redirect", action: "login redirect redirect 403 404 redirect redirect" },
  // the 验收单 once every parcel arrived: the fixtures' order has not
  "org.orders.$number.acceptance[.pdf].ts": { path: "/org/orders/{orgOrder}/acceptance.pdf", loader: "login redirect 409 409 404 redirect redirect", action: NONE },
  "org.orders.$number.proforma[.pdf].ts": { path: "/org/orders/{orgOrder}/proforma.pdf", loader: "login redirect 409 409 404 redirect redirect", action: NONE },
  "org.orders.$number.recipients-template[.csv].ts": { path: "/org/orders/{orgOrder}/recipients-template.csv", loader: "login redirect ok ok 404 redirect redirect", action: NONE },
  "org.orders.$number.tsx": { path: "/org/orders/{orgOrder}", loader: "login redirect ok ok 404 redirect redirect", action: "login redirect ok ok ok redirect redirect" },
  "org.orders._index.tsx": { path: "/org/orders", loader: "login redirect ok ok ok redirect redirect", action: NONE },
  "org.orders.new.tsx": { path: "/org/orders/new", loader: "login redirect ok 403 ok redirect redirect", action: "login redirect ok 403 ok redirect redirect" },
  "org.register.tsx": { path: "/org/register", loader: "login ok redirect redirect redirect ok ok", action: "login ok ok ok ok ok ok" },
  "org.statement[.pdf].ts": { path: "/org/statement.pdf?year=2026", loader: "login redirect ok ok ok redirect redirect", action: NONE },
  "org.tsx": { path: "/org", loader: "login ok ok ok ok ok ok", action: NONE },
  "pay.test.$number.tsx": { path: "/pay/test/{consumerOrder}", loader: "login redirect 404 404 404 404 404", action: "login ok ok ok ok ok ok" },
  "prefectures.$slug.tsx": { path: "/prefectures/{prefecture}", loader: PUBLIC, action: NONE },
  "presales.$slug.tsx": { path: "/presales/missing-presale", loader: "404 404 404 404 404 404 404", action: "login ok ok ok ok ok ok" },
  "presales._index.tsx": { path: "/presales", loader: PUBLIC, action: NONE },
  "presales.mine.tsx": { path: "/presales/mine", loader: "login ok ok ok ok ok ok", action: "login redirect redirect redirect redirect redirect redirect" },
  "products.$slug.tsx": { path: "/products/{product}", loader: PUBLIC, action: NONE },
  "products.$slug_.qr[.svg].ts": { path: "/products/{product}/qr.svg", loader: PUBLIC, action: NONE },
  "robots[.]txt.ts": { path: "/robots.txt", loader: PUBLIC, action: NONE },
  "search.tsx": { path: "/search?q=huaniu", loader: PUBLIC, action: NONE },
  "search_.suggest.ts": { path: "/search/suggest?q=hua", loader: PUBLIC, action: NONE },
  "reset-password.$token.tsx": { path: "/reset-password/not-a-real-token-000000000", loader: PUBLIC, action: PUBLIC },
  "signup.tsx": { path: "/signup", loader: "ok redirect redirect redirect redirect redirect redirect", action: PUBLIC },
  "sitemap[.]xml.ts": { path: "/sitemap.xml", loader: PUBLIC, action: NONE },
  "suppliers.$id.licence.ts": { path: "/suppliers/missing-supplier/licence", loader: "login 404 404 404 404 404 404", action: NONE },
  "tours.$slug.$departureId.tsx": { path: "/tours/missing-tour/missing-departure", loader: "login 404 404 404 404 404 404", action: "login 404 404 404 404 404 404" },
  "tours.$slug._index.tsx": { path: "/tours/missing-tour", loader: "404 404 404 404 404 404 404", action: NONE },
  "tours._index.tsx": { path: "/tours", loader: PUBLIC, action: NONE },
  "tours.bookings.$number.tsx": { path: "/tours/bookings/MISSING", loader: "login 404 404 404 404 404 404", action: "login 404 404 404 404 404 404" },
  "trace.$code.qr[.svg].ts": { path: "/trace/MISSING/qr.svg", loader: "404 404 404 404 404 404 404", action: NONE },
  // public; an unknown code is a page saying so (404), never an error
  "verify.$code.tsx": { path: "/verify/MISSING", loader: "404 404 404 404 404 404 404", action: NONE },
  "trace.$code.tsx": { path: "/trace/MISSING", loader: "404 404 404 404 404 404 404", action: NONE },
  "trees.$code.certificate[.pdf].ts": { path: "/trees/MISSING/certificate.pdf", loader: "404 404 404 404 404 404 404", action: NONE },
  "trees.$code.tsx": { path: "/trees/MISSING", loader: "404 404 404 404 404 404 404", action: NONE },
  "trees._index.tsx": { path: "/trees", loader: PUBLIC, action: NONE },
  "trees.mine.$code.tsx": { path: "/trees/mine/MISSING", loader: "login 404 404 404 404 404 404", action: "login 404 404 404 404 404 404" },
  "trees.mine._index.tsx": { path: "/trees/mine", loader: "login ok ok ok ok ok ok", action: NONE },
  "trees.orchards.$slug.tsx": { path: "/trees/orchards/missing-orchard", loader: "404 404 404 404 404 404 404", action: "login ok ok ok ok ok ok" },
  "webhooks.stripe.ts": { path: "/webhooks/stripe", loader: "405 405 405 405 405 405 405", action: "404 404 404 404 404 404 404" },
};
