// db.server.ts `raw`: inside an interactive transaction a raw statement runs straight on the
// process's connection (decision 0016, third pass) — it must still be part of that transaction,
// see what it wrote, roll back with it, store dates as Prisma does, and report a unique violation
// the way the models check for one.
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { insertRows, prisma, raw } from "~/db.server";
import { isUniqueViolation } from "~/lib/errors";

const message = (id: string, to: string) => ({
  id, channel: "EMAIL", kind: "order", to, subject: "s", text: "b", status: "PENDING", attempts: 0, nextAttemptAt: new Date("2026-12-02T08:00:00Z"), createdAt: new Date("2026-12-02T08:00:00Z"),
});

/** A transaction that has inserted one message and waits, open, between its statements until `rollBack()`. */
async function openTransaction(id: string, to: string) {
  let inserted!: () => void;
  let goOn!: () => void;
  const ready = new Promise<void>((resolve) => (inserted = resolve));
  const gate = new Promise<void>((resolve) => (goOn = resolve));
  const tx = prisma
    .$transaction(async (t) => {
      await insertRows(t, "OutboxMessage", [message(id, to)]);
      inserted();
      await gate;
      throw new Error("rolled back");
    })
    .catch(() => undefined);
  await ready;
  return {
    rollBack: async () => {
      goOn();
      await tx;
    },
  };
}

describe("raw statements inside a transaction", () => {
  it("belong to the transaction: seen by its Prisma reads, committed with it, rolled back with it", async () => {
    const kept = crypto.randomUUID();
    await prisma.$transaction(async (tx) => {
      await insertRows(tx, "OutboxMessage", [message(kept, "kept@example.test")]);
      // Prisma's own read in the same transaction sees the row, and reads its date back as a Date
      const row = await tx.outboxMessage.findUniqueOrThrow({ where: { id: kept } });
      expect(row.createdAt).toEqual(new Date("2026-12-02T08:00:00Z"));
      expect(await raw(tx).query<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "id" = ?`, kept)).toEqual([{ n: 1 }]);
    });
    expect(await prisma.outboxMessage.count({ where: { id: kept } })).toBe(1);

    const dropped = crypto.randomUUID();
    const failed = await prisma
      .$transaction(async (tx) => {
        await insertRows(tx, "OutboxMessage", [message(dropped, "dropped@example.test")]);
        expect(await raw(tx).execute(`UPDATE "OutboxMessage" SET "attempts" = 1 WHERE "id" = ?`, kept)).toBe(1);
        throw new Error("changed my mind");
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe("changed my mind");
    expect(await prisma.outboxMessage.count({ where: { id: dropped } })).toBe(0);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: kept } })).attempts).toBe(0);
  });

  it("a raw read outside the transaction never sees what an open transaction has not committed", async () => {
    const id = crypto.randomUUID();
    const open = await openTransaction(id, "open@example.test");
    const read = raw(prisma).query(`SELECT "id" FROM "OutboxMessage" WHERE "id" = ?`, id);
    await open.rollBack();
    expect(await read).toEqual([]);
  });

  it("a duplicate key is a unique violation, inside a transaction, alone, or queued through Prisma", async () => {
    const id = crypto.randomUUID();
    await insertRows(prisma, "OutboxMessage", [message(id, "a@example.test")]);
    const inTransaction = await prisma.$transaction((tx) => insertRows(tx, "OutboxMessage", [message(id, "b@example.test")])).catch((e: unknown) => e);
    const alone = await insertRows(prisma, "OutboxMessage", [message(id, "c@example.test")]).catch((e: unknown) => e);
    // while a transaction is open the write queues through Prisma's raw path
    const open = await openTransaction(crypto.randomUUID(), "open@example.test");
    const queued = insertRows(prisma, "OutboxMessage", [message(id, "d@example.test")]).catch((e: unknown) => e);
    await open.rollBack();
    for (const error of [inTransaction, alone, await queued]) expect(isUniqueViolation(error)).toBe(true);
  });

  it("a raw write outside a transaction commits at once, and never joins a transaction that is open meanwhile", async () => {
    const alone = crypto.randomUUID();
    await insertRows(prisma, "OutboxMessage", [message(alone, "alone@example.test")]);
    expect(await prisma.outboxMessage.count({ where: { id: alone } })).toBe(1);

    const inside = crypto.randomUUID();
    const outside = crypto.randomUUID();
    const open = await openTransaction(inside, "inside@example.test");
    // the connection is in the open transaction: this write waits for it instead of running in it
    const write = insertRows(prisma, "OutboxMessage", [message(outside, "outside@example.test")]);
    await open.rollBack();
    expect(await write).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { id: { in: [inside, outside] } } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { id: outside } })).toBe(1);
  });

  it("a raw write outside a transaction waits for another process's lock, then commits", async () => {
    const holder = new Database(process.env.DATABASE_URL!.slice("file:".length));
    const id = crypto.randomUUID();
    holder.exec("BEGIN IMMEDIATE");
    const write = insertRows(prisma, "OutboxMessage", [message(id, "later@example.test")]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // (a Prisma read would queue behind the waiting write; a raw read runs at once)
    expect(await raw(prisma).query(`SELECT "id" FROM "OutboxMessage" WHERE "id" = ?`, id)).toEqual([]);
    holder.exec("COMMIT");
    holder.close();
    expect(await write).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { id } })).toBe(1);
  });

  it("writes given together commit together or not at all, also when they have to wait for another process's lock", async () => {
    const [first, second, kept] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await insertRows(prisma, "OutboxMessage", [message(kept, "kept@example.test")]);
    const insert = (id: string, to: string) => {
      const m = message(id, to);
      return [`INSERT INTO "OutboxMessage" ("id", "channel", "kind", "to", "subject", "text", "status", "attempts", "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.id, m.channel, m.kind, m.to, m.subject, m.text, m.status, m.attempts, m.nextAttemptAt, m.createdAt] as [string, ...unknown[]];
    };
    const failed = await raw(prisma).executeAll([insert(first, "first@example.test"), insert(kept, "again@example.test")]).catch((e: unknown) => e);
    expect(isUniqueViolation(failed)).toBe(true);
    expect(await prisma.outboxMessage.count({ where: { id: first } })).toBe(0);

    const holder = new Database(process.env.DATABASE_URL!.slice("file:".length));
    holder.exec("BEGIN IMMEDIATE");
    const both = raw(prisma).executeAll([insert(first, "first@example.test"), [`UPDATE "OutboxMessage" SET "attempts" = 2 WHERE "id" IN (?, ?)`, kept, second]]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    holder.exec("COMMIT");
    holder.close();
    expect(await both).toEqual([1, 1]);
    expect(await prisma.outboxMessage.count({ where: { id: first } })).toBe(1);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: kept } })).attempts).toBe(2);
  });
});
