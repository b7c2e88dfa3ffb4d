import type { LoaderFunctionArgs } from "@remix-run/node";
import { sitemapPaths } from "~/models/catalog/place.server";
import { publicOrigin } from "~/lib/public-origin.server";

function escapeXml(text: string) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every public hall, prefecture, county and product page, for search engines and partners. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const urls = (await sitemapPaths())
    .map((u) => `<url><loc>${escapeXml(origin + u.path)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`)
    .join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
