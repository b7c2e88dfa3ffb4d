import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

// Uploaded photos, kept as sent (no re-encoding) under UPLOADS_DIR/<folder>/. The type is read
// from the bytes, never from the name or the browser's claim, and the stored name is random, so an
// upload can neither pick its path nor pass for a script.

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const TYPES = [
  { ext: "jpg", mime: "image/jpeg", test: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: "png", mime: "image/png", test: (b: Uint8Array) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  {
    ext: "webp",
    mime: "image/webp",
    test: (b: Uint8Array) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  },
] as const;

export class PhotoError extends DomainError {}

export function photoType(bytes: Uint8Array) {
  return TYPES.find((t) => bytes.length > 12 && t.test(bytes)) ?? null;
}

/** Checks every photo first: one bad file stores none. `field` names where the message goes. */
export function checkPhotos(photos: { name: string; bytes: Uint8Array }[], field: string) {
  for (const p of photos) {
    if (p.bytes.length > MAX_PHOTO_BYTES) throw new PhotoError(`「${p.name}」超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`, { field });
    if (!photoType(p.bytes)) throw new PhotoError(`「${p.name}」不是 JPEG、PNG 或 WebP 图片`, { field });
  }
}

function dir(folder: string) {
  return path.resolve(env().UPLOADS_DIR, folder);
}

/** Writes checked photos; returns their stored names. */
export async function savePhotos(folder: string, photos: Uint8Array[]): Promise<string[]> {
  await fs.mkdir(dir(folder), { recursive: true });
  const names: string[] = [];
  for (const bytes of photos) {
    const type = photoType(bytes);
    if (!type) throw new PhotoError("不是图片");
    const name = `${crypto.randomBytes(12).toString("hex")}.${type.ext}`;
    await fs.writeFile(path.join(dir(folder), name), bytes, { flag: "wx" });
    names.push(name);
  }
  return names;
}

export async function removePhotos(folder: string, names: string[]) {
  await Promise.all(names.map((n) => fs.rm(path.join(dir(folder), n), { force: true })));
}

/** A stored photo's bytes and type, or null (a name we did not make is never looked up). */
export async function readPhoto(folder: string, name: string) {
  if (!/^[0-9a-f]{24}\.(jpg|png|webp)$/.test(name)) return null;
  try {
    const bytes = await fs.readFile(path.join(dir(folder), name));
    const type = photoType(bytes);
    return type ? { bytes, mime: type.mime } : null;
  } catch {
    return null;
  }
}
