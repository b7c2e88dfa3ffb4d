// A product's moves as its co-op makes them (publish, unpublish, archive, restore), its offers to
// the halls, and its certificate submission. Every move is a conditional update on the status it
// starts from, recorded in the audit trail, and followed by refreshProductDerived so the halls and
// search change at once.
import crypto from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import type { CheckedDocument } from "~/lib/documents.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors";
import { removeStored, storeFile } from "~/lib/uploads.server";
import type { SessionUser } from "~/models/accounts/user.server";
import { recordAudit } from "~/models/audit/trail.server";
import { refreshProductDerived } from "~/models/catalog/product-derived.server";
import type { CertificateSubmission } from "~/models/coops/certificate.schema";
import { ListingNotFound } from "~/models/coops/listing.server";
import { PRODUCT_MOVES, type ProductMove, type ProductStatus } from "~/models/coops/product-status";

const TARGET: Record<ProductMove, ProductStatus> = { publish: "ACTIVE", unpublish: "DRAFT", archive: "ARCHIVED", restore: "DRAFT" };

/** Whether a product may go on sale: a valid certificate and a certified co-op. */
function publishBlocker(p: { certStatus: string; certExpiresAt: Date | null; coop: { status: string } }, now: Date) {
  if (p.coop.status !== "CERTIFIED") return "合作社当前不是认定状态，暂不能上架";
  if (p.certStatus !== "CERTIFIED" || !p.certExpiresAt || p.certExpiresAt <= now) return "须先通过扶贫产品认定（且在有效期内）才能上架";
  return null;
}

export async function moveProduct(coopId: string, slug: string, move: ProductMove, actorId: string, now = new Date()) {
  const product = await prisma.product.findFirst({
    where: { slug, coopId },
    select: { id: true, status: true, certStatus: true, certExpiresAt: true, coop: { select: { status: true } } },
  });
  if (!product) throw new ListingNotFound();
  const from = PRODUCT_MOVES[move] as readonly string[];
  if (!from.includes(product.status)) throw new ConflictError("商品当前状态不能这样操作，请刷新页面");
  if (move === "publish") {
    const blocker = publishBlocker(product, now);
    if (blocker) throw new ConflictError(blocker);
  }
  const to = TARGET[move];
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.product.updateMany({ where: { id: product.id, status: product.status }, data: { status: to } });
    if (count !== 1) throw new ConflictError("商品状态已变化，请刷新页面");
    await recordAudit(tx, { kind: "LISTING", actorId, coopId, productId: product.id, before: product.status, after: to });
    await refreshProductDerived(tx, product.id);
  });
  return to;
}

/** The co-op asks a hall to show the product; staff confirm it (catalog/hall.server.ts). */
export async function offerToHall(coopId: string, slug: string, hallId: string, actorId: string) {
  const product = await prisma.product.findFirst({ where: { slug, coopId }, select: { id: true, status: true, halls: { where: { hallId }, select: { hallId: true } } } });
  if (!product) throw new ListingNotFound();
  if (product.status === "ARCHIVED") throw new ConflictError("已归档的商品不能申请陈列");
  if (product.halls.length) throw new ConflictError("已在这个体验馆陈列");
  const hall = await prisma.hall.findUnique({ where: { id: hallId }, select: { id: true } });
  if (!hall) throw new NotFoundError("没有这个体验馆");
  await prisma.$transaction(async (tx) => {
    const existing = await tx.hallOffer.findUnique({ where: { hallId_productId: { hallId, productId: product.id } }, select: { hallId: true } });
    if (existing) return;
    await tx.hallOffer.create({ data: { hallId, productId: product.id, offeredById: actorId } });
    await recordAudit(tx, { kind: "HALL", actorId, coopId, productId: product.id, subject: await hallName(tx, hallId), before: "", after: "offered" });
  });
}

async function hallName(tx: Tx, hallId: string) {
  return (await tx.hall.findUniqueOrThrow({ where: { id: hallId }, select: { slogan: true } })).slogan;
}

/**
 * Submits (or corrects) the product's 扶贫产品认定 certificate for staff to check: number, issuing
 * county, validity and a scan. Not while it is certified (a renewal starts after it expires or is
 * revoked). The scan is written before the row and removed if the row fails.
 */
export async function submitCertificate(input: { coopId: string; slug: string; data: CertificateSubmission; scan: CheckedDocument | null; actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const product = await prisma.product.findFirst({
    where: { slug: input.slug, coopId: input.coopId },
    select: { id: true, status: true, certStatus: true, certScanKey: true },
  });
  if (!product) throw new ListingNotFound();
  if (product.status === "ARCHIVED") throw new ConflictError("已归档的商品不能申请认定");
  if (product.certStatus === "CERTIFIED") throw new ConflictError("认定在有效期内，无需重新提交");
  if (!input.scan && !product.certScanKey) throw new DomainError("请上传认定证书的扫描件或照片", { field: "scan" });
  if (input.data.validUntil <= businessDay(now)) throw new DomainError("证书已过有效期", { field: "validUntil" });
  const scanKey = input.scan ? `certificates/${crypto.randomBytes(12).toString("hex")}.${input.scan.extension}` : null;
  if (input.scan && scanKey) await storeFile(scanKey, input.scan.bytes);
  try {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.product.updateMany({
        where: { id: product.id, certStatus: product.certStatus },
        data: {
          certStatus: "PENDING",
          certNumber: input.data.certNumber,
          certIssuer: input.data.certIssuer,
          certValidFrom: new Date(`${input.data.validFrom}T00:00:00+08:00`),
          certExpiresAt: new Date(`${input.data.validUntil}T23:59:59+08:00`),
          certSubmittedAt: now,
          certRejectReason: null,
          ...(input.scan && scanKey ? { certScanKey: scanKey, certScanType: input.scan.type } : {}),
        },
      });
      if (count !== 1) throw new ConflictError("认定状态已变化，请刷新页面");
      await recordAudit(tx, { kind: "CERTIFICATE", actorId: input.actorId, coopId: input.coopId, productId: product.id, before: product.certStatus, after: "PENDING", reason: `提交证书 ${input.data.certNumber}` });
      await refreshProductDerived(tx, product.id);
    });
  } catch (error) {
    if (scanKey) await removeStored(scanKey);
    throw error;
  }
  if (scanKey && product.certScanKey) await removeStored(product.certScanKey);
}

/** The certificate scan, for the product's co-op or staff; to anyone else it does not exist. */
export async function certificateScanFor(viewer: SessionUser, productId: string) {
  const staff = viewer.roles.includes("staff");
  if (!staff && !viewer.coopId) throw new ListingNotFound();
  const product = await prisma.product.findFirst({
    where: { id: productId, ...(staff ? {} : { coopId: viewer.coopId! }) },
    select: { certScanKey: true, certScanType: true },
  });
  if (!product?.certScanKey || !product.certScanType) throw new ListingNotFound();
  return { key: product.certScanKey, type: product.certScanType };
}
