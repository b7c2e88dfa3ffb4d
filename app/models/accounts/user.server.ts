import bcrypt from "bcryptjs";
import { prisma } from "~/db.server";
import { isRole, type Role } from "~/models/accounts/roles";
import { ConflictError, DomainError, isUniqueViolation, NotFoundError } from "~/lib/errors";
import { endAllSessions, endOtherSessions } from "~/models/accounts/session.server";
import { isMobile, normaliseMobile } from "~/lib/phone";

const BCRYPT_COST = 10;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  organizationId: string | null;
  coopId: string | null;
  /** the county a county_reviewer acts for */
  countyId: string | null;
}

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function hashPassword(password: string) {
  return bcrypt.hash(password, BCRYPT_COST);
}

export async function getUserWithRoles(id: string): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, organizationId: true, coopId: true, countyId: true, roles: { select: { role: true } } },
  });
  if (!user) return null;
  return { ...user, roles: user.roles.map((r) => r.role).filter(isRole) };
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super("该邮箱已注册，请直接登录", "email");
  }
}

/** A mobile number is a login too, so one account per number. */
export class PhoneTakenError extends ConflictError {
  constructor(field = "phone") {
    super("该手机号已被其他账号使用", field);
  }
}

/** Which unique column a violation names (Prisma's meta.target, or the driver's message). */
function violatedPhone(error: unknown) {
  return /phone/i.test(JSON.stringify((error as { meta?: unknown })?.meta ?? "") + String((error as Error)?.message ?? ""));
}

/**
 * Everyone who signs up is a consumer; other roles are granted by staff or an org/co-op invitation.
 * `terms` is the version of the 用户协议 and 隐私政策 the person agreed to, recorded with the time.
 */
export async function createUser(input: { email: string; name: string; password: string; phone?: string | null; terms?: string | null; now?: Date }) {
  const email = normaliseEmail(input.email);
  const phone = input.phone ? normaliseMobile(input.phone) : null;
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new EmailTakenError();
  if (phone && (await prisma.user.findUnique({ where: { phone }, select: { id: true } }))) throw new PhoneTakenError();
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email,
        name: input.name.trim(),
        phone,
        passwordHash,
        termsVersion: input.terms ?? null,
        termsAcceptedAt: input.terms ? (input.now ?? new Date()) : null,
        roles: { create: { role: "consumer" } },
      },
      select: { id: true, email: true },
    });
  } catch (error) {
    // Two sign-ups racing for one address or number: the unique index decides.
    if (isUniqueViolation(error)) throw violatedPhone(error) ? new PhoneTakenError() : new EmailTakenError();
    throw error;
  }
}

/** The account's own name and mobile (normalised; unique), from /account. */
export async function updateProfile(userId: string, input: { name: string; phone: string | null }) {
  const phone = input.phone ? normaliseMobile(input.phone) : null;
  if (phone) {
    const holder = await prisma.user.findUnique({ where: { phone }, select: { id: true } });
    if (holder && holder.id !== userId) throw new PhoneTakenError();
  }
  try {
    await prisma.user.update({ where: { id: userId }, data: { name: input.name.trim(), phone }, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new PhoneTakenError();
    throw error;
  }
}

export class WrongPasswordError extends DomainError {
  constructor() {
    super("当前密码不正确", { field: "currentPassword" });
  }
}

/**
 * A new password, given the current one. Every other session of the account ends (whoever else
 * knew the old password is signed out); the browser that changed it stays signed in.
 */
export async function changePassword(input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string | null }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!(await bcrypt.compare(input.currentPassword, user.passwordHash))) throw new WrongPasswordError();
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash }, select: { id: true } });
    await endOtherSessions(input.userId, input.keepSessionId, tx);
  });
}

/** The account's own details for /account. */
export async function accountDetails(userId: string) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true, phone: true, termsVersion: true, termsAcceptedAt: true } });
}

// Compared against when the account does not exist, so both paths cost one bcrypt compare.
const DUMMY_HASH = bcrypt.hashSync("never-a-real-password", BCRYPT_COST);

/**
 * What a log-in names, in the one form it is stored in: a mobile number (`+86 138 0013 8000` →
 * 13800138000) or a lower-cased e-mail. The throttles count by it, so both spellings of one number
 * share a count.
 */
export function loginIdentifier(typed: string): { phone: string } | { email: string } {
  return isMobile(typed) ? { phone: normaliseMobile(typed) } : { email: normaliseEmail(typed) };
}

export function loginKey(typed: string) {
  const id = loginIdentifier(typed);
  return "phone" in id ? id.phone : id.email;
}

/** Returns the user id, or null for "wrong account or password" without saying which. */
export async function verifyLogin(login: string, password: string): Promise<string | null> {
  const user = await prisma.user.findUnique({
    where: loginIdentifier(login),
    select: { id: true, passwordHash: true },
  });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? user.id : null;
}

// A change of roles ends the account's sessions in the same transaction (decision 0015): whoever
// is signed in as them signs in again and gets a new session id carrying the new rights.
export async function grantRole(userId: string, role: Role, grantedBy: string) {
  if (!(await prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new NotFoundError("没有这个用户");
  await prisma.$transaction(async (tx) => {
    const had = await tx.userRole.findUnique({ where: { userId_role: { userId, role } }, select: { role: true } });
    if (had) return;
    await tx.userRole.create({ data: { userId, role, grantedBy } });
    await endAllSessions(userId, tx);
  });
}

export async function revokeRole(userId: string, role: Role, revokedBy: string) {
  if (role === "staff" && userId === revokedBy) {
    throw new DomainError("不能撤销自己的平台工作人员角色");
  }
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.userRole.deleteMany({ where: { userId, role } });
    if (count > 0) await endAllSessions(userId, tx);
  });
}

export async function listUsers(query: string, take = 50) {
  const q = query.trim();
  return prisma.user.findMany({
    where: q ? { OR: [{ email: { contains: q } }, { name: { contains: q } }] } : undefined,
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      email: true,
      name: true,
      createdAt: true,
      roles: { select: { role: true } },
      organization: { select: { name: true } },
      coop: { select: { name: true } },
      county: { select: { name: true } },
    },
  });
}
