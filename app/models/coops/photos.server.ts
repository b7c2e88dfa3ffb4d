// A co-op's product photos: checked from their bytes, resized once into WebP and AVIF sizes,
// stored under UPLOADS_DIR/photos/<key>/, listed in order with alt text. Scoped by co-op like
// every listing read: another co-op's product is not found.
import crypto from "node:crypto";
import { prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { inspectImage, resizeImage, type ResizedImage } from "~/lib/images.server";
import { removeStored, storedFileExists, storeFile } from "~/lib/uploads.server";
import { recordAudit } from "~/models/audit/trail.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { ListingNotFound } from "~/models/coops/listing.server";
import { photoUrl } from "~/models/coops/photo-url";
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MAX_PHOTOS_PER_PRODUCT, PHOTO_WIDTHS } from "~/models/coops/photos.schema";

export class PhotoError extends DomainError {
  constructor(message: string) {
    super(message, { field: "photos" });
  }
}

export interface IncomingPhoto {
  name: string;
  bytes: Uint8Array;
}

/** The fallback src: the 640 size when there is one, else the largest. */
function fallbackWidth(widths: number[]) {
  return widths.includes(640) ? 640 : Math.max(...widths);
}

interface Prepared {
  storageKey: string;
  alt: string;
  widths: number[];
  width: number;
  height: number;
  sizes: ResizedImage[];
}

/**
 * Checks every file before anything is kept: type from the bytes (a renamed text file or a PDF is
 * refused), size, pixel count, and a full decode (a file that only starts like an image fails
 * here). Every problem is reported, by file, in one message.
 */
export async function preparePhotos(files: IncomingPhoto[], alts: string[]): Promise<Prepared[]> {
  const problems: string[] = [];
  const prepared: Prepared[] = [];
  for (const [i, file] of files.entries()) {
    const label = `第 ${i + 1} 张（${file.name || "未命名"}）`;
    if (file.bytes.byteLength > MAX_PHOTO_BYTES) {
      problems.push(`${label}超过 10 MB`);
      continue;
    }
    const inspected = await inspectImage(file.bytes, MAX_PHOTO_PIXELS);
    if (inspected === "type") {
      problems.push(`${label}不是 JPEG、PNG 或 WebP 图片`);
      continue;
    }
    if (inspected === "pixels") {
      problems.push(`${label}像素过多（上限 4000 万像素）`);
      continue;
    }
    if (inspected === "broken") {
      problems.push(`${label}无法读取，文件可能已损坏或不是真正的图片`);
      continue;
    }
    try {
      const resized = await resizeImage(file.bytes, PHOTO_WIDTHS, MAX_PHOTO_PIXELS);
      prepared.push({
        storageKey: crypto.randomBytes(12).toString("hex"),
        alt: alts[i]?.trim() || "",
        widths: [...new Set(resized.sizes.map((s) => s.width))],
        width: resized.width,
        height: resized.height,
        sizes: resized.sizes,
      });
    } catch {
      problems.push(`${label}无法读取，文件可能已损坏或不是真正的图片`);
    }
  }
  if (problems.length) throw new PhotoError(`${problems.join("；")}。没有保存任何图片，请换用正确的图片后重新上传。`);
  return prepared;
}

async function writeSizes(photos: Prepared[]) {
  for (const p of photos) {
    for (const size of p.sizes) await storeFile(`photos/${p.storageKey}/${size.width}.${size.format}`, size.bytes);
  }
}

/**
 * Adds photos after the product's existing ones. Files are written first and the rows after, in one
 * transaction; if the rows fail the files are removed again, so nothing is half-saved.
 */
export async function addPhotos(input: { coopId: string | null; productId: string; files: IncomingPhoto[]; alts: string[]; actorId: string | null; defaultAlt: string }) {
  const product = await prisma.product.findFirst({
    where: { id: input.productId, ...(input.coopId ? { coopId: input.coopId } : {}) },
    select: { id: true, coopId: true, _count: { select: { images: true } } },
  });
  if (!product) throw new ListingNotFound();
  if (input.files.length === 0) throw new PhotoError("请选择要上传的图片");
  if (product._count.images + input.files.length > MAX_PHOTOS_PER_PRODUCT) {
    throw new PhotoError(`每件商品最多 ${MAX_PHOTOS_PER_PRODUCT} 张图片，现有 ${product._count.images} 张，还能上传 ${Math.max(0, MAX_PHOTOS_PER_PRODUCT - product._count.images)} 张`);
  }
  const photos = await preparePhotos(input.files, input.alts);
  await writeSizes(photos);
  try {
    await prisma.$transaction(async (tx) => {
      const last = await tx.productImage.aggregate({ where: { productId: product.id }, _max: { position: true } });
      let position = (last._max.position ?? -1) + 1;
      for (const p of photos) {
        const alt = p.alt || `${input.defaultAlt} 图${position + 1}`;
        await tx.productImage.create({
          data: {
            productId: product.id,
            storageKey: p.storageKey,
            url: photoUrl(p.storageKey, fallbackWidth(p.widths), "webp"),
            alt,
            position,
            widths: p.widths.join(","),
            width: p.width,
            height: p.height,
          },
        });
        await recordAudit(tx, { kind: "PHOTO", actorId: input.actorId, coopId: product.coopId, productId: product.id, before: null, after: alt });
        position += 1;
      }
      const total = await tx.productImage.count({ where: { productId: product.id } });
      // two uploads racing past the limit: the later one rolls back
      if (total > MAX_PHOTOS_PER_PRODUCT) throw new PhotoError(`每件商品最多 ${MAX_PHOTOS_PER_PRODUCT} 张图片`);
      await refreshProductDerived(tx, product.id);
    });
  } catch (error) {
    for (const p of photos) await removeStored(`photos/${p.storageKey}`);
    throw error;
  }
  return photos.length;
}

/** A product's photos in order, for its editor. */
export async function productPhotos(productId: string) {
  return prisma.productImage.findMany({
    where: { productId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, url: true, alt: true, position: true, storageKey: true, widths: true, width: true, height: true },
  });
}

async function ownPhoto(coopId: string, photoId: string) {
  const photo = await prisma.productImage.findFirst({
    where: { id: photoId, product: { coopId } },
    select: { id: true, productId: true, alt: true, storageKey: true, position: true },
  });
  if (!photo) throw new ListingNotFound();
  return photo;
}

export async function setPhotoAlt(coopId: string, photoId: string, alt: string) {
  const photo = await ownPhoto(coopId, photoId);
  await prisma.$transaction(async (tx) => {
    await tx.productImage.update({ where: { id: photo.id }, data: { alt } });
    await refreshProductDerived(tx, photo.productId);
  });
}

/** Swaps a photo with its neighbour; the first photo is the one listings show. */
export async function movePhoto(coopId: string, photoId: string, direction: "up" | "down") {
  const photo = await ownPhoto(coopId, photoId);
  await prisma.$transaction(async (tx) => {
    const all = await tx.productImage.findMany({ where: { productId: photo.productId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true } });
    const at = all.findIndex((p) => p.id === photo.id);
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= all.length) return;
    [all[at], all[to]] = [all[to], all[at]];
    for (const [position, p] of all.entries()) await tx.productImage.update({ where: { id: p.id }, data: { position } });
    await refreshProductDerived(tx, photo.productId);
  });
}

export async function deletePhoto(coopId: string, photoId: string, actorId: string) {
  const photo = await ownPhoto(coopId, photoId);
  await prisma.$transaction(async (tx) => {
    await tx.productImage.delete({ where: { id: photo.id } });
    await recordAudit(tx, { kind: "PHOTO", actorId, coopId, productId: photo.productId, before: photo.alt, after: null });
    await refreshProductDerived(tx, photo.productId);
  });
  // the files go after the row: a page rendered meanwhile may still point at them
  if (photo.storageKey) await removeStored(`photos/${photo.storageKey}`);
}

/** The widths an image of this width is stored in (never upscaled). */
export function storedWidths(width: number) {
  const fitting = PHOTO_WIDTHS.filter((w) => w <= width);
  return fitting.length ? [...fitting] : [width];
}

/**
 * For the demo data: makes the product's photos exactly these, with fixed storage keys, through the
 * same checks and sizes as an upload. A picture whose files are already stored is not drawn or
 * resized again, so re-running the seed is quick.
 */
export async function ensureDemoPhotos(productId: string, pictures: { storageKey: string; alt: string; width: number; height: number; draw: () => Promise<Uint8Array> }[]) {
  const rows: { storageKey: string; alt: string; widths: number[]; width: number; height: number }[] = [];
  for (const p of pictures) {
    const widths = storedWidths(p.width);
    const stored = await Promise.all(widths.flatMap((w) => (["webp", "avif"] as const).map((f) => storedFileExists(`photos/${p.storageKey}/${w}.${f}`))));
    if (!stored.every(Boolean)) {
      const [prepared] = await preparePhotos([{ name: `${p.storageKey}.png`, bytes: await p.draw() }], [p.alt]);
      await writeSizes([{ ...prepared, storageKey: p.storageKey }]);
    }
    const largest = Math.max(...widths);
    rows.push({ storageKey: p.storageKey, alt: p.alt, widths, width: largest, height: Math.round((p.height * largest) / p.width) });
  }
  await prisma.$transaction(async (tx) => {
    await tx.productImage.deleteMany({ where: { productId } });
    for (const [position, r] of rows.entries()) {
      await tx.productImage.create({
        data: { productId, storageKey: r.storageKey, url: photoUrl(r.storageKey, fallbackWidth(r.widths), "webp"), alt: r.alt, position, widths: r.widths.join(","), width: r.width, height: r.height },
      });
    }
    await refreshProductDerived(tx, productId);
  });
}
