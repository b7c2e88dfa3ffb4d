import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDevPages } from "~/lib/dev-only.server";
import { devMessageHtml } from "~/models/messages/message-log.server";

// Development only: one e-mail's HTML as the recipient's mail client would show it.
export async function loader({ params }: LoaderFunctionArgs) {
  requireDevPages();
  const html = await devMessageHtml(params.id ?? "");
  if (!html) throw new Response("没有这封邮件", { status: 404 });
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
