// One production server process (build/worker.js, run by the supervisor in server/supervisor.ts
// via `npm start`): what remix-serve does (compression, static assets with long-lived caching for
// fingerprinted files, an access log, the Remix handler), plus the page microcache for anonymous
// public pages and 503s for storage faults (server/storage-faults.ts). `remix dev` keeps using
// remix-serve. REMIX_BUILD names another build module to serve (the benchmark's, see bench/).
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import expressStaticGzip from "express-static-gzip";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import morgan from "morgan";
import { bodyLimit } from "./body-limit";
import { clientKey, trustProxySetting } from "./client-address";
import { refuseCrossSite } from "./csrf";
import { sendFetchResponse, toFetchRequest } from "./fetch-bridge";
import { formBodiesOnly } from "./form-bodies";
import { PageCache, shareableKey, type CachedPage } from "./page-cache";
import { contentSecurityPolicy, newNonce, NONCE_HEADER, securityHeaders } from "./security-headers";
import { faultPage, guardStorageFaults, REQUEST_ID_HEADER, RETRY_AFTER_SECONDS, takeFault } from "./storage-faults";
import { checkDatabaseFiles, reportCrashes } from "./worker-health";

reportCrashes();
checkDatabaseFiles();

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);
// Seconds an anonymous public page is shared before it is rendered again; 0 turns the cache off.
// Five, not one (decision 0016, third pass): in a rush the anonymous catalogue is hundreds of URLs
// each asked for more than once a second, so a one-second copy was rendered again almost every time.
const pageCacheSeconds = Number(process.env.PAGE_CACHE_SECONDS ?? 5);
if (!Number.isFinite(pageCacheSeconds) || pageCacheSeconds < 0) throw new Error("PAGE_CACHE_SECONDS must be a number ≥ 0");

const buildPath = path.resolve(process.env.REMIX_BUILD ?? path.join(import.meta.dirname, "index.js"));
const loaded = (await import(pathToFileURL(buildPath).href)) as ServerBuild & { default?: ServerBuild };
const build = guardStorageFaults(loaded.default?.routes ? loaded.default : loaded);
installGlobals({ nativeFetch: build.future.v3_singleFetch });
const handleRequest = createRequestHandler(build, process.env.NODE_ENV);

const pages =
  pageCacheSeconds > 0 ? new PageCache({ freshMs: pageCacheSeconds * 1000, staleMs: 2 * pageCacheSeconds * 1000, maxBytes: 64 * 1024 * 1024 }) : null;

const applyCsp = contentSecurityPolicy({
  stripeCheckout: [process.env.STRIPE_API_BASE ?? ""],
  upgradeInsecure: (process.env.PUBLIC_URL ?? "").startsWith("https:"),
});

/** The CSP for the nonce the page was rendered with (a cached page keeps its render's nonce). */
function cspFor(req: ExpressRequest, res: ExpressResponse, headers: Iterable<[string, string]>) {
  let nonce: string | undefined;
  for (const [name, value] of headers) if (name === NONCE_HEADER) nonce = value;
  applyCsp(req, res, nonce ?? newNonce());
}

function sendPage(req: ExpressRequest, res: ExpressResponse, page: CachedPage, state: string) {
  cspFor(req, res, page.headers);
  res.status(page.status);
  for (const [name, value] of page.headers) if (name !== NONCE_HEADER) res.append(name, value);
  res.setHeader("ETag", page.etag);
  res.setHeader("X-Page-Cache", state);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.vary("Accept-Encoding");
  const gzip = page.body.length > 1024 && req.acceptsEncodings("gzip") === "gzip";
  const body = gzip ? pages!.gzipped(page) : page.body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

const app = express();
app.disable("x-powered-by");
// Which proxies may say who the client is (X-Forwarded-For): none unless TRUST_PROXY names them.
app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
app.use(securityHeaders({ production: process.env.NODE_ENV === "production" }));
// Level 1 for the pages rendered per request (signed-in pages, forms): on a signed-in hall page
// (73 KB) it costs 0.37 ms of CPU instead of level 6's 0.69 ms, for 12.6 KB instead of 11.2 KB.
// Scripts and styles are compressed at build time (below); cached pages are gzipped once each.
app.use(compression({ level: 1 }));
// The build's scripts and stylesheets with the brotli/gzip copies `npm run build` made beside them
// (scripts/precompress.ts): smaller than compressing per request, and no CPU spent on it.
app.use(
  build.publicPath,
  expressStaticGzip(build.assetsBuildDirectory, { enableBrotli: true, orderPreference: ["br", "gzip"], serveStatic: { immutable: true, maxAge: "1y" } }),
);
// Uploaded product photos straight from disk (app/routes/images.p.$key.$file.ts serves the same files
// under `remix dev`): a key is never reused, so a year of caching is safe, and keeping them out of
// the page cache leaves its memory to pages.
const PHOTO_TYPES: Record<string, string> = { ".webp": "image/webp", ".avif": "image/avif" };
app.use(
  "/images/p",
  express.static(path.resolve(process.env.UPLOADS_DIR ?? "data/uploads", "photos"), {
    immutable: true,
    maxAge: "1y",
    index: false,
    setHeaders: (res, file) => {
      const type = PHOTO_TYPES[path.extname(file)];
      if (type) res.setHeader("Content-Type", type);
      res.setHeader("X-Content-Type-Options", "nosniff");
    },
  }),
);
// Files in public/ all have an extension; pages never do, so they skip the file-system lookup.
const publicFiles = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
app.use(morgan("tiny"));
// Refusals that need no body come first, so a refused request is never read.
app.use(refuseCrossSite());
app.use(formBodiesOnly());
app.use(bodyLimit());
app.all("*", async (req, res, next) => {
  try {
    // Replaces whatever a client sent: the storage-fault wrapper files a failed form under it.
    const requestId = crypto.randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    const render = async () => {
      const nonce = newNonce();
      const response = await handleRequest(toFetchRequest(req, res, res.locals.body), { clientAddress: clientKey(req.ip), cspNonce: nonce });
      if (response.status === 503) {
        const fault = takeFault(requestId);
        // JavaScript off: a page of its own that sends the same fields again (with JS, the route keeps the form).
        if (fault && req.method === "POST" && !("_data" in req.query)) {
          return new Response(faultPage(req.originalUrl, fault.values), {
            status: 503,
            headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
          });
        }
      }
      try {
        response.headers.set(NONCE_HEADER, nonce);
        if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
      } catch {
        // immutable headers (a proxied response): it gets a fresh nonce, and has no inline scripts
      }
      return response;
    };
    const send = async (response: Response) => {
      // The body limit may have answered 413 while the app was still reading.
      if (res.headersSent) return;
      cspFor(req, res, response.headers);
      await sendFetchResponse(res, response);
    };
    const key = pages && shareableKey({ method: req.method, url: `${req.protocol}://${req.get("host")}${req.originalUrl}`, headers: req.headers });
    if (!pages || !key) return await send(await render());
    const served = await pages.serve(key, render);
    if (served.state === "bypass") await send(served.response);
    else sendPage(req, res, served.page, served.state);
  } catch (error) {
    next(error);
  }
});

const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
function onListen() {
  console.log(`[longhuotong] http://localhost:${port} (page cache ${pages ? `${pageCacheSeconds} s` : "off"})`);
}
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    // finish what is being answered, then go; never hang on a keep-alive connection
    server.close((error) => {
      if (error) console.error(error);
      process.exit(0);
    });
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
// Under the supervisor: when it is gone (killed), so is this worker.
process.on("disconnect", () => process.exit(0));
