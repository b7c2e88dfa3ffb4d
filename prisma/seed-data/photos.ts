// Demo product photos: a raster picture drawn per product (its category's motif, its name in
// Source Han Sans, which the PDFs already ship), so hall pages show real photos with srcset without
// binary files in git. They go through the same checks and resizing as an uploaded photo.
import crypto from "node:crypto";
import { createRequire } from "node:module";
import sharp from "sharp";

const require = createRequire(import.meta.url);
const FONT = require.resolve("node-source-han-sans-sc/SourceHanSansSC-Bold.otf");

export const DEMO_PHOTO_WIDTH = 960;
export const DEMO_PHOTO_HEIGHT = 720;

const PALETTES: Record<string, [string, string, string]> = {
  fruit: ["#fef3c7", "#f59e0b", "#dc2626"],
  "grain-oil": ["#fef9c3", "#ca8a04", "#a16207"],
  "veg-fungi": ["#dcfce7", "#16a34a", "#78350f"],
  "meat-egg": ["#ffe4e6", "#e11d48", "#fde68a"],
  dairy: ["#f0f9ff", "#38bdf8", "#fffbeb"],
  herbs: ["#ecfccb", "#65a30d", "#92400e"],
  seasoning: ["#fee2e2", "#b91c1c", "#f97316"],
  "tea-drink": ["#f0fdf4", "#15803d", "#854d0e"],
  nuts: ["#fef3c7", "#92400e", "#d97706"],
  noodles: ["#fafaf9", "#a8a29e", "#f5f5f4"],
  handicraft: ["#ede9fe", "#7c3aed", "#f59e0b"],
  "gift-box": ["#fee2e2", "#dc2626", "#facc15"],
};

/** The category's motif: round fruit, grains, a jar, a box… all from simple shapes. */
function motif(category: string, c: [string, string, string], n: number) {
  const [, main, accent] = c;
  const cx = 480 + (n % 2 ? 60 : -60);
  switch (category) {
    case "fruit":
    case "nuts":
      return `<circle cx="${cx}" cy="320" r="190" fill="${accent}"/><circle cx="${cx - 70}" cy="250" r="50" fill="#fff" opacity="0.35"/><path d="M${cx} 135 q40 -80 110 -60 q-40 70 -110 60z" fill="#15803d"/>`;
    case "grain-oil":
    case "noodles":
      return Array.from({ length: 30 }, (_, i) => `<ellipse cx="${260 + (i % 6) * 90}" cy="${170 + Math.floor(i / 6) * 70}" rx="30" ry="16" fill="${i % 3 ? main : accent}" transform="rotate(${(i * 37) % 60 - 30} ${260 + (i % 6) * 90} ${170 + Math.floor(i / 6) * 70})"/>`).join("");
    case "gift-box":
    case "handicraft":
      return `<rect x="280" y="170" width="400" height="300" rx="16" fill="${main}"/><rect x="455" y="170" width="50" height="300" fill="${accent}"/><rect x="280" y="295" width="400" height="50" fill="${accent}"/><circle cx="480" cy="160" r="40" fill="${accent}"/>`;
    case "dairy":
    case "seasoning":
    case "tea-drink":
      return `<rect x="360" y="170" width="240" height="320" rx="30" fill="${main}"/><rect x="380" y="130" width="200" height="60" rx="12" fill="${accent}" stroke="${main}" stroke-width="6"/><rect x="390" y="280" width="180" height="110" rx="8" fill="#fff" opacity="0.8"/>`;
    default:
      return `<path d="M${cx - 200} 460 q200 -420 400 0z" fill="${main}"/><circle cx="${cx}" cy="250" r="70" fill="${accent}" opacity="0.8"/>`;
  }
}

export async function drawDemoPhoto(product: { name: string; category: string; county: string }, n: number): Promise<Uint8Array> {
  const c = PALETTES[product.category] ?? PALETTES.fruit;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${DEMO_PHOTO_WIDTH}" height="${DEMO_PHOTO_HEIGHT}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c[0]}"/><stop offset="1" stop-color="${n % 2 ? c[2] : c[1]}" stop-opacity="0.55"/></linearGradient></defs>
<rect width="${DEMO_PHOTO_WIDTH}" height="${DEMO_PHOTO_HEIGHT}" fill="url(#g)"/>${motif(product.category, c, n)}</svg>`;
  const name = product.name.length > 12 ? `${product.name.slice(0, 12)}…` : product.name;
  const escape = (t: string) => t.replace(/[<>&]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const label = await sharp({
    text: { text: `<span foreground="#292524">${escape(name)}</span>\n<span foreground="#57534e" size="small">${escape(product.county)}</span>`, fontfile: FONT, font: "Source Han Sans SC Bold 36", rgba: true, dpi: 150, align: "centre", width: DEMO_PHOTO_WIDTH - 60, wrap: "char" },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.round((DEMO_PHOTO_WIDTH - label.info.width) / 2));
  return sharp(Buffer.from(svg))
    .composite([{ input: label.data, top: Math.min(DEMO_PHOTO_HEIGHT - label.info.height, 540), left }])
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Fixed per product and picture (and drawing version), so a re-run finds the files it stored. */
export function demoPhotoKey(slug: string, n: number) {
  return crypto.createHash("sha256").update(`demo-photo-v1:${slug}:${n}`).digest("hex").slice(0, 24);
}
