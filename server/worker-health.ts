// A server process never dies silently. What JavaScript can catch is logged before the process
// exits (and the supervisor starts another); what it cannot (SIGBUS, SIGSEGV, SIGKILL) the
// supervisor logs from outside. An embedded database whose files cannot be written is refused at
// start with the reason: SQLite would otherwise die with SIGBUS on its read-only WAL index.
import { databaseConfig, embeddedFile, unwritableFiles } from "../app/lib/database-url";

const who = () => `[worker ${process.env.WORKER_SLOT ?? "-"} pid ${process.pid}]`;

export function reportCrashes() {
  process.on("uncaughtException", (error) => {
    console.error(`${who()} uncaught exception, exiting:`, error);
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    console.error(`${who()} unhandled rejection, exiting:`, reason);
    process.exit(1);
  });
}

export function checkDatabaseFiles() {
  const file = embeddedFile(databaseConfig().url);
  if (!file) return;
  const bad = unwritableFiles(file);
  if (bad.length === 0) return;
  console.error(`${who()} the database cannot take writes (not writable: ${bad.join(", ")}); refusing to start rather than crash on it (SIGBUS)`);
  process.exit(78); // EX_CONFIG
}
