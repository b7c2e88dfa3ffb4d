import crypto from "node:crypto";
import { prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { sha256 } from "~/lib/hash.server";
import { siteUrl } from "~/lib/public-origin.server";
import { endAllSessions } from "~/models/accounts/session.server";
import { hashPassword, normaliseEmail } from "~/models/accounts/user.server";
import { queueEmail } from "~/models/messages/outbox.server";

// 忘记密码: a one-time link by e-mail. The link carries a random token; only its SHA-256 is stored
// (a copy of the database cannot be used to reset anyone), it works once and for RESET_MINUTES,
// and a new request replaces any earlier link. Setting the new password ends every session of the
// account: whoever had it before is signed out everywhere.

export const RESET_MINUTES = 30;

const EXPIRED = "重置链接无效或已过期，请重新申请";

export class ResetLinkError extends DomainError {
  constructor() {
    super(EXPIRED, { status: 400 });
  }
}

/**
 * Queues the reset e-mail when the address belongs to an account; does nothing otherwise. The
 * caller answers the same words either way (RESET_SENT). Returns the token only for tests.
 */
export async function requestPasswordReset(input: { email: string; now?: Date }): Promise<string | null> {
  const now = input.now ?? new Date();
  await pruneResets(now);
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(input.email) }, select: { id: true, name: true, email: true } });
  if (!user) return null;
  const token = crypto.randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    // only the newest link works
    await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.passwordReset.create({ data: { id: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000) } });
    await queueEmail(tx, {
      to: user.email,
      kind: "security",
      userId: user.id,
      subject: "重置您的陇货通密码",
      content: {
        greeting: `${user.name}，您好：`,
        paragraphs: [`我们收到了重置您陇货通账号密码的请求。请在 ${RESET_MINUTES} 分钟内打开下面的链接设置新密码；链接只能使用一次。`, "设置新密码后，所有设备上的登录都会退出。"],
        action: { label: "设置新密码", url: siteUrl(`/reset-password/${token}`) },
        note: "如果不是您本人申请，请忽略此邮件，您的密码不会改变。",
      },
    });
  });
  return token;
}

function wellFormed(token: string) {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}

/** Whether a link can still be used (the page shows the form, or says it has expired). */
export async function resetLinkUsable(token: string, now = new Date()) {
  if (!wellFormed(token)) return false;
  const reset = await prisma.passwordReset.findUnique({ where: { id: sha256(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(reset && !reset.usedAt && reset.expiresAt > now);
}

/**
 * Sets the new password through a link: once (a conditional update claims the link, so two tabs
 * cannot both use it), before it expires. Every session of the account ends. Returns the user id,
 * to sign this browser in afresh.
 */
export async function resetPassword(input: { token: string; password: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (!wellFormed(input.token)) throw new ResetLinkError();
  const id = sha256(input.token);
  const passwordHash = await hashPassword(input.password);
  const user = await prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) throw new ResetLinkError();
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { id }, select: { userId: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await endAllSessions(userId, tx);
    return userId;
  });
  return user;
}

/** Used and expired links count for nothing; dropped so the table stays small. */
export async function pruneResets(now = new Date()) {
  await prisma.passwordReset.deleteMany({ where: { expiresAt: { lt: now } } });
}
