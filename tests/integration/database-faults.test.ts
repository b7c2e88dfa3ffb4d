import Database from "libsql";
import { describe, expect, it } from "vitest";

// Every statement waits a bounded time for another process's write lock, then fails as a storage
// fault (503 for the visitor) — and the connection is fine again once the lock is let go.
process.env.DATABASE_BUSY_TIMEOUT_MS = "300";
const { connectionPragma, isStorageFault, prisma } = await import("~/db.server");
const { applyPendingRollups } = await import("~/models/impact/rollup.server");

const mail = (to: string) => ({ data: { channel: "EMAIL", kind: "order", to, subject: "s", text: "b" } });
const other = () => new Database(process.env.DATABASE_URL!.slice("file:".length));

describe("the database under another process's write lock", () => {
  it("sets busy_timeout on the process's connection, which every transaction uses too", async () => {
    await prisma.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"));
    expect(Number(connectionPragma("busy_timeout"))).toBeGreaterThan(0);
    expect(String(connectionPragma("journal_mode"))).toBe("wal");
  });

  it("a single write, a nested write and an interactive transaction fail as storage faults, then all work again", async () => {
    const holder = other();
    holder.exec("BEGIN IMMEDIATE");
    const attempts = {
      single: () => prisma.outboxMessage.create(mail("a@example.test")),
      nested: () => prisma.user.create({ data: { email: `n${Date.now()}@example.test`, name: "n", passwordHash: "x", roles: { create: [{ role: "consumer" }] } } }),
      transaction: () => prisma.$transaction(async (tx) => tx.outboxMessage.create(mail("b@example.test"))),
      batch: () => applyPendingRollups(prisma),
    };
    try {
      for (const attempt of Object.values(attempts)) {
        const error = await attempt().then(() => null, (e: unknown) => e);
        expect(isStorageFault(error)).toBe(true);
      }
      // reads go on meanwhile
      expect(await prisma.outboxMessage.count()).toBeGreaterThanOrEqual(0);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    for (const attempt of Object.values(attempts)) await attempt();
    expect(await prisma.outboxMessage.count({ where: { to: { in: ["a@example.test", "b@example.test"] } } })).toBe(2);
  });

  it("a write waiting for a lock that is let go within the budget simply succeeds", async () => {
    const holder = other();
    holder.exec("BEGIN IMMEDIATE");
    setTimeout(() => {
      holder.exec("ROLLBACK");
      holder.close();
    }, 50);
    await prisma.outboxMessage.create(mail("c@example.test"));
    expect(await prisma.outboxMessage.count({ where: { to: "c@example.test" } })).toBe(1);
  });
});
