// Files for upload tests, made on the spot: real images (with a GPS position in their EXIF, to
// check it is removed), files that only pretend to be images, and a pixel flood.
import zlib from "node:zlib";
import sharp from "sharp";

export async function jpegWithGps(width = 1600, height = 1200) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .withExif({ IFD0: { Make: "TestPhone", Model: "Field camera" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "34/1 51/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 40/1 0/1" } })
    .jpeg()
    .toBuffer();
}

export async function png(width = 800, height = 600) {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 60, alpha: 1 } } }).png().toBuffer();
}

export async function webp(width = 500, height = 400) {
  return sharp({ create: { width, height, channels: 3, background: "#336699" } }).webp().toBuffer();
}

/** A JPEG's first bytes followed by noise: passes a signature check, fails to decode. */
export async function truncatedJpeg() {
  const real = await jpegWithGps(400, 300);
  return Buffer.concat([real.subarray(0, 200), Buffer.alloc(4000, 0x41)]);
}

function crc32(bytes: Buffer) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes claiming width × height pixels (a decompression bomb's header). */
export function pixelFloodPng(width = 20_000, height = 20_000) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const idat = zlib.deflateSync(Buffer.alloc(1024));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

export function tinyPdf() {
  return Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "latin1");
}

/** A multipart POST as a browser sends it: text fields and files. */
export function multipartRequest(path: string, cookie: string, fields: Record<string, string>, files: { field: string; name: string; bytes: Uint8Array; type?: string }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field, new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "application/octet-stream" }));
  return new Request(`http://shop.test${path}`, { method: "POST", headers: { Cookie: cookie }, body: form });
}
