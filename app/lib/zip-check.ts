import { inflateRawSync } from "node:zlib";

// An XLSX file is a ZIP archive, and a ZIP can claim anything: 400 KB that inflates to 400 MB
// would hold the parser (and the memory) for as long as it takes. The archive is judged before
// any parser sees it — entry count, total uncompressed size and compression ratio, from the
// central directory — and then every entry is inflated once with its declared size as a hard
// ceiling, so an archive that lies about its sizes is caught as well.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ArchiveLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed, for entries big enough to matter (XML compresses 5–20×). */
  maxRatio: number;
}

export const XLSX_LIMITS: ArchiveLimits = { maxEntries: 1000, maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 100 };
const RATIO_FLOOR_BYTES = 1024 * 1024;

export class ArchiveError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a ZIP, read from its central directory (nothing is inflated). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ArchiveError("不是有效的 ZIP/XLSX 文件");
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ArchiveError("不支持 ZIP64 格式的文件");
  if (offset + size > end) throw new ArchiveError("ZIP 目录已损坏");
  const entries: ZipEntry[] = [];
  let at = offset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw new ArchiveError("ZIP 目录已损坏");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Why the archive is refused (a message for the uploader), or null when its declared sizes are fine. */
export function archiveProblem(entries: ZipEntry[], limits: ArchiveLimits): string | null {
  if (entries.length > limits.maxEntries) return `文件包含 ${entries.length} 个部件，超过上限 ${limits.maxEntries}`;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limits.maxUncompressedBytes) return `文件解压后超过 ${limits.maxUncompressedBytes / 1024 / 1024} MB，请拆分后分批导入`;
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      return "文件压缩比异常（可能是压缩炸弹），已拒绝";
    }
  }
  return null;
}

/**
 * Inflates every entry with its declared size as the ceiling: an entry that would grow past what
 * it declared, or that is damaged, is refused. Runs in the spreadsheet worker, off the event loop.
 */
export function verifyEntries(bytes: Uint8Array, entries: ZipEntry[]) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL) throw new ArchiveError("ZIP 文件已损坏");
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.byteLength !== entry.compressedSize) throw new ArchiveError("ZIP 文件已损坏");
    let size: number;
    if (entry.method === 0) size = data.byteLength;
    else if (entry.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) }).byteLength;
      } catch {
        throw new ArchiveError("文件解压后的大小与声明不符（可能是压缩炸弹），已拒绝");
      }
    } else throw new ArchiveError("文件使用了不支持的压缩方式");
    if (size !== entry.uncompressedSize) throw new ArchiveError("文件解压后的大小与声明不符，已拒绝");
  }
}
