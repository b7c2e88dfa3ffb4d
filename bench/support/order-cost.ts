// In process, one order at a time: the time the database is held by the transaction that places
// an order (checkoutCart → placeOrder) and by the one that marks it paid (markOrderPaid), on a copy
// of the demo database (products with households behind them, so the ledger writes every level).
// Also the CPU time of the whole call. Prints JSON. Run by rush.bench.ts; usable alone:
//   tsx bench/support/order-cost.ts data/bench/base.db
import fs from "node:fs";
import path from "node:path";
import { useProductionEnv } from "./production-env";

const source = path.resolve(process.argv[2] ?? "data/bench/base.db");
const ORDERS = Number(process.env.ORDERS ?? 400);
const WARM = 60;
const file = path.resolve("data/bench/order-cost.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
fs.copyFileSync(source, file);
process.env.DATABASE_URL = `file:${file}`;
useProductionEnv();

const { prisma } = await import("~/db.server");
const { addToCart, findCart } = await import("~/models/orders/cart.server");
const { checkoutCart } = await import("~/models/orders/checkout.server");
const { markOrderPaid } = await import("~/models/orders/order.server");

// Time spent inside interactive transactions (BEGIN … COMMIT), by the label of the running phase.
let phase = "";
// Wall time and this process's CPU time: on a shared machine the wall time mostly measures the
// wait for a core, the CPU time what the transaction itself costs.
const txMs: Record<string, number[]> = {};
const txCpuMs: Record<string, number[]> = {};
const original = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
(prisma as unknown as { $transaction: unknown }).$transaction = async (...args: unknown[]) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await original(...args);
  } finally {
    const used = process.cpuUsage(cpu);
    (txMs[phase] ??= []).push(performance.now() - started);
    (txCpuMs[phase] ??= []).push((used.user + used.system) / 1000);
  }
};

const variants = await prisma.variant.findMany({
  where: { active: true, stock: { gt: 0 }, product: { status: "ACTIVE", shares: { some: {} } } },
  select: { id: true },
  take: 30,
});
await prisma.variant.updateMany({ where: { id: { in: variants.map((v) => v.id) } }, data: { stock: 1_000_000 } });
const buyer = await prisma.user.findFirstOrThrow({ where: { email: "consumer@demo.longhuo.cn" }, select: { id: true } });
const noCookie = new Request("http://bench.local/");
const form = (i: number) => ({
  addressId: "new", recipient: "王小明", mobile: "13912345678", province: "山东省", city: "青岛市", district: "市南区",
  street: "香港中路 1 号", clientRequestId: `cost-${i}-${Date.now()}`,
});

const cpu = { place: [] as number[], paid: [] as number[] };
for (let i = 0; i < WARM + ORDERS; i++) {
  const { cartId } = await findCart(noCookie, buyer.id, { create: true });
  for (let k = 0; k < 3; k++) await addToCart(cartId, variants[(i * 3 + k) % variants.length].id, 1 + k);
  const measured = i >= WARM;
  phase = measured ? "place" : "";
  let c = process.cpuUsage();
  const order = await checkoutCart({ userId: buyer.id, cartId, form: form(i) as never });
  c = process.cpuUsage(c);
  if (measured) cpu.place.push((c.user + c.system) / 1000);
  const { totalFen } = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true } });
  phase = measured ? "paid" : "";
  c = process.cpuUsage();
  await markOrderPaid({ orderId: order.id, method: "CARD", provider: "stripe", providerRef: `pi_cost_${i}_${Date.now()}`, amountFen: totalFen });
  c = process.cpuUsage(c);
  if (measured) cpu.paid.push((c.user + c.system) / 1000);
  phase = "";
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const out = {
  orders: ORDERS,
  placeTxMs: { p50: median(txMs.place), p95: p95(txMs.place) },
  paidTxMs: { p50: median(txMs.paid), p95: p95(txMs.paid) },
  placeTxCpuMs: median(txCpuMs.place),
  paidTxCpuMs: median(txCpuMs.paid),
  placeCallCpuMs: median(cpu.place),
  paidCallCpuMs: median(cpu.paid),
};
await prisma.$disconnect();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
console.log(JSON.stringify(out));
