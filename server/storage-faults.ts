// Storage faults end cleanly: when the database is locked past the busy timeout, read-only, full or
// failing, a request is answered 503 with Retry-After — and a form that was being sent is not lost.
// Every route's loader and action of the built app is wrapped once at start-up (one place, no route
// has to remember it):
// - an action (a form sent) answers 503 with `{ error, errors: { form }, values }`, the shape every
//   form here reads, so with JavaScript the page stays as it was with what was typed; a document
//   POST (JavaScript off) gets a page of its own that sends the very same fields again on one click;
// - a loader answers 503 through the route's error boundary.
import type { ServerBuild } from "@remix-run/node";
import { isStorageFault } from "../app/lib/storage-fault";

export const RETRY_AFTER_SECONDS = 5;
const MESSAGE = "系统繁忙，您的提交暂未保存。请稍候几秒再提交一次，填写的内容已为您保留。";
/** Header the server sets on every request it hands to Remix (any client value is replaced). */
export const REQUEST_ID_HEADER = "x-lht-request";

interface Fault {
  values: [string, string][];
}
const faults = new Map<string, Fault>();

/** The fault an action of this request ran into, if any (and forgets it). */
export function takeFault(requestId: string): Fault | undefined {
  const fault = faults.get(requestId);
  faults.delete(requestId);
  return fault;
}

type Handler = (args: { request: Request }) => Promise<unknown>;

async function formValues(request: Request | null): Promise<[string, string][]> {
  if (!request) return [];
  try {
    const form = await request.formData();
    // Files cannot be kept; passwords are never written back into a page.
    return [...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string" && !/password/i.test(e[0]));
  } catch {
    return [];
  }
}

/** Forms worth keeping a copy of: typed fields (an upload's copy would double its memory). */
function isForm(request: Request) {
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? Infinity);
  return type.includes("application/x-www-form-urlencoded") || (type.includes("multipart/form-data") && length <= 1024 * 1024);
}

function wrapAction(action: Handler): Handler {
  return async (args) => {
    const copy = isForm(args.request) && !args.request.bodyUsed ? args.request.clone() : null;
    try {
      return await action(args);
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      console.error(`[storage] ${args.request.method} ${new URL(args.request.url).pathname}: ${String((error as Error).message).split("\n").filter(Boolean).pop()}`);
      const values = await formValues(copy);
      const id = args.request.headers.get(REQUEST_ID_HEADER);
      if (id) faults.set(id, { values });
      return new Response(JSON.stringify({ error: MESSAGE, errors: { form: MESSAGE }, values: Object.fromEntries(values), storageFault: true }), {
        status: 503,
        headers: { "Content-Type": "application/json; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS) },
      });
    }
  };
}

function wrapLoader(loader: Handler): Handler {
  return async (args) => {
    try {
      return await loader(args);
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      console.error(`[storage] GET ${new URL(args.request.url).pathname}: ${String((error as Error).message).split("\n").filter(Boolean).pop()}`);
      throw new Response("系统繁忙，请稍候几秒再刷新页面。", { status: 503, statusText: "Service Unavailable", headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
    }
  };
}

/** The build with every loader and action answering storage faults with 503. */
export function guardStorageFaults(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module } as Record<string, unknown>;
    if (typeof module.action === "function") module.action = wrapAction(module.action as Handler);
    if (typeof module.loader === "function") module.loader = wrapLoader(module.loader as Handler);
    routes[id] = { ...route, module: module as unknown as typeof route.module };
  }
  return { ...build, routes };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a document POST gets (JavaScript off): what was typed, sent again by one button. */
export function faultPage(action: string, values: [string, string][]): string {
  const hidden = values.map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join("");
  const shown = values
    .filter(([k]) => !/^(_|clientRequestId|intent$|redirectTo$|csrf)/i.test(k) && k.length < 40)
    .map(([k, v]) => `<li><span>${escape(k)}</span>：${escape(v.length > 200 ? `${v.slice(0, 200)}…` : v)}</li>`)
    .join("");
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>系统繁忙 · 陇货通</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1c1917}
button{background:#b45309;color:#fff;border:0;border-radius:.375rem;padding:.6rem 1.2rem;font-size:1rem}ul{font-size:.875rem;color:#57534e}</style></head>
<body><h1>系统繁忙</h1><p role="alert">${escape(MESSAGE)}</p>
<form method="post" action="${escape(action)}">${hidden}<button type="submit">再提交一次</button></form>
${shown ? `<p>您填写的内容：</p><ul>${shown}</ul>` : ""}<p><a href="/">返回首页</a></p></body></html>`;
}
