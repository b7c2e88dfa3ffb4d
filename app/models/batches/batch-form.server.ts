import { businessDay } from "~/lib/china-time";
import { FORM_OVERHEAD_BYTES } from "~/lib/upload-limits";
import { isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { checkUpload, postedBytes, readUploadForm, removeStored, storeDocument, UploadTooLarge } from "~/lib/uploads.server";
import { MAX_SCAN_BYTES, batchSchema, toBatchInput } from "~/models/batches/batch.schema";
import { batchFormChoices, createBatch } from "~/models/batches/batch.server";

// The new-batch form as the action receives it: the fields (shares checked to add up to 100), the
// certificate scan checked from its bytes, and nothing stored unless all of it is right.

export type BatchFormResult = { ok: true; code: string } | { ok: false; status: number; errors: Record<string, string>; values: Record<string, string> };

export async function submitBatchForm(request: Request, manager: { coopId: string; userId: string }): Promise<BatchFormResult> {
  let form: FormData;
  try {
    form = await readUploadForm(request, { maxBodyBytes: MAX_SCAN_BYTES + FORM_OVERHEAD_BYTES, maxFileBytes: MAX_SCAN_BYTES, fileMessage: `扫描件不能超过 ${MAX_SCAN_BYTES / 1024 / 1024} MB`, field: "certScan" });
  } catch (error) {
    if (!(error instanceof UploadTooLarge)) throw error;
    return { ok: false, status: 413, errors: { certScan: error.message }, values: {} };
  }
  const { households } = await batchFormChoices(manager.coopId);
  const ids = households.map((h) => h.id);
  const parsed = parseForm(batchSchema(ids, businessDay(new Date())), form);
  const bytes = await postedBytes(form, "certScan");
  let scanError: string | null = null;
  let kind: ReturnType<typeof checkUpload> | null = null;
  try {
    kind = checkUpload(bytes, { kinds: ["jpeg", "png", "webp", "pdf"], maxBytes: MAX_SCAN_BYTES, field: "certScan", label: "合格证扫描件" });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    scanError = error.message;
  }
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  if (!parsed.ok || !kind) {
    return { ok: false, status: 400, errors: { ...(parsed.ok ? {} : parsed.errors), ...(scanError ? { certScan: scanError } : {}) }, values };
  }
  const scan = await storeDocument("batch-scans", bytes, kind);
  try {
    const batch = await createBatch(manager.coopId, manager.userId, toBatchInput(parsed.data as Record<string, unknown>, ids), scan);
    return { ok: true, code: batch.code };
  } catch (error) {
    await removeStored(scan);
    if (!isDomainError(error)) throw error;
    return { ok: false, status: error.status, errors: { [error.field ?? "form"]: error.message }, values };
  }
}
