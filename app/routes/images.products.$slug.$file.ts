import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/db.server";

// Demo pictures drawn from the product's own facts, so the store looks complete with no
// network and no binary assets in git. Real photos would be uploaded files served from public/.
const PALETTES = [
  ["#fde68a", "#b45309"],
  ["#bbf7d0", "#15803d"],
  ["#fecaca", "#b91c1c"],
  ["#ddd6fe", "#6d28d9"],
  ["#bae6fd", "#0369a1"],
  ["#fed7aa", "#c2410c"],
];

function escapeXml(text: string) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^(\d{1,2})\.svg$/.exec(params.file ?? "");
  if (!match) throw new Response("Not Found", { status: 404 });
  const product = await prisma.product.findUnique({
    where: { slug: params.slug ?? "" },
    select: { name: true, county: { select: { name: true } }, category: { select: { name: true, position: true } } },
  });
  if (!product) throw new Response("Not Found", { status: 404 });
  const n = Number(match[1]);
  const [bg, fg] = PALETTES[(product.category.position + n) % PALETTES.length];
  const title = escapeXml(product.name.length > 10 ? `${product.name.slice(0, 10)}…` : product.name);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">
<rect width="400" height="300" fill="${bg}"/>
<circle cx="${320 - n * 40}" cy="${70 + n * 20}" r="${60 + n * 10}" fill="${fg}" opacity="0.15"/>
<text x="200" y="150" font-size="30" text-anchor="middle" fill="${fg}" font-family="sans-serif" font-weight="bold">${title}</text>
<text x="200" y="195" font-size="18" text-anchor="middle" fill="${fg}" font-family="sans-serif">${escapeXml(product.county.name)} · ${escapeXml(product.category.name)}</text>
</svg>`;
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
