import crypto from "node:crypto";
import {type Tx, prisma, raw } from "~/db.server";
import { sha256 } from "~/lib/hash.server";
import { isRole } from "~/models/accounts/roles";
import type { SessionUser } from "~/models/accounts/user.server";

// Server-side sessions. The cookie holds a random token; the Session row (keyed by the token's
// SHA-256) is what makes it worth anything, so ending a session — log-out, "log out everywhere",
// staff ending a user's sessions, a role change — makes every copy of the cookie useless at once.

/** A session nobody has used for this long is over. */
export const SESSION_IDLE_MS = 3 * 24 * 60 * 60 * 1000;
/** However active, a session ends this long after log-in. */
export const SESSION_MAX_MS = 14 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so a busy session does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface SessionMeta {
  userAgent?: string | null;
  clientAddress?: string | null;
}

type Db = Tx | typeof prisma;

/** Starts a session for the user; returns the token for the cookie (never stored as such). */
export async function startSession(userId: string, meta: SessionMeta = {}, now = new Date()) {
  const token = crypto.randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id: sha256(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
      userAgent: meta.userAgent?.slice(0, 200) ?? null,
      clientAddress: meta.clientAddress?.slice(0, 64) ?? null,
    },
  });
  // Old rows would otherwise pile up: the indexed delete is cheap and log-ins are rare.
  await pruneSessions(now);
  return token;
}

/** The user behind a live session token, or null when it is unknown, idle too long or past its end. */
export async function sessionUser(token: string, now = new Date()): Promise<{ sessionId: string; user: SessionUser } | null> {
  const id = sha256(token);
  // Every signed-in request asks this: one raw statement instead of Prisma's nested select, whose
  // query compiler cost more CPU than the lookup itself (decision 0016, "CPU per signed-in page").
  const [session] = await raw(prisma).query<SessionRow>(
    `SELECT s."lastSeenAt", s."expiresAt", u."id", u."email", u."name", u."organizationId", u."coopId", u."countyId",
            (SELECT group_concat(r."role", ' ') FROM "UserRole" r WHERE r."userId" = u."id") AS "roles"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
    id,
  );
  if (!session) return null;
  const lastSeenAt = new Date(session.lastSeenAt);
  if (new Date(session.expiresAt) <= now || lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  const { lastSeenAt: _seen, expiresAt: _expires, roles, ...user } = session;
  return { sessionId: id, user: { ...user, roles: (roles ?? "").split(" ").filter(isRole) } };
}

interface SessionRow extends Omit<SessionUser, "roles"> {
  lastSeenAt: string | Date;
  expiresAt: string | Date;
  roles: string | null;
}

export async function endSession(token: string) {
  await prisma.session.deleteMany({ where: { id: sha256(token) } });
}

/**
 * Ends every session of the account: "log out everywhere", staff ending a user's sessions, and
 * every change of the account's roles (whoever is signed in must sign in again to get a new id
 * with the new rights). Takes a transaction so a role change and its log-out commit together.
 */
export async function endAllSessions(userId: string, db: Db = prisma) {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}

/** Ends every session of the account but one (the browser that just changed the password). */
export async function endOtherSessions(userId: string, keepSessionId: string | null, db: Db = prisma) {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keepSessionId ? { NOT: { id: keepSessionId } } : {}) } });
  return count;
}

/** The account's live sessions, newest first, for the account page and staff. */
export async function listSessions(userId: string, now = new Date()) {
  return prisma.session.findMany({
    where: { userId, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, clientAddress: true },
  });
}

/** "Chrome · Android": enough for someone to recognise a device in their list. */
export function deviceLabel(userAgent: string | null) {
  if (!userAgent) return "未知设备";
  const browser =
    /MicroMessenger/i.test(userAgent) ? "微信" : /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "浏览器";
  const system =
    /Android/i.test(userAgent) ? "Android" : /iPhone|iPad/i.test(userAgent) ? "iOS" : /Windows/i.test(userAgent) ? "Windows" : /Mac OS X/i.test(userAgent) ? "macOS" : /Linux/i.test(userAgent) ? "Linux" : null;
  return system ? `${browser} · ${system}` : browser;
}

/** How many live sessions each of these users has (for the staff user list). */
export async function liveSessionCounts(userIds: string[], now = new Date()) {
  if (userIds.length === 0) return new Map<string, number>();
  const rows = await prisma.session.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds }, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.userId, r._count._all]));
}

export async function pruneSessions(now = new Date()) {
  await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
}
