// The co-op's growth log: text and photos per orchard and season (blossom, fruit set, harvest),
// shown on every certificate of that season. Photos are checked by their bytes before anything is
// written; if the database write fails, the files written for it are removed.
import { prisma } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { checkPhotos, removePhotos, savePhotos } from "~/lib/photo-store.server";
import { MAX_LOG_PHOTOS, type GrowthLogInput } from "~/models/trees/growth-log.schema";
import { PhotoError } from "~/lib/photo-store.server";

export const GROWTH_PHOTO_FOLDER = "growth";

export async function postGrowthEntry(input: { coopId: string; orchardSlug: string; authorId: string; entry: GrowthLogInput; photos: { name: string; bytes: Uint8Array }[] }) {
  const orchard = await prisma.orchard.findFirst({ where: { slug: input.orchardSlug, coopId: input.coopId }, select: { id: true } });
  if (!orchard) throw new NotFoundError("没有这个果园，或它不属于本社");
  if (input.photos.length > MAX_LOG_PHOTOS) throw new PhotoError(`每条日志最多 ${MAX_LOG_PHOTOS} 张照片`, { field: "photos" });
  checkPhotos(input.photos, "photos");
  const files = await savePhotos(GROWTH_PHOTO_FOLDER, input.photos.map((p) => p.bytes));
  try {
    return await prisma.growthLogEntry.create({
      data: {
        orchardId: orchard.id,
        seasonYear: input.entry.seasonYear,
        stage: input.entry.stage,
        text: input.entry.text,
        authorId: input.authorId,
        photos: { create: files.map((file, position) => ({ file, position })) },
      },
      select: { id: true },
    });
  } catch (error) {
    await removePhotos(GROWTH_PHOTO_FOLDER, files);
    throw error;
  }
}
