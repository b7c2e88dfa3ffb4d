// Writing and reading the audit trail. Every write goes inside the transaction of the change it
// records, so a change and its record stand or fall together. Reads are scoped by co-op: another
// co-op's product has no trail (the caller's 404).
import { prisma, type Tx } from "~/db.server";
import type { AuditKind } from "~/models/audit/trail";

export interface AuditInput {
  kind: AuditKind;
  actorId: string | null;
  coopId?: string | null;
  productId?: string | null;
  variantId?: string | null;
  applicationId?: string | null;
  subject?: string;
  before: string | number | null;
  after: string | number | null;
  delta?: number | null;
  reason?: string | null;
}

const text = (v: string | number | null) => (v === null ? null : String(v));

export async function recordAudit(tx: Tx, entries: AuditInput | AuditInput[]) {
  const list = (Array.isArray(entries) ? entries : [entries]).filter((e) => text(e.before) !== text(e.after));
  if (list.length === 0) return;
  await tx.auditEntry.createMany({
    data: list.map((e) => ({
      kind: e.kind,
      actorId: e.actorId,
      coopId: e.coopId ?? null,
      productId: e.productId ?? null,
      variantId: e.variantId ?? null,
      applicationId: e.applicationId ?? null,
      subject: e.subject ?? "",
      before: text(e.before),
      after: text(e.after),
      delta: e.delta ?? null,
      reason: e.reason ?? null,
    })),
  });
}

const entrySelect = {
  id: true,
  kind: true,
  subject: true,
  before: true,
  after: true,
  delta: true,
  reason: true,
  createdAt: true,
  actor: { select: { name: true } },
} as const;

/**
 * A product's trail, newest first. `coopId` null means staff (every product); otherwise only the
 * co-op's own product has one.
 */
export async function productTrail(productId: string, coopId: string | null, take = 100) {
  return prisma.auditEntry.findMany({
    where: { productId, ...(coopId ? { product: { coopId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: entrySelect,
  });
}

/** A variant's stock moves, newest first (the stock history). */
export async function stockHistory(productId: string, coopId: string | null, take = 50) {
  return prisma.auditEntry.findMany({
    where: { productId, kind: "STOCK", ...(coopId ? { product: { coopId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { ...entrySelect, variantId: true },
  });
}

/** The co-op-wide entries (its status, its application). */
export async function coopTrail(coopId: string, take = 50) {
  return prisma.auditEntry.findMany({
    where: { coopId, productId: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: entrySelect,
  });
}

export async function applicationTrail(applicationId: string, take = 50) {
  return prisma.auditEntry.findMany({
    where: { applicationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: entrySelect,
  });
}

export type AuditRow = Awaited<ReturnType<typeof productTrail>>[number];
