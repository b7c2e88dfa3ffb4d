import crypto from "node:crypto";
import { sha256 } from "~/lib/hash.server";
import { endAllSessions } from "~/models/accounts/session.server";
import { prisma, raw } from "~/db.server";
import type { Role } from "~/models/accounts/roles";
import { ORG_LICENCE_LABEL, ORG_MEMBER_ROLE_LABELS, type OrgMemberRole } from "~/models/institutions/organization.schema";
import { queueEmail } from "~/models/messages/outbox.server";
import type { CheckedDocument } from "~/lib/documents.server";
import { DomainError, NotFoundError } from "~/lib/errors";
import { removeStored, storeFile } from "~/lib/uploads.server";

export const ORG_ROLE_OF: Record<OrgMemberRole, Role> = { BUYER: "org_buyer", APPROVER: "org_approver", ADMIN: "org_admin" };
export const ORG_ROLES: Role[] = ["org_buyer", "org_approver", "org_admin"];
const INVITE_DAYS = 7;

export class OrganizationError extends DomainError {}

type OrganizationOfMember = {
  id: string; name: string; creditCode: string; status: string; approvalLimitFen: number; invoiceTitle: string;
  taxNumber: string; city: string; type: string; rejectReason: string | null;
};

/**
 * The organisation a member acts for, as the /org pages show it. Every /org page reads it (and the
 * layout the banner below), so both are raw reads: Prisma's compiler cost about 0.7 ms a query
 * (decision 0016, third pass); tests/integration/institutions/org-page-reads.test.ts holds them to it.
 */
export async function organizationOfMember(organizationId: string): Promise<OrganizationOfMember> {
  const [org] = await raw(prisma).query<OrganizationOfMember>(
    `SELECT "id", "name", "creditCode", "status", "approvalLimitFen", "invoiceTitle", "taxNumber", "city", "type", "rejectReason"
     FROM "Organization" WHERE "id" = ?`,
    organizationId,
  );
  if (!org) throw new NotFoundError("没有这个单位");
  return { ...org, approvalLimitFen: Number(org.approvalLimitFen) };
}

/** Name and status for the /org header, or null for someone without an organisation. */
export async function organizationBanner(organizationId: string | null): Promise<{ name: string; status: string } | null> {
  if (!organizationId) return null;
  const [org] = await raw(prisma).query<{ name: string; status: string }>(`SELECT "name", "status" FROM "Organization" WHERE "id" = ?`, organizationId);
  return org ?? null;
}

/**
 * A logged-in user registers their organisation with its 营业执照 / 单位证明 scan (stored like a
 * supplier's licence: private, under a random key); it waits for staff and they become its admin.
 */
export async function registerOrganization(
  userId: string,
  data: { name: string; type: string; creditCode: string; invoiceTitle: string; taxNumber: string; city: string; contactName: string; contactPhone: string },
  licence: CheckedDocument | null,
) {
  if (!licence) throw new OrganizationError(`请上传${ORG_LICENCE_LABEL}（图片或 PDF）`, { field: "licence" });
  const licenceKey = `licences/org-${crypto.randomBytes(12).toString("hex")}.${licence.extension}`;
  await storeFile(licenceKey, licence.bytes);
  try {
    return await createRegistration(userId, { ...data, licenceKey, licenceType: licence.type });
  } catch (error) {
    await removeStored(licenceKey); // nothing registered: no orphan scan left behind
    throw error;
  }
}

function createRegistration(userId: string, data: Parameters<typeof prisma.organization.create>[0]["data"] & { creditCode: string }) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { organizationId: true } });
    if (user.organizationId) throw new OrganizationError("您已属于一个单位");
    const existing = await tx.organization.findUnique({ where: { creditCode: data.creditCode }, select: { id: true } });
    if (existing) throw new OrganizationError("该统一社会信用代码已注册，请联系本单位管理员邀请您加入");
    const org = await tx.organization.create({ data: { ...data, status: "PENDING" }, select: { id: true } });
    // Conditional: two registrations racing for the same user leave it in exactly one organisation.
    const { count } = await tx.user.updateMany({ where: { id: userId, organizationId: null }, data: { organizationId: org.id } });
    if (count !== 1) throw new OrganizationError("您已属于一个单位");
    await tx.userRole.upsert({ where: { userId_role: { userId, role: "org_admin" } }, create: { userId, role: "org_admin" }, update: {} });
    await endAllSessions(userId, tx); // new rights, new session (the route signs them in again)
    return org;
  });
}

export async function listOrganizations(status?: string) {
  return prisma.organization.findMany({
    where: status ? { status } : undefined,
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true, name: true, type: true, creditCode: true, invoiceTitle: true, taxNumber: true, city: true, status: true,
      approvalLimitFen: true, createdAt: true, contactName: true, contactPhone: true, licenceType: true, rejectReason: true, _count: { select: { members: true, orders: true } },
      tiers: { select: { id: true, minQty: true, priceFen: true, variant: { select: { sku: true, name: true, product: { select: { name: true } } } } } },
    },
  });
}

/**
 * Staff verify or reject a pending organisation; only verified organisations may place orders. A
 * rejection carries its reason, which the applicant reads on /org.
 */
export async function reviewOrganization(organizationId: string, decision: "VERIFIED" | "REJECTED", reason?: string) {
  if (decision === "REJECTED" && !reason?.trim()) throw new OrganizationError("请写明未通过的原因（申请单位会看到）", { field: "reason" });
  const { count } = await prisma.organization.updateMany({
    where: { id: organizationId, status: { not: decision } },
    data: { status: decision, rejectReason: decision === "REJECTED" ? reason!.trim() : null },
  });
  if (count !== 1) throw new OrganizationError("单位不存在或状态未变化");
}

/** The registration's scan, for staff verifying it. */
export async function organizationLicence(organizationId: string) {
  const org = await prisma.organization.findUnique({ where: { id: organizationId }, select: { licenceKey: true, licenceType: true } });
  if (!org?.licenceKey || !org.licenceType) throw new NotFoundError("该单位没有上传证明文件");
  return { key: org.licenceKey, type: org.licenceType };
}

/** Staff give an organisation its own price from a quantity on (an agreed framework price). */
export async function setOrganizationTier(input: { organizationId: string; sku: string; minQty: number; priceFen: number }) {
  const variant = await prisma.variant.findUnique({ where: { sku: input.sku }, select: { id: true, priceFen: true } });
  if (!variant) throw new OrganizationError(`没有 SKU 为 ${input.sku} 的商品`);
  if (input.priceFen <= 0 || input.priceFen > variant.priceFen) throw new OrganizationError("单位专享价应大于 0 且不高于零售价");
  await prisma.$transaction([
    prisma.priceTier.deleteMany({ where: { variantId: variant.id, organizationId: input.organizationId, minQty: input.minQty } }),
    prisma.priceTier.create({ data: { variantId: variant.id, organizationId: input.organizationId, minQty: input.minQty, priceFen: input.priceFen } }),
  ]);
}

export async function removeOrganizationTier(tierId: string) {
  await prisma.priceTier.deleteMany({ where: { id: tierId, organizationId: { not: null } } });
}

export async function updateApprovalLimit(organizationId: string, approvalLimitFen: number) {
  await prisma.organization.update({ where: { id: organizationId }, data: { approvalLimitFen }, select: { id: true } });
}

export async function listMembers(organizationId: string) {
  const [members, invites] = await Promise.all([
    prisma.user.findMany({
      where: { organizationId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, email: true, roles: { where: { role: { in: ORG_ROLES } }, select: { role: true } } },
    }),
    prisma.orgInvite.findMany({
      where: { organizationId, acceptedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, orgRole: true, expiresAt: true },
    }),
  ]);
  return { members, invites };
}

/**
 * Takes someone out of the organisation (they left, or changed jobs): they keep their account but
 * lose its organisation and every organisation role at once, so they can no longer order, approve
 * or see its orders. The orders they placed stay with the organisation. An admin cannot remove
 * themselves, which also means the organisation always keeps an admin.
 */
export async function removeMember(input: { organizationId: string; adminId: string; memberId: string }) {
  if (input.memberId === input.adminId) throw new OrganizationError("不能移除自己；请由另一位单位管理员操作");
  await prisma.$transaction(async (tx) => {
    const left = await tx.user.updateMany({ where: { id: input.memberId, organizationId: input.organizationId }, data: { organizationId: null } });
    if (left.count !== 1) throw new OrganizationError("本单位没有这位成员");
    await tx.userRole.deleteMany({ where: { userId: input.memberId, role: { in: ORG_ROLES } } });
    await endAllSessions(input.memberId, tx);
  });
}

/** Withdraws an invitation that has not been accepted: its link stops working at once. */
export async function revokeInvite(input: { organizationId: string; inviteId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const { count } = await prisma.orgInvite.updateMany({
    where: { id: input.inviteId, organizationId: input.organizationId, acceptedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  if (count !== 1) throw new OrganizationError("这个邀请已被接受、已过期或不属于本单位");
}

/**
 * Invites a colleague by e-mail. The link carries a random token; only its hash is stored, so a
 * copy of the database cannot be used to join. The e-mail goes through the outbox.
 */
export async function inviteMember(input: { organizationId: string; email: string; orgRole: OrgMemberRole; origin: string; now?: Date }) {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
  await prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true } });
    await tx.orgInvite.create({ data: { organizationId: input.organizationId, email: input.email, orgRole: input.orgRole, tokenHash: sha256(token), expiresAt } });
    await queueEmail(tx, {
      to: input.email,
      kind: "invitation",
      subject: `邀请您加入「${org.name}」的陇货通单位采购`,
      content: {
        greeting: "您好：",
        paragraphs: [
          `${org.name} 邀请您以${ORG_MEMBER_ROLE_LABELS[input.orgRole]}身份加入陇货通单位采购。`,
          `请在 ${INVITE_DAYS} 天内用本邮箱登录（没有账号请先注册）后打开下面的链接接受邀请。`,
        ],
        action: { label: "接受邀请", url: `${input.origin}/org/invite/${token}` },
        note: "如非本人操作请忽略此邮件。",
      },
    });
  });
  return { token, expiresAt };
}

export async function findInvite(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return prisma.orgInvite.findFirst({
    where: { tokenHash: sha256(token), acceptedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, orgRole: true, organizationId: true, organization: { select: { name: true } } },
  });
}

/** Accepts an invitation once; the logged-in account must be the invited address. */
export async function acceptInvite(token: string, user: { id: string; email: string }, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const invite = await tx.orgInvite.findFirst({
      where: { tokenHash: sha256(token), acceptedAt: null, expiresAt: { gt: now } },
      select: { id: true, email: true, orgRole: true, organizationId: true },
    });
    if (!invite) throw new OrganizationError("邀请链接无效或已过期");
    if (invite.email !== user.email) throw new OrganizationError(`此邀请发给 ${invite.email}，请用该邮箱登录后再打开链接`);
    const used = await tx.orgInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (used.count !== 1) throw new OrganizationError("邀请链接已被使用");
    const joined = await tx.user.updateMany({
      where: { id: user.id, OR: [{ organizationId: null }, { organizationId: invite.organizationId }] },
      data: { organizationId: invite.organizationId },
    });
    if (joined.count !== 1) throw new OrganizationError("您已属于另一个单位，不能再加入");
    const role = ORG_ROLE_OF[invite.orgRole as OrgMemberRole];
    if (!role) throw new OrganizationError("邀请的角色无效");
    await tx.userRole.upsert({ where: { userId_role: { userId: user.id, role } }, create: { userId: user.id, role }, update: {} });
    await endAllSessions(user.id, tx); // new rights, new session (the route signs them in again)
    return invite.organizationId;
  });
}
