// Repeats each attack of issue 11 against the production server on :3401 and prints what it gets.
import { execSync } from "node:child_process";
import { bombXlsx } from "/work/wt-11/tests/support/zip-bomb.ts";
const B = "http://localhost:3401";
const pid = Number(process.env.SERVER_PID);
const rss = () => Math.round(Number(execSync(`ps -o rss= -p ${pid}`).toString().trim()) / 1024);
const mode = process.env.MODE ?? "plain";
const out = (k: string, v: unknown) => console.log(`${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
async function login(email: string, xff?: string) {
  const r = await fetch(`${B}/login`, { method: "POST", redirect: "manual", headers: xff ? { "X-Forwarded-For": xff } : {}, body: new URLSearchParams({ email, password: "longhuo2026", redirectTo: "/" }) });
  return { status: r.status, cookie: r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}
async function timed<T>(f: () => Promise<T>) { const t = performance.now(); const v = await f(); return { v, ms: Math.round(performance.now() - t) }; }
async function uploadReq(cookie: string, name: string, bytes: Uint8Array, type: string) {
  const form = new FormData(); form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const enc = new Response(form); const body = new Uint8Array(await enc.arrayBuffer());
  return () => fetch(`${B}/admin/households`, { method: "POST", headers: { Cookie: cookie, "Content-Type": enc.headers.get("content-type")! }, body }).then((r) => r.text().then((t) => ({ status: r.status, t })));
}
const msg = (html: string) => (/(解压后[^<]{0,40}|压缩比异常[^<]{0,20}|与声明不符[^<]{0,20}|超过上限[^<]{0,30})/.exec(html)?.[1] ?? html.slice(0, 80));

if (mode === "plain") {
  // 1. 100 MB anonymous post to /cart
  const before = rss();
  const big = new Uint8Array(100 * 1024 * 1024).fill(97);
  const r1 = await timed(() => fetch(`${B}/cart`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: big }).then((r) => r.status));
  const chunked = new ReadableStream({ start(c) { for (let i = 0; i < 1600; i++) c.enqueue(big.subarray(0, 64 * 1024)); c.close(); } });
  const r1b = await timed(() => fetch(`${B}/cart`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: chunked, duplex: "half" } as RequestInit).then((r) => r.status).catch((e) => `error ${e.cause?.code ?? e.message}`));
  out("1 100MB POST /cart (Content-Length)", `${r1.v} in ${r1.ms} ms`);
  out("1 100MB POST /cart (chunked, no length)", `${r1b.v} in ${r1b.ms} ms`);
  out("1 server RSS before/after (MB)", `${before} → ${rss()}`);

  // 2/3. zip bomb and long CSV while the hall page is fetched
  const staff = await login("staff@demo.longhuo.cn");
  const visitor = await login("consumer@demo.longhuo.cn");
  const bomb = await bombXlsx({ inflatedBytes: 400 * 1024 * 1024 });
  const liar = await bombXlsx({ inflatedBytes: 200 * 1024 * 1024, lie: true });
  const csv = new TextEncoder().encode(["农户编号,区县,乡镇,村,人口,合作社", ...Array.from({ length: 200_000 }, (_, i) => `${i}`)].join("\n"));
  out("2 bomb size / liar size / csv size (KB)", [Math.round(bomb.length / 1024), Math.round(liar.length / 1024), Math.round(csv.length / 1024)]);
  const XL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const sendBomb = await uploadReq(staff.cookie, "bomb.xlsx", bomb, XL);
  const sendLiar = await uploadReq(staff.cookie, "liar.xlsx", liar, XL);
  const sendCsv = await uploadReq(staff.cookie, "long.csv", csv, "text/csv");
  for (const [name, send] of [["bomb", sendBomb], ["liar", sendLiar], ["csv", sendCsv]] as const) {
    const r = await timed(send);
    out(`2/3 ${name} upload alone`, `${r.v.status} in ${r.ms} ms: ${msg(r.v.t)}`);
  }
  const hall = async () => { const t = performance.now(); const r = await fetch(`${B}/halls/tianjin`, { headers: { Cookie: visitor.cookie } }); await r.text(); return performance.now() - t; };
  const p = (xs: number[], q: number) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]);
  async function hallLoad(ms: number, concurrency = 4) {
    const times: number[] = []; const end = Date.now() + ms;
    await Promise.all(Array.from({ length: concurrency }, async () => { while (Date.now() < end) times.push(await hall()); }));
    return times;
  }
  const baseline = await hallLoad(8000);
  out("2 hall page (rendered, 4 concurrent) no upload: n/p50/p99/max ms", [baseline.length, p(baseline, 0.5), p(baseline, 0.99), Math.round(Math.max(...baseline))]);
  let uploading = true; let uploads = 0;
  const uploader = (async () => { const end = Date.now() + 8000; while (Date.now() < end) { await Promise.all([sendBomb(), sendLiar(), sendCsv()]); uploads += 3; } uploading = false; })();
  const during = await hallLoad(8000);
  await uploader;
  out("2 hall page during back-to-back bomb+liar+CSV uploads: n/p50/p99/max ms", [during.length, p(during, 0.5), p(during, 0.99), Math.round(Math.max(...during)), `${uploads} uploads`]);
  out("2 server RSS after uploads (MB)", rss());

  // 4. cross-origin ?_data= POST approving an organisation's order
  const approver = await login("approver@demo.longhuo.cn");
  const list = await (await fetch(`${B}/org/orders?_data=routes/org.orders._index`, { headers: { Cookie: approver.cookie } })).text();
  const number = /LH-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(list)![0];
  const x = await fetch(`${B}/org/orders/${number}?_data=routes/org.orders.$number`, { method: "POST", headers: { Cookie: approver.cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, body: new URLSearchParams({ intent: "approve" }) });
  const xd = await fetch(`${B}/org/orders/${number}`, { method: "POST", headers: { Cookie: approver.cookie, Origin: "https://evil.example", Accept: "text/html" }, body: new URLSearchParams({ intent: "approve" }) });
  const still = await (await fetch(`${B}/org/orders/${number}?_data=routes/org.orders.$number`, { headers: { Cookie: approver.cookie } })).text();
  out("4 cross-site ?_data= approve / document approve", `${x.status} (${x.headers.get("x-remix-catch") ? "X-Remix-Catch" : "-"}) / ${xd.status}; order still ${/"status":"(\w+)"/.exec(still)?.[1]}`);

  // 5. copied cookie after logout
  const buyer = await login("buyer@demo.longhuo.cn");
  await fetch(`${B}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: buyer.cookie } });
  const copied = await fetch(`${B}/orders`, { redirect: "manual", headers: { Cookie: buyer.cookie } });
  out("5 copied cookie after log-out", `${copied.status} → ${copied.headers.get("location")}`);

  // 8. non-form requests
  const j = await fetch(`${B}/cart`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"intent":"add"}' });
  const consumer = await login("consumer@demo.longhuo.cn");
  const u = await fetch(`${B}/cart`, { method: "POST", headers: { Cookie: consumer.cookie }, body: new URLSearchParams({ intent: "explode" }) });
  const e2 = await fetch(`${B}/cart?_data=routes/cart`, { method: "POST", headers: { Cookie: consumer.cookie }, body: new URLSearchParams({ intent: "add", variantId: "x", quantity: "1e2" }) });
  const h16 = await fetch(`${B}/cart?_data=routes/cart`, { method: "POST", headers: { Cookie: consumer.cookie }, body: new URLSearchParams({ intent: "add", variantId: "x", quantity: "0x10" }) });
  out("8 JSON to /cart / unknown intent / quantity 1e2 / 0x10", [j.status, u.status, e2.status, (await e2.text()).slice(0, 80), h16.status]);

  // 7. spraying from one client with a fresh X-Forwarded-For each time (no TRUST_PROXY)
  let refusedAt = -1;
  for (let i = 0; i < 60 && refusedAt < 0; i++) {
    const r = await fetch(`${B}/login`, { method: "POST", headers: { "X-Forwarded-For": `198.51.100.${i}` }, body: new URLSearchParams({ email: `spray${i}@example.test`, password: "123456" }) });
    if (r.status === 429) refusedAt = i;
  }
  out("7 spraying 60 accounts, fresh X-Forwarded-For each (no TRUST_PROXY): first 429 at attempt #", refusedAt + 1);

  // 6 headers
  const hd = await fetch(`${B}/halls/tianjin`);
  out("6 headers", Object.fromEntries(["content-security-policy", "x-frame-options", "referrer-policy", "x-content-type-options", "strict-transport-security"].map((h) => [h, hd.headers.get(h)])));
}

if (mode === "proxy") {
  // 5'. owner locked out? five wrong passwords from client A, then the owner from client B (TRUST_PROXY=loopback)
  const wrong: number[] = [];
  for (let i = 0; i < 6; i++) wrong.push((await fetch(`${B}/login`, { method: "POST", headers: { "X-Forwarded-For": "203.0.113.66" }, body: new URLSearchParams({ email: "staff@demo.longhuo.cn", password: `guess${i}` }) })).status);
  const attackerRight = await login("staff@demo.longhuo.cn", "203.0.113.66");
  const owner = await login("staff@demo.longhuo.cn", "198.51.100.20");
  out("5 staff: 6 wrong passwords from A / right password from A / right password from B", [wrong.join(","), attackerRight.status, owner.status]);
  // gift codes: 500 wrong from one client, then another client
  let first429 = -1;
  const addr = { code: "", recipient: "刘洋", mobile: "13700137000", province: "山东省", city: "青岛市", district: "市北区", street: "辽宁路 88 号" };
  for (let i = 0; i < 500; i++) {
    const r = await fetch(`${B}/gift/redeem?_data=routes/gift.redeem`, { method: "POST", headers: { "X-Forwarded-For": "203.0.113.77" }, body: new URLSearchParams({ ...addr, code: `WRNG-CODE-XXXX-${String(i).padStart(4, "0")}` }) });
    if (r.status === 429 && first429 < 0) first429 = i + 1;
  }
  const other = await fetch(`${B}/gift/redeem?_data=routes/gift.redeem`, { method: "POST", headers: { "X-Forwarded-For": "198.51.100.30" }, body: new URLSearchParams({ ...addr, code: "ABCD-EFGH-JKMN-PQRS" }) });
  out("5 gift codes: 500 wrong from one client → first 429 at #; another client then gets", [first429, other.status, (await other.text()).slice(0, 60)]);
}
