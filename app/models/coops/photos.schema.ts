// Product photos: the rules a co-op's upload must meet, shared by the form (accept, hints) and the model.
import * as z from "zod";
import { FILE_MAX_BYTES, PHOTOS_PER_REQUEST } from "~/lib/upload-limits";

export const MAX_PHOTOS_PER_PRODUCT = 8;
export const MAX_PHOTO_BYTES = FILE_MAX_BYTES;
/** 40 megapixels: more than any phone camera, far less than a decompression bomb. */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Stored widths; the browser picks one through srcset. */
export const PHOTO_WIDTHS = [320, 640, 1280] as const;
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp";
export { PHOTOS_PER_REQUEST };

export const photoAltSchema = z.object({
  photoId: z.string().min(1),
  alt: z.string().trim().min(2, "请用一句话描述图片内容（给看不见图片的买家）").max(80, "描述不超过 80 个字"),
});

export const photoMoveSchema = z.object({
  photoId: z.string().min(1),
  direction: z.enum(["up", "down"]),
});
