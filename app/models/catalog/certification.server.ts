// 扶贫产品认定 as staff keep it: which products carry the certificate shoppers trust, and which
// co-ops may supply certified products. A change reaches listings, the "certified only" filter and
// search at once (refreshProductDerived).
import { prisma } from "~/db.server";
import { businessDay, endOfBusinessDay } from "~/lib/china-time";
import type { CertStatus } from "~/models/catalog/certification-status";
import { invalidateCatalog } from "~/models/catalog/cache.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import { ConflictError, DomainError } from "~/lib/errors";
import { productTrail, recordAudit, type AuditInput } from "~/models/audit/trail.server";
import { noticeCertificateDecision } from "~/models/suppliers/notices.server";

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
      certIssuer: true, certValidFrom: true, certSubmittedAt: true, certScanType: true, certRejectReason: true,
      county: { select: { name: true } },
      coop: { select: { name: true, status: true } },
      variants: { orderBy: { position: "asc" }, select: { name: true, priceFen: true, refPriceFen: true, refPriceSource: true, refPriceDate: true } },
    },
  });
}

/**
 * Records a certification decision. Certifying needs a certificate number, an expiry date still
 * ahead (Beijing time) and a co-op that is itself certified; revoking or expiring keeps the number
 * for the record. Certifying a draft whose co-op submitted its certificate publishes it: that is
 * the moment a new product goes on sale.
 */
export async function decideCertification(input: { productId: string; status: CertStatus; certNumber: string; expiresOn: string; actorId: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  const product = await prisma.product.findUnique({
    where: { id: input.productId },
    select: { id: true, slug: true, name: true, coopId: true, status: true, certStatus: true, certNumber: true, certSubmittedAt: true, coop: { select: { status: true } } },
  });
  if (!product) throw new CertificationError("form", "没有这个商品");
  if (input.status === "CERTIFIED") {
    if (product.coop.status !== "CERTIFIED") throw new CertificationError("form", "供货合作社尚未认定（或已暂停），不能认定其商品");
    if (input.expiresOn <= businessDay(now)) throw new CertificationError("expiresOn", "有效期须晚于今天");
  }
  const publish = input.status === "CERTIFIED" && product.status === "DRAFT" && product.certSubmittedAt !== null;
  await prisma.$transaction(async (tx) => {
    await tx.product.update({
      where: { id: product.id },
      data:
        input.status === "CERTIFIED"
          ? { certStatus: "CERTIFIED", certNumber: input.certNumber, certExpiresAt: endOfBusinessDay(input.expiresOn), certRejectReason: null, ...(publish ? { status: "ACTIVE" } : {}) }
          : { certStatus: input.status },
    });
    const base = { actorId: input.actorId, coopId: product.coopId, productId: product.id };
    await recordAudit(tx, [
      { ...base, kind: "CERTIFICATE", before: product.certStatus, after: input.status, reason: input.status === "CERTIFIED" ? `证书 ${input.certNumber}，有效期至 ${input.expiresOn}` : null },
      ...(publish ? [{ ...base, kind: "LISTING", before: product.status, after: "ACTIVE", reason: "认定通过，自动上架" } as AuditInput] : []),
    ]);
    // the co-op hears the outcome of what it submitted (not of staff's own corrections)
    if (input.status === "CERTIFIED" && product.certStatus === "PENDING" && product.certSubmittedAt) {
      await noticeCertificateDecision(tx, { coopId: product.coopId, productName: product.name, productSlug: product.slug, outcome: "certified" });
    }
    await refreshProductDerived(tx, product.id);
  });
  return { published: publish };
}

/** Sends a submitted certificate back with a reason the co-op sees; it corrects and resubmits. */
export async function rejectCertification(input: { productId: string; reason: string; actorId: string }) {
  await prisma.$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: input.productId }, select: { id: true, slug: true, name: true, coopId: true } });
    if (!product) throw new CertificationError("form", "没有这个商品");
    const { count } = await tx.product.updateMany({ where: { id: product.id, certStatus: "PENDING" }, data: { certStatus: "REJECTED", certRejectReason: input.reason } });
    if (count !== 1) throw new ConflictError("这件商品没有待审核的认定申请");
    await recordAudit(tx, { kind: "CERTIFICATE", actorId: input.actorId, coopId: product.coopId, productId: product.id, before: "PENDING", after: "REJECTED", reason: input.reason });
    await noticeCertificateDecision(tx, { coopId: product.coopId, productName: product.name, productSlug: product.slug, outcome: "rejected", reason: input.reason });
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
 * A co-op's status. Only a certified co-op sells: leaving CERTIFIED takes its products on sale off
 * (SUSPENDED), returning to it puts those back (and only those: a product the co-op had taken down
 * stays down). Place pages list only certified co-ops, and the catalogue caches notice through the
 * products' updatedAt (docs/decisions/0003), so every product of the co-op is touched.
 */
export async function setCoopStatus(coopId: string, status: "PENDING" | "CERTIFIED" | "SUSPENDED", actorId: string | null = null) {
  await prisma.$transaction(async (tx) => {
    const coop = await tx.coop.findUnique({ where: { id: coopId }, select: { status: true } });
    if (!coop) throw new CertificationError("form", "没有这个合作社");
    if (coop.status === status) return;
    await tx.coop.update({ where: { id: coopId }, data: { status } });
    const [from, to] = status === "CERTIFIED" ? ["SUSPENDED", "ACTIVE"] : ["ACTIVE", "SUSPENDED"];
    const moved = await tx.product.findMany({ where: { coopId, status: from }, select: { id: true } });
    await tx.product.updateMany({ where: { coopId, status: from }, data: { status: to } });
    await tx.product.updateMany({ where: { coopId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, [
      { kind: "COOP_STATUS", actorId, coopId, before: coop.status, after: status },
      ...moved.map((p): AuditInput => ({ kind: "LISTING", actorId, coopId, productId: p.id, before: from, after: to, reason: "合作社状态变更" })),
    ]);
  });
  invalidateCatalog();
}

/** Certificates whose expiry has passed stop showing as certified (run by the server's sweeper and `npm run sweep`). */
export async function expireCertificates(now = new Date()) {
  const due = await prisma.product.findMany({ where: { certStatus: "CERTIFIED", certExpiresAt: { lt: now } }, select: { id: true }, take: 500 });
  for (const { id } of due) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.product.updateMany({ where: { id, certStatus: "CERTIFIED", certExpiresAt: { lt: now } }, data: { certStatus: "EXPIRED" } });
      if (!count) return;
      const { coopId } = await tx.product.findUniqueOrThrow({ where: { id }, select: { coopId: true } });
      await recordAudit(tx, { kind: "CERTIFICATE", actorId: null, coopId, productId: id, before: "CERTIFIED", after: "EXPIRED", reason: "有效期已过" });
      await refreshProductDerived(tx, id);
    });
  }
  return due.length;
}

/** Staff's view of one product: its facts, variants with reference prices, and its whole trail. */
export async function productRecordForStaff(slug: string) {
  const product = await prisma.product.findUnique({
    where: { slug },
    select: {
      id: true, slug: true, name: true, status: true, certStatus: true, certNumber: true, certExpiresAt: true, certIssuer: true, certScanType: true,
      county: { select: { name: true } },
      coop: { select: { name: true, status: true } },
      variants: { orderBy: { position: "asc" }, select: { id: true, sku: true, name: true, priceFen: true, stock: true, active: true, refPriceFen: true, refPriceSource: true, refPriceDate: true, lowStockThreshold: true } },
      halls: { select: { hall: { select: { slogan: true } } } },
    },
  });
  if (!product) return null;
  return { product, trail: await productTrail(product.id, null, 200) };
}
