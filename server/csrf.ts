import type { Request as ExpressRequest, RequestHandler } from "express";
import { refuse } from "./refusal";

// Cross-site request forgery, checked in one place for every request that can change something
// (any method but GET/HEAD/OPTIONS), document POSTs and Remix's `?_data=` fetches alike. Browsers
// say where a request comes from: Sec-Fetch-Site (every current browser), else Origin, else
// Referer. Only our own origin may post; a request that carries none of them is not from a
// browser page (curl, Stripe) and has no victim's cookies to abuse. Plain HTML forms send these
// headers too, so forms keep working with JavaScript off.

/** Server-to-server endpoints that prove themselves another way (Stripe signs its webhooks). */
const EXEMPT = [/^\/webhooks\/stripe\/?$/];

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** The hosts this store answers as: the Host header, a trusted proxy's X-Forwarded-Host, PUBLIC_URL. */
function ownHosts(req: ExpressRequest, publicUrl: string | undefined) {
  const hosts = new Set<string>();
  if (req.headers.host) hosts.add(req.headers.host);
  const forwarded = req.app.get("trust proxy fn")?.(req.socket.remoteAddress, 0) ? req.get("x-forwarded-host") : undefined;
  if (forwarded) hosts.add(forwarded.split(",")[0].trim());
  const configured = publicUrl ? hostOf(publicUrl) : null;
  if (configured) hosts.add(configured);
  return hosts;
}

export function crossSiteReason(req: ExpressRequest, publicUrl: string | undefined): string | null {
  const site = req.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none" ? null : `Sec-Fetch-Site: ${site}`;
  const origin = req.get("origin");
  if (origin) {
    const host = origin === "null" ? null : hostOf(origin);
    return host && ownHosts(req, publicUrl).has(host) ? null : `Origin: ${origin.slice(0, 100)}`;
  }
  const referer = req.get("referer");
  if (referer) {
    const host = hostOf(referer);
    return host && ownHosts(req, publicUrl).has(host) ? null : "Referer from another site";
  }
  return null;
}

export function refuseCrossSite(publicUrl = process.env.PUBLIC_URL): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (EXEMPT.some((path) => path.test(req.path))) return next();
    const reason = crossSiteReason(req, publicUrl);
    if (!reason) return next();
    console.warn(`[csrf] refused ${req.method} ${req.path} (${reason})`);
    refuse(req, res, 403, "这个请求来自其他网站，为保护您的账号已拒绝。请回到陇货通页面重新操作。");
  };
}
