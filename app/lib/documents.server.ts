// Scanned documents people upload (a business licence, a product certificate): an image or a PDF,
// told apart by their bytes. Images are re-encoded, which drops their EXIF (a phone photo of a
// licence carries where it was taken) and anything hidden after the picture; PDFs are kept as sent.
import type { z } from "zod";
import { DomainError } from "~/lib/errors";
import { formValues, parseForm } from "~/lib/forms.server";
import { sniffFileType } from "~/lib/file-type";
import { cleanDocumentImage, inspectImage } from "~/lib/images.server";
import { FILE_MAX_BYTES } from "~/lib/upload-limits";
import { filesOf, readUploadForm } from "~/lib/uploads.server";

const MAX_DOCUMENT_PIXELS = 40_000_000;

export interface CheckedDocument {
  bytes: Uint8Array;
  type: "image/jpeg" | "application/pdf";
  extension: "jpg" | "pdf";
}

/** Checks one uploaded document; a problem is a 400 beside `field`, named with `label`. */
export async function checkDocument(file: File, field: string, label: string): Promise<CheckedDocument> {
  if (file.size > FILE_MAX_BYTES) throw new DomainError(`${label}超过 10 MB`, { field });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffFileType(bytes);
  if (type === "application/pdf") {
    // a PDF ends with %%EOF (within the last kilobyte); a truncated or renamed file does not
    const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
    if (!tail.includes("%%EOF")) throw new DomainError(`${label}不是完整的 PDF 文件`, { field });
    return { bytes, type, extension: "pdf" };
  }
  if (!type) throw new DomainError(`${label}须为 JPEG、PNG、WebP 图片或 PDF 文件`, { field });
  const inspected = await inspectImage(bytes, MAX_DOCUMENT_PIXELS);
  if (inspected === "pixels") throw new DomainError(`${label}像素过多（上限 4000 万像素）`, { field });
  if (inspected === "type" || inspected === "broken") throw new DomainError(`${label}无法读取，文件可能已损坏或不是真正的图片`, { field });
  try {
    return { bytes: await cleanDocumentImage(bytes, MAX_DOCUMENT_PIXELS), type: "image/jpeg", extension: "jpg" };
  } catch {
    throw new DomainError(`${label}无法读取，文件可能已损坏或不是真正的图片`, { field });
  }
}

export type FormWithDocument<T> =
  | { ok: true; data: T; document: CheckedDocument | null; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * A form with one document upload: the text fields through their zod schema and the file through
 * checkDocument, every problem reported at once beside its field. A file cannot be put back into a
 * form, so when only the other fields fail the file's field says to choose it again.
 */
export async function parseFormWithDocument<S extends z.ZodType>(
  request: Request,
  schema: S,
  upload: { field: string; label: string; maxBodyBytes: number },
): Promise<FormWithDocument<z.infer<S>>> {
  const form = await readUploadForm(request, { maxBodyBytes: upload.maxBodyBytes, maxFileBytes: FILE_MAX_BYTES, field: upload.field, fileMessage: `${upload.label}超过 10 MB` });
  const parsed = parseForm(schema, form);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const values = parsed.ok ? formValues(form) : parsed.values;
  const [file] = filesOf(form, upload.field);
  let document: CheckedDocument | null = null;
  if (file) {
    try {
      document = await checkDocument(file, upload.field, upload.label);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors[upload.field] = error.message;
    }
  }
  if (!parsed.ok || Object.keys(errors).length) {
    if (file && !errors[upload.field]) errors[upload.field] = `请重新选择${upload.label}`;
    return { ok: false, errors, values };
  }
  return { ok: true, data: parsed.data, document, values };
}
