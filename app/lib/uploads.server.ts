// Where uploaded files live (UPLOADS_DIR, default data/uploads, git-ignored) and how an upload
// request is read: the body is cut off at the route's limit before it is buffered, and each file
// part at its own limit, so a huge upload costs the server no more than the limit. The database
// keeps only a file's key; a type is read from the file's first bytes, never from its name.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { sniffFileType } from "~/lib/file-type";

export function uploadsDir() {
  return path.resolve(env().UPLOADS_DIR);
}

// Keys are made by the app (cuids, fixed names); anything else is refused before touching disk.
const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

function fileOf(key: string) {
  if (!KEY.test(key) || key.includes("..")) throw new Error(`bad storage key ${key}`);
  return path.join(uploadsDir(), key);
}

/** Writes to a temporary name first, so a reader never sees half a file. */
export async function storeFile(key: string, bytes: Uint8Array) {
  const file = fileOf(key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
}

/** The file's bytes, or null when there is none. */
export async function readStoredFile(key: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(fileOf(key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function storedFileExists(key: string): Promise<boolean> {
  try {
    return (await fs.stat(fileOf(key))).isFile();
  } catch {
    return false;
  }
}

/** Removes a file or a folder of files; a missing one is fine. */
export async function removeStored(key: string) {
  await fs.rm(fileOf(key), { recursive: true, force: true });
}

export class UploadTooLarge extends DomainError {
  constructor(message: string, field?: string) {
    super(message, { status: 413, field });
  }
}

/** A stream that errors once more than `limit` bytes have passed. */
function limited(body: ReadableStream<Uint8Array>, limit: number, message: string, field: string) {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new UploadTooLarge(message, field));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * Reads a multipart form with file fields. Refuses (413) a body above `maxBodyBytes`, whatever its
 * Content-Length says, and a file above `maxFileBytes` (the error names the field). Files come back
 * as File objects in the FormData, text fields as strings.
 */
export async function readUploadForm(
  request: Request,
  limits: { maxBodyBytes: number; maxFileBytes: number; fileMessage: string; /** where a too-large body is reported */ field: string },
): Promise<FormData> {
  const bodyMessage = `上传内容过大（上限 ${Math.round(limits.maxBodyBytes / 1024 / 1024)} MB）`;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limits.maxBodyBytes) throw new UploadTooLarge(bodyMessage, limits.field);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  if (!request.body) return new FormData();
  const capped = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limited(request.body, limits.maxBodyBytes, bodyMessage, limits.field),
    duplex: "half",
  } as RequestInit);
  let currentField = "";
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: limits.maxFileBytes });
  try {
    return await unstable_parseMultipartFormData(capped, (part) => {
      currentField = part.name;
      return memory(part);
    });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLarge(limits.fileMessage, currentField || limits.field);
    if (error instanceof UploadTooLarge) throw error;
    if (error instanceof DomainError) throw error;
    throw new DomainError("上传未完成，请重试", { field: limits.field });
  }
}

/** The non-empty files posted under `name`. */
export function filesOf(form: FormData, name: string): File[] {
  return form.getAll(name).filter((v): v is File => typeof v !== "string" && v.size > 0);
}

/** A private stored document as a response: never cached, never sniffed into something else. */
export async function storedDocumentResponse(key: string, type: string, filename: string): Promise<Response> {
  const bytes = await readStoredFile(key);
  if (!bytes) return new Response("文件不存在", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      // a PDF viewer may run scripts embedded in the file: keep them away from the store's origin
      "Content-Security-Policy": "sandbox",
    },
  });
}

// ───────────── Photos kept as sent, by a random key (after-sales) ─────────────

export type ImageType = "image/jpeg" | "image/png" | "image/webp";

const EXTENSIONS: Record<ImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** The image type the bytes really are (JPEG, PNG or WebP), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const type = sniffFileType(bytes);
  return type === "application/pdf" ? null : type;
}

// <folder>/<YYYY-MM>/<32 hex>.<ext>: what saveUpload makes, and all readUpload will open.
const RANDOM_KEY = /^[a-z0-9-]+\/\d{4}-\d{2}\/[0-9a-f]{32}\.(jpg|png|webp)$/;

/** Writes the bytes under `folder` and returns the key to store. */
export async function saveUpload(folder: string, bytes: Uint8Array, type: ImageType): Promise<string> {
  const month = new Date().toISOString().slice(0, 7);
  const key = `${folder}/${month}/${crypto.randomBytes(16).toString("hex")}.${EXTENSIONS[type]}`;
  await storeFile(key, bytes);
  return key;
}

/** The stored bytes, or null when the key is malformed or the file is gone. */
export async function readUpload(key: string): Promise<Buffer | null> {
  return RANDOM_KEY.test(key) ? readStoredFile(key) : null;
}

/** Best effort: used to clean up files whose database rows were never written. */
export async function deleteUploads(keys: string[]) {
  await Promise.all(keys.filter((k) => RANDOM_KEY.test(k)).map(removeStored));
}
