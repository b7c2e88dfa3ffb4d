import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

// Files people upload (invoice PDFs, certificate scans, after-sales photos), kept under UPLOADS_DIR
// (default data/uploads, git-ignored) with a random name; the database keeps only that name. What a
// file is comes from its first bytes, never from its name or the browser's claim.

export type FileKind = "pdf" | "jpeg" | "png" | "webp";

const CONTENT_TYPES: Record<FileKind, string> = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };

/** The kind of file the bytes are, or null. */
export function sniffFileKind(bytes: Uint8Array): FileKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "webp";
  return null;
}

export type ImageType = "image/jpeg" | "image/png" | "image/webp";

/** The image type the bytes really are (JPEG, PNG or WebP), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const kind = sniffFileKind(bytes);
  return kind && kind !== "pdf" ? (CONTENT_TYPES[kind] as ImageType) : null;
}

export class UploadError extends DomainError {}

/** Checks an upload's size and kind; `field` is where the message goes on the form. */
export function checkUpload(bytes: Uint8Array, options: { kinds: FileKind[]; maxBytes: number; field: string; label: string }): FileKind {
  if (bytes.length === 0) throw new UploadError(`请选择${options.label}`, { field: options.field });
  if (bytes.length > options.maxBytes) throw new UploadError(`${options.label}不能超过 ${Math.round(options.maxBytes / 1024 / 1024)} MB`, { field: options.field, status: 413 });
  const kind = sniffFileKind(bytes);
  if (!kind || !options.kinds.includes(kind)) {
    const names = options.kinds.map((k) => k.toUpperCase()).join(" / ");
    throw new UploadError(`${options.label}应为 ${names} 文件（按文件内容判断，改扩展名无效）`, { field: options.field });
  }
  return kind;
}

function uploadsDir() {
  return path.resolve(env().UPLOADS_DIR);
}

const EXTENSIONS: Record<FileKind, string> = { pdf: "pdf", jpeg: "jpg", png: "png", webp: "webp" };
// "folder/name.ext" or, for photos kept by month, "folder/YYYY-MM/name.ext"
const KEY = /^[a-z-]+\/(\d{4}-\d{2}\/)?[0-9a-f]{32}\.(pdf|jpg|png|webp)$/;

/** Stores checked bytes under a random name in `folder` and returns "folder/name.ext". */
export async function storeUpload(folder: string, bytes: Uint8Array, kind: FileKind): Promise<string> {
  const name = `${folder}/${crypto.randomBytes(16).toString("hex")}.${EXTENSIONS[kind]}`;
  const file = path.join(uploadsDir(), name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return name;
}

/** The bytes and content type of a stored upload (the caller has already checked who may see it). */
export async function readUpload(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!KEY.test(name)) return null;
  try {
    const bytes = await fs.readFile(path.join(uploadsDir(), name));
    const kind = sniffFileKind(bytes);
    return kind ? { bytes, contentType: CONTENT_TYPES[kind] } : null;
  } catch {
    return null;
  }
}

/** Removes a stored upload whose database write failed, so no orphan file is left. */
export async function discardUpload(name: string) {
  await deleteUploads([name]);
}

/** Writes an image under `folder`, in a folder of its month, and returns the key to store. */
export async function saveUpload(folder: string, bytes: Uint8Array, type: ImageType): Promise<string> {
  const month = new Date().toISOString().slice(0, 7);
  const kind = (Object.keys(CONTENT_TYPES) as FileKind[]).find((k) => CONTENT_TYPES[k] === type)!;
  const key = `${folder}/${month}/${crypto.randomBytes(16).toString("hex")}.${EXTENSIONS[kind]}`;
  const file = path.join(uploadsDir(), key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes, { flag: "wx" });
  return key;
}

/** Best effort: used to clean up files whose database rows were never written. */
export async function deleteUploads(keys: string[]) {
  await Promise.all(keys.filter((k) => KEY.test(k)).map((k) => fs.rm(path.join(uploadsDir(), k), { force: true })));
}

/**
 * A posted form, multipart or not. Each file part is cut off at `maxFileBytes` (tooLarge is then
 * true and the form empty), so a huge upload costs no more memory than the limit.
 */
export async function readPostedForm(request: Request, maxFileBytes: number): Promise<{ form: FormData; tooLarge: boolean }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return { form: await request.formData(), tooLarge: false };
  try {
    return { form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxFileBytes })), tooLarge: false };
  } catch {
    return { form: new FormData(), tooLarge: true };
  }
}

/** The bytes of the file posted under `name` (empty when none was chosen). */
export async function postedFile(form: FormData, name: string): Promise<Uint8Array> {
  const file = form.get(name);
  return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
}
