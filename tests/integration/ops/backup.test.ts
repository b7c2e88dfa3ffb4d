// A backup taken while orders are being paid restores to a store whose books reconcile.
import fs from "node:fs";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { PrismaClient } from "~/generated/prisma/client";
import { backupDatabase, BackupError, restoreDatabase } from "~/lib/backup.server";
import { reconcile } from "~/models/impact/reconciliation.server";
import { markOrderPaid, placeOrder } from "~/models/orders/order.server";
import { makeHousehold, makeProduct, makeUser, makeWorld, setShare } from "../../factories";

const dir = fs.mkdtempSync(path.join(path.resolve(import.meta.dirname, "../../../data/test"), "backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function buyAndPay(variantId: string, buyerId: string) {
  const order = await placeOrder({ buyerId, status: "PENDING_PAYMENT", lines: [{ variantId, quantity: 1 }] });
  const { totalFen } = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true } });
  await markOrderPaid({ orderId: order.id, method: "TEST", provider: "test", providerRef: `test_${order.id}`, amountFen: totalFen });
  return order.number;
}

describe("backup and restore", () => {
  it("a backup taken during a checkout burst restores with every order paid before it and the ledger reconciled", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 4990, stock: 100_000 }] });
    const household = await makeHousehold(prisma, { countyId: w.county.id, coopId: w.coop.id });
    await setShare(prisma, { productId: product.id, householdId: household.id, weight: 1 });
    const buyers = await Promise.all(Array.from({ length: 6 }, () => makeUser(prisma)));
    const variantId = product.variants[0].id;

    const paidBefore = await Promise.all(buyers.map((b) => buyAndPay(variantId, b.id)));
    // the burst: six buyers keep checking out while the backup runs (it starts once the burst has)
    let stop = false;
    const paidDuring: string[] = [];
    let burstStarted!: () => void;
    const started = new Promise<void>((resolve) => (burstStarted = resolve));
    const burst = Promise.all(
      buyers.map(async (b) => {
        while (!stop) {
          paidDuring.push(await buyAndPay(variantId, b.id));
          if (paidDuring.length >= buyers.length) burstStarted();
        }
      }),
    );
    await started;
    const backup = await backupDatabase({ databaseUrl: process.env.DATABASE_URL!, dir }).finally(() => (stop = true));
    await burst;
    expect(path.basename(backup.file)).toMatch(/^longhuotong-\d{8}T\d{6}Z\.db$/);
    expect(fs.existsSync(`${backup.file}.partial`)).toBe(false);

    const restoredUrl = `file:${path.join(dir, "restored.db")}`;
    await restoreDatabase({ backupFile: backup.file, databaseUrl: restoredUrl });
    const restored = new PrismaClient({ adapter: new PrismaLibSQL({ url: restoredUrl }) });
    try {
      const paid = await restored.order.findMany({ where: { status: "PAID" }, select: { number: true, payments: { select: { status: true } } } });
      const numbers = new Set(paid.map((o) => o.number));
      expect(paidBefore.every((n) => numbers.has(n))).toBe(true);
      // whatever the copy holds of the burst, it holds whole: each paid order with its payment
      expect(paid.every((o) => o.payments.length === 1 && o.payments[0].status === "SUCCEEDED")).toBe(true);
      expect(paid.length).toBeGreaterThanOrEqual(paidBefore.length);
      expect(paid.length).toBeLessThanOrEqual(paidBefore.length + paidDuring.length);
      const books = await reconcile(restored);
      expect(books.mismatches).toEqual([]);
      expect(books.ok).toBe(true);
      expect(books.orders).toBe(paid.length);
    } finally {
      await restored.$disconnect();
    }
  });

  it("restore keeps the database it replaces, and refuses a file that is not a backup", async () => {
    const backup = await backupDatabase({ databaseUrl: process.env.DATABASE_URL!, dir: path.join(dir, "second") });
    const target = path.join(dir, "target.db");
    fs.writeFileSync(target, "the old database");
    const result = await restoreDatabase({ backupFile: backup.file, databaseUrl: `file:${target}` });
    expect(fs.readFileSync(result.keptAs!, "utf8")).toBe("the old database");
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not sqlite at all, just text that is long enough to be a header of something");
    await expect(restoreDatabase({ backupFile: junk, databaseUrl: `file:${target}` })).rejects.toBeInstanceOf(BackupError);
    await expect(backupDatabase({ databaseUrl: "libsql://example.turso.io", dir })).rejects.toBeInstanceOf(BackupError);
  });
});
