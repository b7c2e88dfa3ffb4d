import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this render (from the production server, through
// entry.server.tsx), for the inline scripts Remix writes. In the browser and under `remix dev`
// there is none, and none is needed.
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce() {
  return useContext(NonceContext);
}
