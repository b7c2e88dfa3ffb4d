import { prisma } from "~/db.server";

// Public catalogue pages (hall listings, facets, the search index) are the same for every anonymous
// visitor, so each process keeps them in memory, tagged with a catalogue version. The version is
// re-read from the database at most once a second (latest Product.updatedAt and the product count:
// every product or variant edit goes through refreshProductDerived, which touches updatedAt), and
// at once after an edit made in this process (invalidateCatalog). Other processes see an edit
// within CHECK_MS.
// A sale is not an edit: it moves units sold and stock, which listings show as "已售" and sort by,
// but touching updatedAt for every paid order rebuilt every cached listing and product page each
// second in a rush (decision 0016). So a sale touches updatedAt only when it sells a product out
// (the card must say 已售罄 at once), and any entry older than FIGURES_MS (CATALOG_FIGURES_SECONDS,
// a minute by default) is loaded again, which bounds how old a listing's units sold and popular
// order may be. Product pages read both live.
const CHECK_MS = 1000;
export const FIGURES_MS = figuresMs(process.env.CATALOG_FIGURES_SECONDS);

function figuresMs(seconds = "60") {
  const n = Number(seconds);
  if (!Number.isFinite(n) || n < 0) throw new Error("CATALOG_FIGURES_SECONDS must be a number ≥ 0");
  return n * 1000;
}

const MAX_ENTRIES = 2000; // every listed product's page (≈ 300 today), the hall listings, facets and the search index

let localEpoch = 0;
let version: string | null = null;
let checkedAt = 0;
let pending: Promise<string> | null = null;

export function invalidateCatalog() {
  localEpoch += 1;
  checkedAt = 0;
}

async function readVersion(): Promise<string> {
  const epoch = localEpoch;
  const agg = await prisma.product.aggregate({ _max: { updatedAt: true }, _count: { _all: true } });
  const v = `${epoch}:${agg._max.updatedAt?.getTime() ?? 0}:${agg._count._all}`;
  if (epoch === localEpoch) {
    version = v;
    checkedAt = Date.now();
  }
  return v;
}

export async function catalogVersion(): Promise<string> {
  if (version && Date.now() - checkedAt < CHECK_MS) return version;
  pending ??= readVersion().finally(() => {
    pending = null;
  });
  return pending;
}

/** The newest Product.updatedAt seen by the last version check (for incremental index updates). */
export function versionUpdatedAt(v: string): number {
  return Number(v.split(":")[1] ?? 0);
}

const entries = new Map<string, { version: string; at: number; value: Promise<unknown> }>();

/** `load()` once per catalogue version and key, and at least every FIGURES_MS; the oldest entries are dropped past MAX_ENTRIES. */
export async function cachedByCatalog<T>(key: string, load: () => Promise<T>): Promise<T> {
  const v = await catalogVersion();
  const hit = entries.get(key);
  if (hit && hit.version === v && Date.now() - hit.at < FIGURES_MS) return hit.value as Promise<T>;
  const value = load();
  entries.delete(key);
  entries.set(key, { version: v, at: Date.now(), value });
  value.catch(() => entries.delete(key));
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

const brief = new Map<string, { at: number; value: Promise<unknown> }>();

/**
 * `load()` at most once per `ms` and key in this process, for public figures that move with orders
 * rather than with catalogue edits (trees left, seats, pre-sale counts on a hall page, co-op
 * ratings): the same for every viewer and no older than the anonymous page cache may show them
 * (server/page-cache.ts), without a signed-in view paying their queries each time (decision 0016).
 */
export async function cachedBriefly<T>(key: string, ms: number, load: () => Promise<T>): Promise<T> {
  const hit = brief.get(key);
  if (hit && Date.now() - hit.at < ms) return hit.value as Promise<T>;
  const value = load();
  brief.set(key, { at: Date.now(), value });
  value.catch(() => brief.delete(key));
  if (brief.size > MAX_ENTRIES) brief.delete(brief.keys().next().value as string);
  return value;
}
