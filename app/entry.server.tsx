import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";

// Pages are rendered to one string, not streamed: no route defers data, and for pages like a hall
// listing renderToString costs a fraction of renderToPipeableStream. It also finishes each page in
// one turn of the event loop, so under load requests complete in arrival order instead of every
// render slowing down together (the 2 s tail in bench/catalog.bench.ts without the page cache).
export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext) {
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />);
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { status, headers });
}
