import type { Readable } from "node:stream";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { NONCE_HEADER } from "./security-headers";

// Express request ⇄ Fetch Request/Response for the Remix handler, as @remix-run/express does
// internally (its helpers are not part of its typed API).

/** `body`: the stream the app reads instead of the raw request (the byte-limited one). */
export function toFetchRequest(req: ExpressRequest, res: ExpressResponse, body: Readable = req): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  // Loaders and actions stop when the client goes away before the response is written.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    // A body cut off (over its limit) aborts the request, so the app stops and does not log it.
    body.once("error", () => controller.abort());
    init.body = createReadableStreamFromReadable(body);
    init.duplex = "half";
  }
  return new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, init);
}

export async function sendFetchResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== NONCE_HEADER) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
