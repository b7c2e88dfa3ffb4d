// The production server's supervisor (`npm start` → build/server.js): a small cluster primary that
// runs WEB_CONCURRENCY worker processes (build/worker.js, the HTTP server) on one port and one
// database file, logs every worker that dies — with its exit code or signal, so a SIGBUS from an
// unwritable WAL index is never silent — and starts a new one. A worker that keeps dying is
// restarted with a growing delay (up to 30 s) instead of in a tight loop. SIGTERM/SIGINT stop the
// workers gracefully (they finish what they are answering) and then the primary.
// See docs/decisions/0016 and README "Running in production".
import cluster, { type Worker } from "node:cluster";
import os from "node:os";

export interface SupervisorOptions {
  workers: number;
  exec: string;
  log?: (line: string) => void;
}

/** WEB_CONCURRENCY: how many server processes (default 1; "auto" = one per core). */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return 1;
  if (raw === "auto") return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64 or "auto", not ${raw}`);
  return n;
}

const SIGNAL_HINTS: Record<string, string> = {
  SIGBUS: "bus error: usually the database's WAL index (-shm) or WAL (-wal) file cannot be written (read-only disk or file)",
  SIGSEGV: "segmentation fault in native code",
  SIGKILL: "killed (out of memory, or by an operator)",
  SIGABRT: "aborted (a fatal error in Node or a native module)",
};

export function runSupervisor(options: SupervisorOptions) {
  const log = options.log ?? ((line: string) => console.error(line));
  cluster.setupPrimary({ exec: options.exec });
  let stopping = false;
  const recentCrashes: number[] = [];
  const slots = new Map<number, number>(); // worker id → slot (1..N), so logs say which one

  const start = (slot: number) => {
    const worker = cluster.fork({ WORKER_SLOT: String(slot) });
    slots.set(worker.id, slot);
    return worker;
  };

  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    const slot = slots.get(worker.id) ?? 0;
    slots.delete(worker.id);
    if (stopping) return;
    const how = signal ? `signal ${signal}${SIGNAL_HINTS[signal] ? ` (${SIGNAL_HINTS[signal]})` : ""}` : `exit code ${code}`;
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length && recentCrashes[0] < now - 60_000) recentCrashes.shift();
    // the first crash restarts at once; a worker dying again and again waits longer each time
    const delay = recentCrashes.length <= 2 ? 0 : Math.min(30_000, 500 * 2 ** (recentCrashes.length - 3));
    log(`[supervisor] worker ${slot} (pid ${worker.process.pid}) died: ${how}; ${recentCrashes.length} crash(es) in the last minute; restarting${delay ? ` in ${delay} ms` : ""}`);
    setTimeout(() => {
      if (!stopping) start(slot);
    }, delay);
  });

  for (let slot = 1; slot <= options.workers; slot++) start(slot);
  log(`[supervisor] pid ${process.pid}: ${options.workers} worker process(es)`);

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`[supervisor] ${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} worker(s)`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const deadline = setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, 10_000);
    deadline.unref();
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 50);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
