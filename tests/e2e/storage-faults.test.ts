// Fault drills against the production server (npm start: the supervisor and its workers).
// 1. Another process holds the database's write lock: a form sent meanwhile is answered 503 with
//    Retry-After and what was typed (a re-post page without JavaScript, JSON for a fetch), /healthz
//    says the database cannot take writes; once the lock is let go the same form goes through.
// 2. A worker dies of SIGBUS (what an unwritable WAL index does): the supervisor logs it by name
//    and starts another; the store answers again. SIGTERM stops the supervisor and its workers.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import Database from "libsql";
import { describe, expect, inject, it } from "vitest";
import { E2E_PORT, serverEnv } from "./global-setup";

const ROOT = path.resolve(import.meta.dirname, "../..");
const baseUrl = inject("baseUrl");
const dbFile = inject("databaseUrl").slice("file:".length);

const signup = (email: string, query = "") =>
  fetch(`${baseUrl}/signup${query}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ name: "王小明", email, password: "drill-password-1", confirmPassword: "drill-password-1", agreeTerms: "on" }),
  });

describe("storage fault drills", () => {
  // generous: each write waits out the busy budget behind the server's own timers on a loaded machine
  it("a write lock held by another process: 503 with the form kept, then recovery", { timeout: 180_000 }, async () => {
    const holder = new Database(path.resolve(ROOT, dbFile));
    // the server may be writing at this moment (outbox, sweeper): wait for it rather than fail
    holder.prepare("PRAGMA busy_timeout = 30000").all();
    holder.exec("BEGIN IMMEDIATE");
    try {
      const page = await signup("drill-lock@example.test");
      expect(page.status).toBe(503);
      expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
      const html = await page.text();
      expect(html).toContain("系统繁忙");
      expect(html).toContain('value="drill-lock@example.test"');
      expect(html).not.toContain("drill-password-1");

      const data = await signup("drill-lock@example.test", "?_data=routes%2Fsignup");
      expect(data.status).toBe(503);
      expect(await data.json()).toMatchObject({ errors: { form: expect.stringContaining("系统繁忙") }, values: { email: "drill-lock@example.test" } });

      const health = await fetch(`${baseUrl}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, writable: false });
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await signup("drill-lock@example.test")).status).toBe(302);
  });

  // generous: on a loaded machine two workers may each take many seconds to start
  it("a worker killed by SIGBUS is logged and replaced by the supervisor", { timeout: 180_000 }, async () => {
    const port = E2E_PORT + 9;
    const supervisor = spawn(process.execPath, ["build/server.js"], {
      cwd: ROOT,
      // a second store on the same database; it sends no messages (the suite's own server does)
      env: { ...serverEnv(), PORT: String(port), WEB_CONCURRENCY: "2", SMTP_URL: "smtp://127.0.0.1:1", MESSAGE_SEND_INTERVAL_SECONDS: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    supervisor.stderr!.on("data", (chunk) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => supervisor.once("exit", resolve));
    const healthy = async () => {
      for (let i = 0; i < 600; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return true;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    const workers = () =>
      spawnSync("pgrep", ["-P", String(supervisor.pid)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
    try {
      expect(await healthy()).toBe(true);
      const before = workers();
      expect(before).toHaveLength(2);
      process.kill(before[0], "SIGBUS");
      const died = new RegExp(`worker \\d \\(pid ${before[0]}\\) died: signal SIGBUS`);
      for (let i = 0; i < 600 && !(workers().length === 2 && !workers().includes(before[0]) && died.test(log)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(workers()).not.toContain(before[0]);
      expect(workers()).toHaveLength(2);
      expect(log).toMatch(died);
      expect(await healthy()).toBe(true);
    } finally {
      supervisor.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
