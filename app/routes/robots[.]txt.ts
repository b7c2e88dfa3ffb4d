import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/public-origin.server";

export function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const body = ["User-agent: *", "Disallow: /admin", "Disallow: /search", "Allow: /", `Sitemap: ${origin}/sitemap.xml`, ""].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
