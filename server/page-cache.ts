import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

// A microcache for the public catalogue: every anonymous visitor to a hall page or a popular search
// gets the same HTML, so one process renders each such URL at most about once a second and serves
// the copy to everyone else (docs/decisions/0007-production-server-and-page-cache.md). The app decides what is
// public: only a 200 that says `Cache-Control: public` and sets no cookie is ever shared, and only
// with requests that carry no cookie and no credentials, so nothing personal can leak.

export interface CachedPage {
  status: number;
  /** The app's headers minus those the cache computes itself (length, encoding, ETag). */
  headers: [string, string][];
  body: Buffer;
  etag: string;
  freshUntil: number;
  staleUntil: number;
  gzipped?: Buffer;
}

export type Served =
  | { state: "hit" | "stale" | "miss"; page: CachedPage }
  /** The app's own response, for the caller to send as is (not shareable, or the cache is off). */
  | { state: "bypass"; response: Response };

export interface PageCacheOptions {
  /** How long a copy is served without rendering again (capped by the page's own max-age). */
  freshMs: number;
  /** After that, how long the old copy may still be served while one request renders a new one. */
  staleMs: number;
  /** Total body bytes kept; the oldest copies go first. */
  maxBytes: number;
  now?: () => number;
}

interface RequestLike {
  method: string;
  /** Host and path with query: the cache key. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

const OWN_HEADERS = new Set(["content-length", "content-encoding", "etag", "transfer-encoding", "connection", "keep-alive"]);
/** Request headers a shared page may vary on: the cache only takes requests without a cookie and compresses itself. */
const HARMLESS_VARY = new Set(["cookie", "accept-encoding"]);

/** The key under which a request may share a page, or null when it must get its own response. */
export function shareableKey(request: RequestLike): string | null {
  if (request.method !== "GET") return null;
  if (request.headers.cookie || request.headers.authorization) return null;
  return request.url;
}

function maxAgeSeconds(cacheControl: string): number | null {
  const directives = cacheControl.toLowerCase().split(",").map((d) => d.trim());
  if (!directives.includes("public")) return null;
  if (directives.some((d) => d === "private" || d === "no-store" || d === "no-cache")) return null;
  const age = directives.find((d) => d.startsWith("s-maxage=")) ?? directives.find((d) => d.startsWith("max-age="));
  const seconds = age ? Number(age.split("=")[1]) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** Seconds the app allows a shared copy of this response to live, or null when it must not be shared. */
export function shareableFor(response: Response): number | null {
  if (response.status !== 200 || !response.body) return null;
  if (response.headers.has("set-cookie")) return null;
  const vary = response.headers.get("vary");
  if (vary && vary.split(",").some((v) => !HARMLESS_VARY.has(v.trim().toLowerCase()))) return null;
  return maxAgeSeconds(response.headers.get("cache-control") ?? "");
}

interface Flight {
  page?: CachedPage;
  response?: Response;
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly flights = new Map<string, Promise<Flight>>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size() {
    return this.pages.size;
  }

  /**
   * Serves `key` from a copy when there is a fresh one; otherwise renders once for all the
   * requests waiting on the same key. A stale copy is served at once while one render replaces it.
   */
  async serve(key: string, render: () => Promise<Response>): Promise<Served> {
    const now = this.now();
    const page = this.pages.get(key);
    if (page && now < page.freshUntil) return { state: "hit", page };
    if (page && now < page.staleUntil) {
      // Errors are the next request's to see: it renders itself once the copy runs out.
      if (!this.flights.has(key)) this.fly(key, render).catch(() => undefined);
      return { state: "stale", page };
    }
    if (page) this.drop(key);

    const waiting = this.flights.get(key);
    if (waiting) {
      const flight = await waiting.catch(() => ({}) as Flight);
      // The leader's response was not shareable (or failed): this request gets its own.
      return flight.page ? { state: "hit", page: flight.page } : { state: "bypass", response: await render() };
    }
    const flight = await this.fly(key, render);
    return flight.page ? { state: "miss", page: flight.page } : { state: "bypass", response: flight.response! };
  }

  /** The page body compressed once, for every client that accepts gzip. */
  gzipped(page: CachedPage): Buffer {
    page.gzipped ??= gzipSync(page.body);
    return page.gzipped;
  }

  private fly(key: string, render: () => Promise<Response>): Promise<Flight> {
    const flight = (async (): Promise<Flight> => {
      const response = await render();
      const seconds = shareableFor(response);
      if (seconds === null) return { response };
      const body = Buffer.from(await response.arrayBuffer());
      const freshUntil = this.now() + Math.min(this.options.freshMs, seconds * 1000);
      const page: CachedPage = {
        status: response.status,
        headers: [...response.headers].filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())),
        body,
        etag: `W/"${createHash("sha1").update(body).digest("base64url")}"`,
        freshUntil,
        staleUntil: freshUntil + this.options.staleMs,
      };
      this.store(key, page);
      return { page };
    })().finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }

  private store(key: string, page: CachedPage) {
    this.drop(key);
    // A page too big to keep is still served to the requests that waited for it.
    if (page.body.length > this.options.maxBytes / 4) return;
    this.pages.set(key, page);
    this.bytes += page.body.length;
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= this.options.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  private drop(key: string) {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.body.length;
  }
}
