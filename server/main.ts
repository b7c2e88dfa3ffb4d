// `npm start` → build/server.js: the supervisor (server/supervisor.ts) running WEB_CONCURRENCY
// HTTP worker processes (server/index.ts → build/worker.js).
import path from "node:path";
import { runSupervisor, workerCount } from "./supervisor";

runSupervisor({ workers: workerCount(), exec: path.resolve(import.meta.dirname, "worker.js") });
