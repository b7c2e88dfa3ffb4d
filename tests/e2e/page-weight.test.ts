// Page weight (issue 12): a product page's JavaScript stays within 100 KB as a browser receives it
// (compressed), and pages without a form ship no zod at all (docs/decisions/0016, "Page weight").
// Sizes, not timings: the build decides them.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { baseUrl } from "./browser";

const PRODUCT_JS_BUDGET = 100 * 1024;

/** The bytes on the wire, still compressed (fetch would decode them). */
function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ body: Buffer; encoding: string | undefined }>((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ body: Buffer.concat(chunks), encoding: res.headers["content-encoding"] }));
      })
      .on("error", reject);
  });
}

async function scriptsOf(path: string) {
  const html = (await rawGet(`${baseUrl()}${path}`, "identity")).body.toString("utf8");
  const js = new Set<string>();
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) js.add(m[1]);
  for (const m of html.matchAll(/import (?:\* as \w+ from )?"([^"]+\.js)"/g)) js.add(m[1]);
  expect(js.size, path).toBeGreaterThan(3);
  return [...js];
}

async function weigh(path: string, acceptEncoding: string) {
  let bytes = 0;
  let zod = false;
  for (const src of await scriptsOf(path)) {
    const wire = await rawGet(`${baseUrl()}${src}`, acceptEncoding);
    bytes += wire.body.length;
    const plain = (await rawGet(`${baseUrl()}${src}`, "identity")).body.toString("utf8");
    // zod's schema classes are registered under these names, whatever the minifier calls them
    if (plain.includes('"$ZodType"')) zod = true;
  }
  return { bytes, zod };
}

describe("page weight", () => {
  it("a product page's JavaScript is at most 100 KB as a browser receives it, and carries no zod", async () => {
    const asBrowser = await weigh("/products/qinan-mitao", "gzip, deflate, br, zstd");
    expect(asBrowser.bytes).toBeLessThanOrEqual(PRODUCT_JS_BUDGET);
    expect(asBrowser.zod).toBe(false);
  });

  it("the build's scripts are served precompressed: brotli to browsers that take it, gzip otherwise", async () => {
    const sizes = await Promise.all((await scriptsOf("/products/qinan-mitao")).map(async (src) => ({ src, bytes: (await rawGet(`${baseUrl()}${src}`, "identity")).body.length })));
    const { src } = sizes.sort((a, b) => b.bytes - a.bytes)[0];
    expect((await rawGet(`${baseUrl()}${src}`, "gzip, deflate, br")).encoding).toBe("br");
    expect((await rawGet(`${baseUrl()}${src}`, "gzip")).encoding).toBe("gzip");
  });

  it("a page without a form (home, hall) carries no zod; the cart, with its forms, does", async () => {
    expect((await weigh("/", "br")).zod).toBe(false);
    expect((await weigh("/halls/tianjin", "br")).zod).toBe(false);
    // the check above would pass vacuously if the marker were wrong
    expect((await weigh("/cart", "br")).zod).toBe(true);
  });
});
