import * as z from "zod";

/** The buyer's rating of the co-op for one received parcel. */
export const ratingSchema = z.object({
  parcelId: z.string().min(1),
  score: z.enum(["1", "2", "3", "4", "5"], { message: "请选择 1–5 星" }).transform(Number),
  comment: z.string().trim().max(200, "评价最多 200 个字"),
});
