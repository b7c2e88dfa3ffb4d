import fs from "node:fs";
import Database from "libsql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectionPragma, embeddedFile, prisma } from "~/db.server";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers 200 after a committed write", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: "up", writable: true });
    expect(await prisma.healthProbe.findUnique({ where: { id: 1 } })).not.toBeNull();
  });

  it("every connection waits for a lock: busy_timeout is set on the process's connection", async () => {
    await prisma.$queryRawUnsafe("SELECT 1");
    expect(Number(connectionPragma("busy_timeout"))).toBeGreaterThan(0);
  });

  it("answers 503 while another connection holds the write lock, and 200 again once it lets go", async () => {
    const other = new Database(embeddedFile(process.env.DATABASE_URL!)!);
    other.exec("BEGIN IMMEDIATE");
    try {
      const response = await loader();
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBeTruthy();
      expect(await response.json()).toMatchObject({ ok: false, writable: false, database: "locked" });
      // reads still work meanwhile (WAL)
      expect(await prisma.user.count()).toBeGreaterThanOrEqual(0);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect((await loader()).status).toBe(200);
  });

  it("answers 503 read-only, without touching the database, when its WAL index cannot be written", async () => {
    const real = fs.accessSync;
    vi.spyOn(fs, "accessSync").mockImplementation((file, mode) => {
      if (String(file).endsWith("-shm")) throw Object.assign(new Error("EPERM"), { code: "EPERM" });
      return real(file, mode);
    });
    const spy = vi.spyOn(prisma, "$executeRaw");
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, database: "read-only" });
    expect(spy).not.toHaveBeenCalled();
  });
});
