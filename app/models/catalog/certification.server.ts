// 扶贫产品认定 as staff keep it: which products carry the certificate shoppers trust, and which
// co-ops may supply certified products. A change reaches listings, the "certified only" filter and
// search at once (refreshProductDerived).
import { prisma } from "~/db.server";
import { businessDay, endOfBusinessDay } from "~/lib/china-time";
import type { CertStatus } from "~/models/catalog/certification-status";
import { invalidateCatalog } from "~/models/catalog/cache.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { DomainError } from "~/lib/errors";

export class CertificationError extends DomainError {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message, { field });
  }
}

export async function productsForCertification(filter: { status: CertStatus | null; q: string }) {
  return prisma.product.findMany({
    where: {
      ...(filter.status ? { certStatus: filter.status } : {}),
      ...(filter.q ? { OR: [{ name: { contains: filter.q } }, { coop: { name: { contains: filter.q } } }, { county: { name: { contains: filter.q } } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true, slug: true, name: true, certStatus: true, certNumber: true, certExpiresAt: true, status: true,
      county: { select: { name: true } },
      coop: { select: { name: true, status: true } },
    },
  });
}

/**
 * Records a certification decision. Certifying needs a certificate number, an expiry date still
 * ahead (Beijing time) and a co-op that is itself certified; revoking or expiring keeps the number
 * for the record.
 */
export async function decideCertification(input: { productId: string; status: CertStatus; certNumber: string; expiresOn: string; now?: Date }) {
  const now = input.now ?? new Date();
  const product = await prisma.product.findUnique({ where: { id: input.productId }, select: { id: true, coop: { select: { status: true } } } });
  if (!product) throw new CertificationError("form", "没有这个商品");
  if (input.status === "CERTIFIED") {
    if (product.coop.status !== "CERTIFIED") throw new CertificationError("form", "供货合作社尚未认定（或已暂停），不能认定其商品");
    if (input.expiresOn <= businessDay(now)) throw new CertificationError("expiresOn", "有效期须晚于今天");
  }
  await prisma.$transaction(async (tx) => {
    await tx.product.update({
      where: { id: product.id },
      data:
        input.status === "CERTIFIED"
          ? { certStatus: "CERTIFIED", certNumber: input.certNumber, certExpiresAt: endOfBusinessDay(input.expiresOn) }
          : { certStatus: input.status },
    });
    await refreshProductDerived(tx, product.id);
  });
}

export async function coopsForCertification() {
  return prisma.coop.findMany({
    orderBy: [{ status: "asc" }, { name: "asc" }],
    select: {
      id: true, name: true, creditCode: true, status: true, contactName: true, contactPhone: true,
      county: { select: { name: true } },
      _count: { select: { products: true, households: true } },
    },
  });
}

/**
 * Place pages list only certified co-ops, and the catalogue caches notice changes through their
 * products' updatedAt (docs/decisions/0003), so the co-op's products are touched with it.
 */
export async function setCoopStatus(coopId: string, status: "PENDING" | "CERTIFIED" | "SUSPENDED") {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.coop.updateMany({ where: { id: coopId }, data: { status } });
    if (count !== 1) throw new CertificationError("form", "没有这个合作社");
    await tx.product.updateMany({ where: { coopId }, data: { updatedAt: new Date() } });
  });
  invalidateCatalog();
}

/** Certificates whose expiry has passed stop showing as certified (run by the server's sweeper and `npm run sweep`). */
export async function expireCertificates(now = new Date()) {
  const due = await prisma.product.findMany({ where: { certStatus: "CERTIFIED", certExpiresAt: { lt: now } }, select: { id: true }, take: 500 });
  for (const { id } of due) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.product.updateMany({ where: { id, certStatus: "CERTIFIED", certExpiresAt: { lt: now } }, data: { certStatus: "EXPIRED" } });
      if (count) await refreshProductDerived(tx, id);
    });
  }
  return due.length;
}
