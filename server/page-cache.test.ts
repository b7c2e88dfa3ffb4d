import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PageCache, shareableFor, shareableKey, type Served } from "./page-cache";

const PUBLIC = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60", Vary: "Cookie" };

function page(body: string, headers: Record<string, string> = PUBLIC, status = 200) {
  return new Response(body, { status, headers });
}

function setup(options: { freshMs?: number; staleMs?: number; maxBytes?: number } = {}) {
  let clock = 1_000_000;
  const cache = new PageCache({ freshMs: 1000, staleMs: 2000, maxBytes: 1024 * 1024, ...options, now: () => clock });
  let renders = 0;
  const render = (body: string | (() => string), headers?: Record<string, string>) => async () => {
    renders += 1;
    return page(typeof body === "string" ? body : body(), headers);
  };
  return {
    cache,
    render,
    renders: () => renders,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

async function text(served: Served) {
  return served.state === "bypass" ? served.response.text() : served.page.body.toString("utf8");
}

describe("which requests may share a page", () => {
  const request = (method: string, headers: Record<string, string> = {}) => ({ method, url: "http://shop/halls/tianjin?page=2", headers });

  it("shares anonymous GETs, keyed by host and full URL with query", () => {
    expect(shareableKey(request("GET"))).toBe("http://shop/halls/tianjin?page=2");
  });

  it("never shares a request with a cookie or credentials, or one that changes something", () => {
    expect(shareableKey(request("GET", { cookie: "__session=abc" }))).toBeNull();
    expect(shareableKey(request("GET", { authorization: "Bearer x" }))).toBeNull();
    expect(shareableKey(request("POST"))).toBeNull();
    expect(shareableKey(request("HEAD"))).toBeNull();
  });
});

describe("which responses may be shared", () => {
  it("takes the page's own public max-age", () => {
    expect(shareableFor(page("x"))).toBe(60);
    expect(shareableFor(page("x", { "Cache-Control": "public, max-age=60, s-maxage=5" }))).toBe(5);
  });

  it("refuses anything personal, uncacheable, failed or varying on other headers", () => {
    expect(shareableFor(page("x", { "Cache-Control": "private, no-store" }))).toBeNull();
    expect(shareableFor(page("x", { "Cache-Control": "public, no-cache, max-age=60" }))).toBeNull();
    expect(shareableFor(page("x", { "Cache-Control": "public" }))).toBeNull();
    expect(shareableFor(page("x", {}))).toBeNull();
    expect(shareableFor(page("x", { ...PUBLIC, "Set-Cookie": "__session=abc" }))).toBeNull();
    expect(shareableFor(page("x", { ...PUBLIC, Vary: "Cookie, Accept-Language" }))).toBeNull();
    expect(shareableFor(page("missing", PUBLIC, 404))).toBeNull();
    expect(shareableFor(new Response(null, { status: 302, headers: { ...PUBLIC, Location: "/" } }))).toBeNull();
  });
});

describe("serving from the cache", () => {
  it("renders once, then serves the copy until it is a second old", async () => {
    const { cache, render, renders, advance } = setup();
    let version = 1;
    const hall = render(() => `hall v${version}`);
    const first = await cache.serve("k", hall);
    expect(first.state).toBe("miss");
    version = 2;
    advance(999);
    const second = await cache.serve("k", hall);
    expect(second.state).toBe("hit");
    expect(await text(second)).toBe("hall v1");
    expect(renders()).toBe(1);
  });

  it("keeps the page's status and headers, and its own ETag for the body", async () => {
    const { cache, render } = setup();
    const served = await cache.serve("k", render("<p>花牛苹果</p>"));
    if (served.state === "bypass") throw new Error("expected a shared page");
    expect(served.page.status).toBe(200);
    expect(Object.fromEntries(served.page.headers)).toMatchObject({ "cache-control": "public, max-age=60", "content-type": "text/html; charset=utf-8" });
    expect(served.page.etag).toMatch(/^W\/".+"$/);
    expect(gunzipSync(cache.gzipped(served.page)).toString("utf8")).toBe("<p>花牛苹果</p>");
  });

  it("after a second serves the old copy once while rendering the new one, then the new one", async () => {
    const { cache, render, renders, advance } = setup();
    let version = 1;
    const hall = render(() => `v${version}`);
    await cache.serve("k", hall);
    version = 2;
    advance(1500);
    const stale = await cache.serve("k", hall);
    expect(stale.state).toBe("stale");
    expect(await text(stale)).toBe("v1");
    await new Promise((r) => setTimeout(r, 0));
    const fresh = await cache.serve("k", hall);
    expect(fresh.state).toBe("hit");
    expect(await text(fresh)).toBe("v2");
    expect(renders()).toBe(2);
  });

  it("never serves a copy older than fresh + stale: it renders instead", async () => {
    const { cache, render, advance } = setup();
    let version = 1;
    const hall = render(() => `v${version}`);
    await cache.serve("k", hall);
    version = 2;
    advance(3000);
    const served = await cache.serve("k", hall);
    expect(served.state).toBe("miss");
    expect(await text(served)).toBe("v2");
  });

  it("lets 50 simultaneous requests for a missing page share one render", async () => {
    const { cache } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const slow = async () => {
      calls += 1;
      await gate;
      return page("search results");
    };
    const all = Promise.all(Array.from({ length: 50 }, () => cache.serve("k", slow)));
    release();
    const served = await all;
    expect(calls).toBe(1);
    expect(served.filter((s) => s.state === "miss")).toHaveLength(1);
    expect(await Promise.all(served.map(text))).toEqual(Array(50).fill("search results"));
  });

  it("gives every request its own response when the page turns out not to be shareable", async () => {
    const { cache, render, renders } = setup();
    const personal = render("你好，张三", { "Cache-Control": "private, no-store" });
    const [a, b] = await Promise.all([cache.serve("k", personal), cache.serve("k", personal)]);
    expect([a.state, b.state]).toEqual(["bypass", "bypass"]);
    expect(await text(a)).toBe("你好，张三");
    expect(await text(b)).toBe("你好，张三");
    expect(renders()).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("does not keep a failed render: waiting requests render for themselves", async () => {
    const { cache } = setup();
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error("database is locked");
      return page("ok");
    };
    const [a, b] = await Promise.allSettled([cache.serve("k", flaky), cache.serve("k", flaky)]);
    expect(a.status).toBe("rejected");
    expect(b.status === "fulfilled" && (await text(b.value))).toBe("ok");
    const again = await cache.serve("k", flaky);
    expect(again.state).toBe("miss");
  });

  it("keeps within its byte budget by dropping the oldest copies", async () => {
    const { cache, render } = setup({ maxBytes: 400 });
    for (const key of ["a", "b", "c", "d", "e"]) await cache.serve(key, render("x".repeat(100)));
    expect(cache.size).toBe(4);
    expect((await cache.serve("a", render("new a"))).state).toBe("miss");
    expect((await cache.serve("e", render("new e"))).state).toBe("hit");
  });

  it("serves a page bigger than a quarter of the budget to its waiting requests but does not keep it", async () => {
    const { cache, render } = setup({ maxBytes: 400 });
    const big = await cache.serve("big", render("x".repeat(101)));
    expect(big.state).toBe("miss");
    expect(cache.size).toBe(0);
    expect((await cache.serve("big", render("x".repeat(101)))).state).toBe("miss");
  });
});
