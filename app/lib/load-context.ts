import type { AppLoadContext } from "@remix-run/node";

// What the production server (server/index.ts) hands every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /**
     * The client's address as the server saw it: the socket's, or a proxy's X-Forwarded-For only
     * when TRUST_PROXY says which proxies to believe. Absent under `remix dev`.
     */
    clientAddress?: string | null;
    /** The nonce the Content-Security-Policy allows this render's inline scripts with. */
    cspNonce?: string;
  }
}

export function clientAddressOf(context: AppLoadContext | undefined): string | null {
  const address = context?.clientAddress;
  return typeof address === "string" && address ? address : null;
}
