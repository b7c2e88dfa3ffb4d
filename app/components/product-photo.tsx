import { photoUrl } from "~/models/coops/photo-url";

export interface PhotoData {
  url: string;
  alt: string;
  storageKey?: string | null;
  widths?: string;
  width?: number;
  height?: number;
}

/**
 * An uploaded photo as a <picture>: AVIF where the browser takes it, WebP otherwise, each in the
 * stored widths so a phone downloads the 320 or 640 size and a desktop the 1280 one. Photos
 * without stored sizes (older rows) fall back to their single url.
 */
export function ProductPhoto({
  image,
  sizes,
  className,
  loading = "lazy",
  alt,
}: {
  image: PhotoData;
  sizes: string;
  className?: string;
  loading?: "lazy" | "eager";
  alt?: string;
}) {
  const widths = image.storageKey && image.widths ? image.widths.split(",").map(Number).filter(Boolean) : [];
  const common = { alt: alt ?? image.alt, loading, decoding: "async" as const, className, width: image.width || 400, height: image.height || 300 };
  if (!image.storageKey || widths.length === 0) return <img src={image.url} {...common} />;
  const set = (format: "webp" | "avif") => widths.map((w) => `${photoUrl(image.storageKey!, w, format)} ${w}w`).join(", ");
  return (
    <picture>
      <source type="image/avif" srcSet={set("avif")} sizes={sizes} />
      <img src={image.url} srcSet={set("webp")} sizes={sizes} {...common} />
    </picture>
  );
}
