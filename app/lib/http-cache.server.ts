import type { HeadersFunction } from "@remix-run/node";

// Public catalogue pages may be cached briefly by browsers and proxies — but only when the request
// carries no cookie at all: with a session (or a cart) the page shows personal things (the header's
// user name, institution prices), so it must never be stored.
export const PUBLIC_MAX_AGE = 60;

export function isAnonymous(request: Request) {
  return !request.headers.get("Cookie");
}

export function catalogCacheHeaders(request: Request, maxAge = PUBLIC_MAX_AGE): Record<string, string> {
  return isAnonymous(request)
    ? { "Cache-Control": `public, max-age=${maxAge}`, Vary: "Cookie" }
    : { "Cache-Control": "private, no-store", Vary: "Cookie" };
}

/** Route `headers` export for a page whose loader chose its cache headers. */
export const loaderCacheHeaders: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const source = errorHeaders ?? loaderHeaders;
  const out = new Headers();
  for (const name of ["Cache-Control", "Vary"]) {
    const value = source.get(name);
    if (value) out.set(name, value);
  }
  if (!out.has("Cache-Control")) out.set("Cache-Control", "private, no-store");
  return out;
};
