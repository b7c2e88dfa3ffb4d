// Product photos: type from the bytes, size and pixel limits, metadata stripped, resized once into
// WebP and AVIF sizes, served with a year of caching, reordered and deleted; up to 8 a product;
// nothing kept from an upload that fails; another co-op's product is not found.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { uploadsDir } from "~/lib/uploads.server";
import * as photoRoute from "~/routes/images.p.$key.$file";
import * as photosPage from "~/routes/coop.products.$slug_.photos";
import { loader as searchLoader } from "~/routes/search";
import { makeCoop, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { jpegWithGps, multipartRequest, pixelFloodPng, png, truncatedJpeg, webp } from "../../support/uploads";

let product: Awaited<ReturnType<typeof makeProduct>>;
let mine: string;
let theirs: string;

beforeEach(async () => {
  const w = await makeWorld(prisma);
  product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, name: "秦安花牛苹果" });
  mine = await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: w.coop.id })).id);
  const other = await makeCoop(prisma, { countyId: w.county.id });
  theirs = await cookieFor((await makeUser(prisma, { roles: ["coop_manager"], coopId: other.id })).id);
});

function upload(cookie: string, files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}) {
  const request = multipartRequest(`/coop/products/${product.slug}/photos`, cookie, fields, files.map((f) => ({ field: "photos", ...f })));
  return responseOf(() => photosPage.action({ request, params: { slug: product.slug }, context: {} }));
}
const post = (cookie: string, fields: Record<string, string>) => upload(cookie, [], fields);
const photos = () => prisma.productImage.findMany({ where: { productId: product.id }, orderBy: { position: "asc" } });
const storedFolders = () => {
  const dir = path.join(uploadsDir(), "photos");
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

describe("uploading", () => {
  it("resizes a JPEG once into WebP and AVIF sizes, without its EXIF and GPS position, upright", async () => {
    const original = await jpegWithGps(1600, 1200);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const response = await upload(mine, [{ name: "apple.jpg", bytes: original }], { alt: "刚摘下的花牛苹果" });
    expect(response.status).toBe(302);
    const [photo] = await photos();
    expect(photo).toMatchObject({ alt: "刚摘下的花牛苹果", widths: "320,640,1280", width: 1280, height: 960, position: 0 });
    expect(photo.url).toBe(`/images/p/${photo.storageKey}/640.webp`);
    for (const width of [320, 640, 1280]) {
      for (const format of ["webp", "avif"] as const) {
        const file = path.join(uploadsDir(), "photos", photo.storageKey!, `${width}.${format}`);
        const meta = await sharp(fs.readFileSync(file)).metadata();
        expect(meta.format).toBe(format === "webp" ? "webp" : "heif");
        expect(meta.width).toBe(width);
        expect(meta.exif).toBeUndefined();
      }
    }
    // the search results' card shows it at once (with its sizes for srcset)
    const found = await responseOf(() => searchLoader(routeArgs(`/search?q=${encodeURIComponent("花牛苹果")}`)));
    const hit = ((await found.json()) as { hits: { product: { slug: string; images: { storageKey: string; widths: string }[] } }[] }).hits.find((h) => h.product.slug === product.slug);
    expect(hit?.product.images[0]).toMatchObject({ storageKey: photo.storageKey, widths: "320,640,1280" });
  });

  it("serves each size with a year of immutable caching, and 404s anything else", async () => {
    await upload(mine, [{ name: "a.png", bytes: await png(900, 600) }]);
    const [photo] = await photos();
    const get = (key: string, file: string) => responseOf(() => photoRoute.loader(routeArgs(`/images/p/${key}/${file}`, { params: { key, file } })));
    const ok = await get(photo.storageKey!, "640.avif");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/avif");
    expect(ok.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    // a small original is kept at its own sizes, never enlarged
    expect(photo.widths).toBe("320,640");
    expect((await get(photo.storageKey!, "1280.webp")).status).toBe(404);
    expect((await get("../../etc", "640.webp")).status).toBe(404);
    expect((await get(photo.storageKey!, "640.svg")).status).toBe(404);
  });

  it("takes PNG and WebP, several at once, in order", async () => {
    expect((await upload(mine, [{ name: "1.png", bytes: await png() }, { name: "2.webp", bytes: await webp() }])).status).toBe(302);
    expect((await photos()).map((p) => p.position)).toEqual([0, 1]);
  });

  it("refuses what is not a JPEG, PNG or WebP by its bytes, whatever its name; and what only starts like one", async () => {
    const folders = storedFolders();
    const response = await upload(mine, [
      { name: "fine.jpg", bytes: await jpegWithGps(400, 300) },
      { name: "photo.jpg", bytes: Buffer.from("GIF89a definitely not a jpeg") },
      { name: "broken.jpg", bytes: await truncatedJpeg() },
    ]);
    expect(response.status).toBe(400);
    const message = ((await response.json()) as { errors: Record<string, string> }).errors.photos;
    expect(message).toContain("第 2 张（photo.jpg）不是 JPEG、PNG 或 WebP 图片");
    expect(message).toContain("第 3 张（broken.jpg）无法读取");
    expect(message).toContain("没有保存任何图片");
    expect(await photos()).toEqual([]);
    expect(storedFolders()).toEqual(folders);
  });

  it("refuses a pixel flood from its header, before decoding it", async () => {
    const flood = pixelFloodPng(9000, 9000); // 81 megapixels in a few hundred bytes
    expect(flood.length).toBeLessThan(2000);
    const response = await upload(mine, [{ name: "tiny.png", bytes: flood }]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.photos).toContain("像素过多");
  });

  it("refuses a file above 10 MB with the field's message", async () => {
    const response = await upload(mine, [{ name: "huge.jpg", bytes: Buffer.concat([await jpegWithGps(100, 100), Buffer.alloc(10 * 1024 * 1024)]) }]);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.photos).toContain("10 MB");
    expect(await photos()).toEqual([]);
  });

  it("holds at most 8 photos a product", async () => {
    await prisma.productImage.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ productId: product.id, url: `/x/${i}`, alt: "x", position: i })) });
    const response = await upload(mine, [{ name: "a.webp", bytes: await webp() }, { name: "b.webp", bytes: await webp() }]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.photos).toContain("最多 8 张");
    expect((await upload(mine, [{ name: "a.webp", bytes: await webp() }])).status).toBe(302);
    expect(await prisma.productImage.count({ where: { productId: product.id } })).toBe(8);
  });
});

describe("arranging", () => {
  it("moves, describes and deletes a photo (its files go with it)", async () => {
    await upload(mine, [{ name: "1.png", bytes: await png() }, { name: "2.webp", bytes: await webp() }]);
    const [first, second] = await photos();
    expect((await post(mine, { intent: "move", photoId: second.id, direction: "up" })).status).toBe(302);
    expect((await photos()).map((p) => p.id)).toEqual([second.id, first.id]);
    const shortAlt = await post(mine, { intent: "alt", photoId: first.id, alt: "x" });
    expect(shortAlt.status).toBe(400);
    expect((await post(mine, { intent: "alt", photoId: first.id, alt: "苹果切面，果肉细脆" })).status).toBe(302);
    expect((await photos())[1].alt).toBe("苹果切面，果肉细脆");
    expect((await post(mine, { intent: "delete", photoId: second.id })).status).toBe(302);
    expect((await photos()).map((p) => p.id)).toEqual([first.id]);
    expect(fs.existsSync(path.join(uploadsDir(), "photos", second.storageKey!))).toBe(false);
    const trail = await prisma.auditEntry.findMany({ where: { productId: product.id, kind: "PHOTO" }, select: { before: true, after: true } });
    expect(trail).toHaveLength(3); // two added, one removed
  });

  it("another co-op's manager can neither see, add, move nor delete", async () => {
    await upload(mine, [{ name: "1.png", bytes: await png() }]);
    const [photo] = await photos();
    const page = await responseOf(() => photosPage.loader(routeArgs(`/coop/products/${product.slug}/photos`, { cookie: theirs, params: { slug: product.slug } })));
    expect(page.status).toBe(404);
    expect((await upload(theirs, [{ name: "2.png", bytes: await png() }])).status).toBe(404);
    expect((await post(theirs, { intent: "delete", photoId: photo.id })).status).toBe(404);
    expect((await post(theirs, { intent: "alt", photoId: photo.id, alt: "被别社改掉的描述" })).status).toBe(404);
    expect((await photos()).map((p) => [p.id, p.alt])).toEqual([[photo.id, photo.alt]]);
  });
});
