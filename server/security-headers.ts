import crypto from "node:crypto";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import helmet from "helmet";

// Security headers on every response, by helmet. The Content-Security-Policy allows scripts from
// this origin and Remix's inline scripts only with the nonce they were rendered with. Because an
// anonymous page may be rendered once and served from the page cache to many visitors, the nonce
// travels with the rendered response (NONCE_HEADER, set by the server and removed before sending)
// and the policy is written when the response is sent, for the nonce that page actually carries.

export const NONCE_HEADER = "x-lht-csp-nonce";

export function newNonce() {
  return crypto.randomBytes(16).toString("base64");
}

function origin(url: string | undefined) {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/** Everything but the CSP, for every response (static files included). */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: options.production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
  });
}

/** Writes the CSP for a response whose inline scripts carry `nonce`. */
export function contentSecurityPolicy(options: { stripeCheckout: string[]; upgradeInsecure: boolean }) {
  const formTargets = ["'self'", "https://checkout.stripe.com", ...options.stripeCheckout.map(origin).filter((o): o is string => Boolean(o))];
  const middleware = helmet.contentSecurityPolicy({
    useDefaults: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as ExpressResponse).locals.cspNonce}'`],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      // progress bars and charts set their width in a style attribute
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      // a form may end on Stripe Checkout (the checkout action redirects there)
      formAction: formTargets,
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
      upgradeInsecureRequests: options.upgradeInsecure ? [] : null,
    },
  });
  return (req: ExpressRequest, res: ExpressResponse, nonce: string) => {
    res.locals.cspNonce = nonce;
    middleware(req, res, () => undefined);
  };
}
