// Builds hostile XLSX files for the import limits' tests: a real workbook whose first sheet is
// padded until it inflates to `inflatedBytes` (a few hundred KB on disk), optionally with a central
// directory that lies about the size.
import { constants, createDeflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { zipEntries } from "~/lib/zip-check";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(chunks: Iterable<Uint8Array>) {
  let crc = 0xffffffff;
  for (const chunk of chunks) for (const byte of chunk) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

async function deflate(chunks: Iterable<Buffer>): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflater.on("data", (c: Buffer) => out.push(c));
  const finished = new Promise((resolve, reject) => deflater.on("end", resolve).on("error", reject));
  for (const chunk of chunks) if (!deflater.write(chunk)) await new Promise((r) => deflater.once("drain", r));
  deflater.end();
  await finished;
  return Buffer.concat(out);
}

interface Part {
  name: string;
  data: Buffer; // deflated
  crc: number;
  size: number; // real inflated size
}

function zip(parts: Part[], declared: (part: Part) => number) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(declared(part), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(declared(part), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** An XLSX whose sheet inflates to about `inflatedBytes`; `lie` makes the directory claim a small size. */
export async function bombXlsx(options: { inflatedBytes: number; lie?: boolean }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("收件人").addRow(["姓名", "手机号"]);
  const real = new Uint8Array(await workbook.xlsx.writeBuffer());
  const { inflateRawSync } = await import("node:zlib");
  const parts: Part[] = [];
  for (const entry of zipEntries(real)) {
    const view = Buffer.from(real.buffer, real.byteOffset, real.byteLength);
    const start = entry.localHeaderOffset + 30 + view.readUInt16LE(entry.localHeaderOffset + 26) + view.readUInt16LE(entry.localHeaderOffset + 28);
    const stored = view.subarray(start, start + entry.compressedSize);
    const inflated = entry.method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    if (!/^xl\/worksheets\/sheet1\.xml$/.test(entry.name)) {
      parts.push({ name: entry.name, data: await deflate([inflated]), crc: crc32([inflated]), size: inflated.length });
      continue;
    }
    // the sheet's XML with a huge run of spaces before </sheetData>: valid XML, enormous
    const text = inflated.toString("utf8");
    const cut = text.indexOf("</sheetData>");
    const head = Buffer.from(text.slice(0, cut));
    const tail = Buffer.from(text.slice(cut));
    const pad = Buffer.alloc(1024 * 1024, 0x20);
    const padChunks = Math.ceil(options.inflatedBytes / pad.length);
    const chunks = function* () {
      yield head;
      for (let i = 0; i < padChunks; i++) yield pad;
      yield tail;
    };
    // no real CRC: the padded sheet is refused before any parser could check one
    parts.push({ name: entry.name, data: await deflate(chunks()), crc: 0, size: head.length + padChunks * pad.length + tail.length });
  }
  return zip(parts, (part) => (options.lie && part.name.endsWith("sheet1.xml") ? 2048 : part.size));
}
