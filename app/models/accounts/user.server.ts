import bcrypt from "bcryptjs";
import { prisma } from "~/db.server";
import { isRole, type Role } from "~/models/accounts/roles";
import { ConflictError, DomainError, isUniqueViolation, NotFoundError } from "~/lib/errors";

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

/** Everyone who signs up is a consumer; other roles are granted by staff or an org/co-op invitation. */
export async function createUser(input: { email: string; name: string; password: string; phone?: string | null }) {
  const email = normaliseEmail(input.email);
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new EmailTakenError();
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email,
        name: input.name.trim(),
        phone: input.phone ?? null,
        passwordHash,
        roles: { create: { role: "consumer" } },
      },
      select: { id: true, email: true },
    });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

// Compared against when the account does not exist, so both paths cost one bcrypt compare.
const DUMMY_HASH = bcrypt.hashSync("never-a-real-password", BCRYPT_COST);

/** Returns the user id, or null for "wrong e-mail or password" without saying which. */
export async function verifyLogin(email: string, password: string): Promise<string | null> {
  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, passwordHash: true },
  });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? user.id : null;
}

export async function grantRole(userId: string, role: Role, grantedBy: string) {
  if (!(await prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new NotFoundError("没有这个用户");
  await prisma.userRole.upsert({
    where: { userId_role: { userId, role } },
    create: { userId, role, grantedBy },
    update: {},
  });
}

export async function revokeRole(userId: string, role: Role, revokedBy: string) {
  if (role === "staff" && userId === revokedBy) {
    throw new DomainError("不能撤销自己的平台工作人员角色");
  }
  await prisma.userRole.deleteMany({ where: { userId, role } });
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
