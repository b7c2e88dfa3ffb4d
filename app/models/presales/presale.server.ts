// Pre-sales (订单农业) as buyers see them: a product sold before harvest, with its expected window,
// the committed quantity, the minimum to go ahead, and what is left.
import { prisma } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { STANDING_STATUSES } from "~/models/orders/status";

const cardSelect = {
  slug: true,
  name: true,
  intro: true,
  unit: true,
  priceFen: true,
  depositFen: true,
  committedQty: true,
  minimumQty: true,
  harvestFrom: true,
  harvestTo: true,
  closesAt: true,
  status: true,
  variant: { select: { stock: true } },
  product: {
    select: {
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
      county: { select: { name: true, slug: true, prefecture: { select: { name: true } } } },
      _count: { select: { shares: true } },
    },
  },
  coop: { select: { name: true } },
} as const;

/** Units pre-ordered and paid (first payment), per pre-sale. */
async function soldQty(presaleIds: string[]) {
  const rows = await prisma.presaleOrder.groupBy({
    by: ["presaleId"],
    where: { presaleId: { in: presaleIds }, stage: { not: "CANCELLED" }, firstOrder: { status: { in: [...STANDING_STATUSES] } } },
    _sum: { quantity: true },
  });
  return new Map(rows.map((r) => [r.presaleId, r._sum.quantity ?? 0]));
}

export async function listPresales(filter: { hallSlug?: string } = {}) {
  const rows = await prisma.presale.findMany({
    where: filter.hallSlug ? { product: { county: { partnerCity: { hall: { slug: filter.hallSlug } } } } } : {},
    orderBy: [{ status: "desc" }, { slug: "asc" }],
    select: { id: true, ...cardSelect },
  });
  const sold = await soldQty(rows.map((r) => r.id));
  return rows.map(({ id, variant, ...p }) => ({ ...p, left: variant.stock, sold: sold.get(id) ?? 0 }));
}
export type PresaleCard = Awaited<ReturnType<typeof listPresales>>[number];

export async function presalePage(slug: string) {
  const p = await prisma.presale.findUnique({
    where: { slug },
    select: {
      id: true,
      ...cardSelect,
      balanceDays: true,
      unpaidBalance: true,
      harvestQty: true,
      product: {
        select: {
          ...cardSelect.product.select,
          images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
          description: true,
          shares: { select: { household: { select: { members: true } } } },
        },
      },
      notices: { orderBy: { createdAt: "desc" }, select: { id: true, kind: true, text: true, createdAt: true } },
    },
  });
  if (!p) throw new NotFoundError("没有这个预售");
  const sold = (await soldQty([p.id])).get(p.id) ?? 0;
  const { variant, product, ...rest } = p;
  return {
    ...rest,
    left: variant.stock,
    sold,
    product: { ...product, shares: undefined, households: product.shares.length, people: product.shares.reduce((s, x) => s + x.household.members, 0) },
  };
}
export type PresalePage = Awaited<ReturnType<typeof presalePage>>;

/** Units pre-ordered and standing, all pre-sales (the public impact page). */
export async function preorderedUnits() {
  return (await prisma.presaleOrder.aggregate({ where: { stage: { not: "CANCELLED" }, firstOrder: { status: { in: [...STANDING_STATUSES] } } }, _sum: { quantity: true } }))._sum.quantity ?? 0;
}
