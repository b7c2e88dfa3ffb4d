// A small world for the scheme tests: a county with households, its co-op and manager, and the
// scheme categories. Each call makes a fresh one, so test files and tests do not see each other.
import { PDFParse } from "pdf-parse";
import { prisma } from "~/db.server";
import { markOrderPaid } from "~/models/orders/order.server";
import { makeHousehold, makeSchemeCategories, makeUser, makeWorld } from "../factories";

export async function schemeWorld() {
  const world = await makeWorld(prisma);
  const categories = await makeSchemeCategories(prisma);
  const households = [];
  for (let i = 0; i < 3; i++) households.push(await makeHousehold(prisma, { countyId: world.county.id, coopId: world.coop.id, members: 3 + i }));
  const manager = await makeUser(prisma, { roles: ["coop_manager"], coopId: world.coop.id });
  return { ...world, categories, households, manager, shares: households.map((h, i) => ({ householdId: h.id, weight: i + 1 })) };
}

/** Pays an order as the test payment page would: through markOrderPaid, the path every payment takes. */
export async function pay(orderId: string, paidAt?: Date) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalFen: true } });
  return markOrderPaid({ orderId, method: "TEST", provider: "test", providerRef: `test_${orderId}`, amountFen: order.totalFen, paidAt });
}

export async function pdfText(bytes: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, "");
  } finally {
    await parser.destroy();
  }
}

/** The ledger's county-level net for an order's lines. */
export async function ledgerFen(orderId: string) {
  const rows = await prisma.attributionEntry.aggregate({ where: { level: "COUNTY", orderLine: { orderId } }, _sum: { amountFen: true } });
  return rows._sum.amountFen ?? 0;
}
