// What a hostile visitor gets from the production server: refusals before any work is done, headers
// on every response, sessions that end, throttles that hold. Requests are made with fetch where a
// browser could not make them (forged headers, huge bodies), with Chromium where it matters that a
// real page still works.
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, inject, it } from "vitest";
import { bombXlsx } from "../support/zip-bomb";
import { baseUrl, DEMO_PASSWORD, useBrowser } from "./browser";

const browser = useBrowser();
const url = (path: string) => `${baseUrl()}${path}`;

async function logInCookie(email: string, password = DEMO_PASSWORD) {
  const response = await fetch(url("/login"), { method: "POST", redirect: "manual", body: new URLSearchParams({ email, password, redirectTo: "/" }) });
  expect(response.status).toBe(302);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** A multipart upload, encoded up front so that sending it costs this process nothing but I/O. */
async function uploadRequest(path: string, cookie: string, name: string, bytes: Uint8Array, type: string) {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers = { Cookie: cookie, "Content-Type": encoded.headers.get("content-type")! };
  return () => fetch(url(path), { method: "POST", headers, body });
}

describe("cross-site requests", () => {
  it("a cross-origin document POST and a cross-site ?_data= POST are refused with 403 and a readable answer", async () => {
    const cookie = await logInCookie("approver@demo.longhuo.cn");
    const orders = await (await fetch(url("/org/orders?_data=routes/org.orders._index"), { headers: { Cookie: cookie } })).text();
    const number = /LH-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(orders)?.[0] ?? "LH-2612-AAAA-BBBB";
    const document = await fetch(url(`/org/orders/${number}`), {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example", Accept: "text/html" },
      body: new URLSearchParams({ intent: "approve" }),
    });
    expect(document.status).toBe(403);
    expect(await document.text()).toContain("这个请求来自其他网站");
    const data = await fetch(url(`/org/orders/${number}?_data=routes/org.orders.$number`), {
      method: "POST",
      headers: { Cookie: cookie, "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ intent: "approve" }),
    });
    expect(data.status).toBe(403);
    expect(data.headers.get("X-Remix-Catch")).toBe("yes");
    for (const [path, form] of [["/cart", { intent: "add", variantId: "x", quantity: "1" }], ["/logout", {}], ["/account", { intent: "logout-everywhere" }]] as const) {
      const response = await fetch(url(path), { method: "POST", headers: { Cookie: cookie, "Sec-Fetch-Site": "same-site", Origin: "https://shop.evil.example" }, body: new URLSearchParams(form) });
      expect(response.status, path).toBe(403);
    }
    // the session survived every one of them
    expect((await fetch(url("/account"), { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
  });

  it("forms keep working with JavaScript off (the browser's own Origin is ours)", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("consumer@demo.longhuo.cn");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto("/account");
    await page.getByRole("heading", { name: "我的账号" }).waitFor();
  });
});

describe("bounded input", () => {
  it("a body over its limit is refused with 413, on Content-Length and while streaming; JSON to an action is 415", async () => {
    const big = "q=" + "a".repeat(2 * 1024 * 1024);
    const declared = await fetch(url("/cart"), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" }, body: big });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("提交的内容超过 1 MB 的上限");
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("a".repeat(64 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(url("/cart"), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: chunks, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    const json = await fetch(url("/cart"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ intent: "add" }) });
    expect(json.status).toBe(415);
  });

  it("a zip bomb and an over-long CSV are refused, and the hall page answers meanwhile", async () => {
    const staff = await logInCookie("staff@demo.longhuo.cn");
    const visitor = await logInCookie("consumer@demo.longhuo.cn"); // a cookie: the page is rendered, not served from the page cache
    const bomb = await bombXlsx({ inflatedBytes: 400 * 1024 * 1024 });
    const liar = await bombXlsx({ inflatedBytes: 40 * 1024 * 1024, lie: true });
    const csv = new TextEncoder().encode(["农户编号,区县,乡镇,村,人口,合作社", ...Array.from({ length: 200_000 }, (_, i) => `${i},a,b,c,1,d`)].join("\n"));
    const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const sends = [
      await uploadRequest("/admin/households", staff, "bomb.xlsx", bomb, XLSX),
      await uploadRequest("/admin/households", staff, "liar.xlsx", liar, XLSX),
      await uploadRequest("/admin/households", staff, "long.csv", csv, "text/csv"),
    ];
    await (await fetch(url("/halls/tianjin"), { headers: { Cookie: visitor } })).text(); // warm
    let uploading = true;
    const uploads = Promise.all(sends.map((send) => send())).finally(() => (uploading = false));
    const hallTimes: number[] = [];
    do {
      const started = performance.now();
      const hall = await fetch(url("/halls/tianjin"), { headers: { Cookie: visitor } });
      await hall.text();
      expect(hall.status).toBe(200);
      hallTimes.push(performance.now() - started);
    } while (uploading);
    const [bombPage, liarPage, csvPage] = await Promise.all((await uploads).map((r) => r.text()));
    expect(bombPage).toContain("解压后超过");
    expect(liarPage).toContain("与声明不符");
    expect(csvPage).toContain("超过上限 5000 行");
    // The one timed check the issue asks for, with a generous bound. The median, not the slowest:
    // on a shared two-core machine one request can wait for the CPU on its own; with a parse on the
    // event loop (as before) every request made during it waited for the whole parse (15–21 s).
    expect(hallTimes.length).toBeGreaterThanOrEqual(5);
    const median = [...hallTimes].sort((a, b) => a - b)[Math.floor(hallTimes.length / 2)];
    expect(median).toBeLessThan(1000);
  });
});

describe("security headers", () => {
  it("every page carries a CSP whose nonce its inline scripts use, and no framing, sniffing or referrer leaks", async () => {
    for (const path of ["/", "/halls/tianjin", "/login"]) {
      for (let i = 0; i < 2; i++) {
        // twice: the second anonymous request comes from the page cache and must match its own nonce
        const response = await fetch(url(path));
        const csp = response.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, path).toBeTruthy();
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
        expect(scripts.length).toBeGreaterThan(0);
        expect(scripts.every((attrs) => attrs.includes(`nonce="${nonce}"`) || /\bsrc=/.test(attrs)), path).toBe(true);
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(response.headers.get("x-frame-options")).toBe("DENY");
        expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
        expect(response.headers.get("x-lht-csp-nonce")).toBeNull();
      }
    }
    const asset = await fetch(url("/favicon.svg"));
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("sessions and throttles", () => {
  const db = createClient({ url: inject("databaseUrl") });
  afterAll(async () => {
    // the spraying below counted against this machine's address: leave the other tests a clean slate
    await db.execute("DELETE FROM LoginAttempt");
    db.close();
  });

  it("a copied cookie is useless after log-out", async () => {
    const cookie = await logInCookie("buyer@demo.longhuo.cn");
    const copy = cookie;
    expect((await fetch(url("/account"), { headers: { Cookie: copy }, redirect: "manual" })).status).toBe(200);
    await fetch(url("/logout"), { method: "POST", headers: { Cookie: cookie }, redirect: "manual" });
    const after = await fetch(url("/account"), { headers: { Cookie: copy }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("a fresh X-Forwarded-For per guess does not escape the per-client limit (no TRUST_PROXY)", async () => {
    let refused = 0;
    for (let i = 0; i < 60 && refused === 0; i++) {
      const response = await fetch(url("/login"), {
        method: "POST",
        headers: { "X-Forwarded-For": `198.51.100.${i}` },
        body: new URLSearchParams({ email: `spray-${i}@example.test`, password: "123456" }),
      });
      if (response.status === 429) refused = i;
    }
    expect(refused).toBe(50);
  });
});
