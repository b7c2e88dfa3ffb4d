import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

// How the server refuses a request before the app sees it (cross-site, too large, not a form):
// a short readable page for a browser, and for Remix's own `?_data=` fetches an answer its client
// shows in the route's error boundary with the real status (X-Remix-Catch), never a bare 500.

const TITLES: Record<number, string> = { 403: "请求被拒绝", 413: "提交的内容过大", 415: "无法处理的提交格式" };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function refuse(req: ExpressRequest, res: ExpressResponse, status: 403 | 413 | 415, message: string, options: { draining?: boolean } = {}) {
  if (res.headersSent) return;
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  // The body may still be arriving; reading it would be the work the refusal saves. Unless the
  // caller is already discarding it (a body that outgrew its limit mid-stream): closing then would
  // reset the connection under a client still sending, which sees a broken pipe instead of the 413.
  if (req.method !== "GET" && req.method !== "HEAD" && !options.draining) res.setHeader("Connection", "close");
  if ("_data" in req.query) {
    res.setHeader("X-Remix-Catch", "yes");
    res.type("text/plain; charset=utf-8").send(message);
    return;
  }
  if (!req.accepts("html")) {
    res.type("text/plain; charset=utf-8").send(message);
    return;
  }
  const title = TITLES[status] ?? "请求被拒绝";
  res.type("html").send(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · 陇货通</title></head>
<body style="margin:0;font-family:system-ui,sans-serif;background:#fafaf9;color:#1c1917">
<main style="max-width:36rem;margin:4rem auto;padding:0 1rem;text-align:center">
<p style="font-size:3rem;font-weight:700;color:#b45309;margin:0">${status}</p>
<h1 style="font-size:1.5rem;margin:1rem 0 0.5rem">${title}</h1>
<p style="color:#57534e">${escape(message)}</p>
<p style="margin-top:1.5rem"><a href="/" style="color:#b45309">返回首页</a></p>
</main></body></html>`);
}
