// Files people upload (after-sales photos; product photos will share it), stored under UPLOADS_DIR
// (git-ignored, default data/uploads) by a random key. The database keeps only the key. The type
// is read from the file's first bytes, never from its name or the browser's Content-Type.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/env.server";

export type ImageType = "image/jpeg" | "image/png" | "image/webp";

const EXTENSIONS: Record<ImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** The image type the bytes really are (JPEG, PNG or WebP), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

const KEY = /^[a-z0-9-]+\/\d{4}-\d{2}\/[0-9a-f]{32}\.(jpg|png|webp)$/;

function root() {
  return path.resolve(env().UPLOADS_DIR);
}

/** Writes the bytes under `folder` and returns the key to store. */
export async function saveUpload(folder: string, bytes: Uint8Array, type: ImageType): Promise<string> {
  const month = new Date().toISOString().slice(0, 7);
  const key = `${folder}/${month}/${crypto.randomBytes(16).toString("hex")}.${EXTENSIONS[type]}`;
  const file = path.join(root(), key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes, { flag: "wx" });
  return key;
}

/** The stored bytes, or null when the key is malformed or the file is gone. */
export async function readUpload(key: string): Promise<Buffer | null> {
  if (!KEY.test(key)) return null;
  try {
    return await fs.readFile(path.join(root(), key));
  } catch {
    return null;
  }
}

/** Best effort: used to clean up files whose database rows were never written. */
export async function deleteUploads(keys: string[]) {
  await Promise.all(keys.filter((k) => KEY.test(k)).map((k) => fs.rm(path.join(root(), k), { force: true })));
}
