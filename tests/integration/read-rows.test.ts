// readRows: the hot reads of signed-in pages run on the process's connection at once — but never
// inside another request's open transaction, whose writes may still roll back.
import { describe, expect, it } from "vitest";
import { prisma, readRows } from "~/db.server";

const probe = (id: number) => readRows<{ id: number; checkedAt: string }>(`SELECT "id", "checkedAt" FROM "HealthProbe" WHERE "id" = ?`, id);

describe("readRows", () => {
  it("answers what Prisma's raw query answers, as rows keyed by column", async () => {
    await prisma.$executeRawUnsafe(`INSERT INTO "HealthProbe" ("id", "checkedAt") VALUES (7, ?)`, new Date("2026-12-02T08:00:00Z"));
    const viaPrisma = await prisma.$queryRawUnsafe<{ id: number; checkedAt: string }[]>(`SELECT "id", "checkedAt" FROM "HealthProbe" WHERE "id" = 7`);
    const rows = await probe(7);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].id)).toBe(7);
    expect(new Date(rows[0].checkedAt).toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(new Date(rows[0].checkedAt).getTime()).toBe(new Date(viaPrisma[0].checkedAt).getTime());
  });

  it("does not read another request's uncommitted writes: while a transaction holds the connection it waits its turn", async () => {
    let during: Promise<unknown[]> | null = null;
    await prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "HealthProbe" ("id", "checkedAt") VALUES (9, ?)`, new Date());
        during = probe(9); // another request's read, started mid-transaction
        await new Promise((r) => setTimeout(r, 20));
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await during).toEqual([]);
  });

  it("refuses anything but a read", async () => {
    await expect(readRows(`DELETE FROM "HealthProbe"`)).rejects.toThrow(/reads only/);
  });
});
