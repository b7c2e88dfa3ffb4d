// Part of `npm run build`: a brotli (quality 11) and a gzip (level 9) copy beside every script and
// stylesheet in public/build. The server hands them out as they are (server/index.ts), so a browser
// gets smaller files than the per-request compressor makes (brotli at quality 11 is too slow to run
// per request) and no request spends CPU compressing a file that never changes.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = path.resolve(process.argv[2] ?? "public/build");
let files = 0;
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(js|css)$/.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = fs.readFileSync(file);
  if (body.length < 1024) continue;
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  files += 1;
}
console.log(`precompressed ${files} files in ${path.relative(process.cwd(), dir)}`);
