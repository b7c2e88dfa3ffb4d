// 1,000 concurrent checkout attempts for the last 100 units of one gift box.
// Goes through checkoutCart (app/models/orders/checkout.server.ts) — exactly what the POST /checkout action
// calls after parsing the form: read the cart, price it, reserve stock with a conditional decrement
// and create the order in one transaction, then clear the ordered lines. HTTP, the session cookie
// and the Stripe call are not included. One process, one SQLite file in WAL mode.
import os from "node:os";
import path from "node:path";
import { migrateFile } from "../tests/setup/migrate";

const ATTEMPTS = 1000;
const UNITS = 100;
const file = path.resolve(import.meta.dirname, "../data/bench/checkout.db");
await migrateFile(file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

const { prisma } = await import("~/db.server");
const { addToCart, findCart } = await import("~/models/orders/cart.server");
const { checkoutCart, CheckoutError } = await import("~/models/orders/checkout.server");
const { makeProduct, makeUser, makeWorld } = await import("../tests/factories");

const world = await makeWorld(prisma);
const product = await makeProduct(prisma, {
  countyId: world.county.id,
  coopId: world.coop.id,
  categoryId: world.category.id,
  name: "花牛苹果礼盒",
  variants: [{ priceFen: 12800, stock: UNITS, giftBox: true }],
});
const variantId = product.variants[0].id;
const noCookie = new Request("http://bench.local/");
const buyers: { userId: string; cartId: string }[] = [];
for (let i = 0; i < ATTEMPTS; i++) {
  const user = await makeUser(prisma, { email: `bench-${i}@example.test` });
  const { cartId } = await findCart(noCookie, user.id, { create: true });
  await addToCart(cartId, variantId, 1);
  buyers.push({ userId: user.id, cartId });
}
const form = (i: number) => ({
  recipient: "王小明",
  mobile: "13912345678",
  province: "山东省",
  city: "青岛市",
  district: "市南区",
  street: "香港中路 1 号",
  clientRequestId: `bench-${i}-${Date.now()}`,
});

const latencies: number[] = [];
let sold = 0;
let soldOut = 0;
let other = 0;
const started = performance.now();
await Promise.all(
  buyers.map(async (b, i) => {
    const t = performance.now();
    try {
      await checkoutCart({ userId: b.userId, cartId: b.cartId, form: form(i) });
      sold += 1;
    } catch (error) {
      if (error instanceof CheckoutError && error.soldOut) soldOut += 1;
      else {
        other += 1;
        if (other === 1) console.error(error);
      }
    } finally {
      latencies.push(performance.now() - t);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(0);
const finalStock = (await prisma.variant.findUniqueOrThrow({ where: { id: variantId }, select: { stock: true } })).stock;
const orders = await prisma.order.count({ where: { lines: { some: { variantId } } } });
const unitsSold = (await prisma.orderLine.aggregate({ where: { variantId }, _sum: { quantity: true } }))._sum.quantity ?? 0;

console.log(`checkout race: ${ATTEMPTS} concurrent attempts for ${UNITS} units (checkoutCart, in-process, SQLite WAL)`);
console.log(`  machine            : ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} (other work on the machine slows every figure)`);
console.log(`  attempts handled/s : ${(ATTEMPTS / seconds).toFixed(0)}  (all ${ATTEMPTS} answered in ${seconds.toFixed(2)} s)`);
console.log(`  orders placed/s    : ${(sold / seconds).toFixed(0)}`);
console.log(`  latency p50 / p99  : ${p(0.5)} ms / ${p(0.99)} ms`);
console.log(`  orders / sold out / other errors : ${sold} / ${soldOut} / ${other}`);
console.log(`  units sold         : ${unitsSold} (must be ${UNITS}); orders in db ${orders}`);
console.log(`  final stock        : ${finalStock} (must be 0)`);
await prisma.$disconnect();
const ok = unitsSold === UNITS && finalStock === 0 && other === 0;
if (!ok) console.error("FAILED: oversold, undersold or unexpected errors");
process.exit(ok ? 0 : 1);
