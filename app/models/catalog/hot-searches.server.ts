import { prisma } from "~/db.server";

// 热门搜索 come from what shoppers really searched: every search that found products counts once
// for its cleaned query. Counting in the request would add a write to every search (a page the
// server otherwise answers from memory, decision 0003) and queue it behind checkouts on SQLite's one
// writer (decision 0016), so each process adds its counts up in memory and writes them at most
// every FLUSH_MS, one short upsert per distinct query, after the response is on its way.

const FLUSH_MS = 30_000;
/** Of late: a query searched long ago no longer counts as hot. */
const HOT_DAYS = 30;
/** A process holds at most this many distinct queries between writes (a flood of junk stays small). */
const MAX_PENDING = 500;

const pending = new Map<string, number>();
let lastFlush = Date.now();
let flushing: Promise<void> | null = null;

/** Counts one search of `query` (as parseQuery displays it) that found products. */
export function recordSearch(query: string) {
  if (pending.has(query) || pending.size < MAX_PENDING) pending.set(query, (pending.get(query) ?? 0) + 1);
  if (Date.now() - lastFlush >= FLUSH_MS && !flushing) {
    flushing = flushSearchCounts()
      .catch((error) => console.error("hot searches: could not save the counts", error))
      .finally(() => {
        flushing = null;
      });
  }
}

/** Writes the counts held in memory (also called by tests and on a timer's behalf by recordSearch). */
export async function flushSearchCounts() {
  lastFlush = Date.now();
  const counts = [...pending];
  pending.clear();
  const now = new Date();
  for (const [query, n] of counts) {
    await prisma.searchQueryCount.upsert({
      where: { query },
      create: { query, count: n, lastSearchedAt: now },
      update: { count: { increment: n }, lastSearchedAt: now },
    });
  }
  hot = null;
}

let hot: { at: number; limit: number; queries: string[] } | null = null;
const HOT_CACHE_MS = 60_000;

/** The most searched queries of the last HOT_DAYS days, most searched first. */
export async function hotSearches(limit = 8): Promise<string[]> {
  if (hot && Date.now() - hot.at < HOT_CACHE_MS && hot.limit >= limit) return hot.queries.slice(0, limit);
  const since = new Date(Date.now() - HOT_DAYS * 24 * 3600 * 1000);
  const rows = await prisma.searchQueryCount.findMany({
    where: { lastSearchedAt: { gte: since } },
    orderBy: [{ count: "desc" }, { query: "asc" }],
    take: Math.max(limit, 8),
    select: { query: true },
  });
  hot = { at: Date.now(), limit: Math.max(limit, 8), queries: rows.map((r) => r.query) };
  return hot.queries.slice(0, limit);
}
