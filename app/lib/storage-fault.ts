// Whether an error means the database could not do the work for reasons of its own, not the
// request's: locked by another process past the busy timeout, read-only, out of disk, an I/O
// error, a transaction that could not start in time. Such a request is answered 503 with
// Retry-After (server/storage-faults.ts), never 500. Pure (no Prisma import): the production
// server's own bundle uses it as well as the app's.

const CODES = new Set([
  "P1008", // "Operations timed out": the adapter's name for SQLITE_BUSY
  "P2028", // transaction API error: could not start (maxWait) or finish in time
  "P2034", // write conflict / deadlock, retry
]);
const MESSAGE =
  /SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN|PROTOCOL)|database is locked|readonly database|disk I\/O error|database or disk is full|unable to open database/i;

export function isStorageFault(error: unknown): boolean {
  let e = error as Record<string, unknown> | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    if (typeof e.code === "string" && (CODES.has(e.code) || /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)/.test(e.code))) return true;
    if (typeof e.message === "string" && MESSAGE.test(e.message)) return true;
    const meta = e.meta as Record<string, unknown> | undefined;
    const next = (meta?.driverAdapterError as Record<string, unknown> | undefined) ?? (e.cause as Record<string, unknown> | undefined);
    e = next;
  }
  return false;
}
