// Every page must hydrate cleanly: a mismatch between the server's HTML and the browser's first
// render (say, a constant imported from a .server module, which is undefined in the browser) makes
// React throw the page away and re-render it, losing what was typed and racing the user's clicks.
// Every page must also keep to its Content-Security-Policy: a blocked inline script (one without
// the render's nonce) is a page that never hydrates.
import { describe, expect, it } from "vitest";
import { logIn, useBrowser } from "./browser";

const browser = useBrowser();

const PAGES: [string | null, string[]][] = [
  [null, ["/", "/halls/qingdao", "/counties/qinan", "/search?q=hnpg", "/impact", "/signup", "/cart"]],
  ["staff@demo.longhuo.cn", ["/account", "/admin", "/admin/users", "/admin/halls/tianjin", "/admin/certification", "/admin/households", "/admin/organizations", "/admin/bank-transfers", "/admin/orders", "/admin/parcels", "/admin/after-sales", "/admin/settlements", "/admin/reports", "/admin/reconciliation", "/admin/messages?status=all", "/admin/suppliers"]],
  ["coop@demo.longhuo.cn", ["/coop", "/coop/orders", "/coop/orders?tab=delivered", "/coop/after-sales", "/coop/settlements", "/coop/products", "/coop/products/new", "/coop/products/qinan-mitao", "/coop/products/qinan-mitao/photos", "/coop/products/qinan-mitao/certificate", "/coop/impact"]],
  ["county@demo.longhuo.cn", ["/county/applications"]],
  ["applicant@demo.longhuo.cn", ["/coop/apply"]],
  ["consumer@demo.longhuo.cn", ["/orders", "/favorites", "/footprints", "/halls/tianjin", "/orders/LH-2612-DEMO-P004", "/orders/LH-2612-DEMO-P005"]],
  ["orgadmin@demo.longhuo.cn", ["/org", "/org/orders", "/org/orders/new", "/org/members", "/org/impact", "/account/notifications"]],
];

describe("hydration", () => {
  for (const [email, paths] of PAGES) {
    it(`pages of ${email ?? "visitors"} hydrate without errors`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to/.test(message.text())) errors.push(message.text());
      });
      if (email) await logIn(page, email);
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(errors, path).toEqual([]);
        // the inline scripts ran: Remix's context is there and the router took over
        expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext), path).toBe("object");
      }
    });
  }
});
