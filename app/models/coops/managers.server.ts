// Who acts for a co-op, and who acts for a county. Linking an account to a co-op grants it the
// coop_manager role and points it at the co-op: approval of an application does this for the
// applicant, and staff do it for any account (/admin/suppliers).
import { prisma, type Tx } from "~/db.server";
import { ConflictError, NotFoundError } from "~/lib/errors";

export async function linkCoopManager(tx: Tx, input: { userId: string; coopId: string; grantedBy: string }) {
  const user = await tx.user.findUnique({ where: { id: input.userId }, select: { coopId: true } });
  if (!user) throw new NotFoundError("没有这个账号", "email");
  if (user.coopId && user.coopId !== input.coopId) throw new ConflictError("该账号已是另一家合作社的管理员", "email");
  await tx.user.update({ where: { id: input.userId }, data: { coopId: input.coopId } });
  await tx.userRole.upsert({
    where: { userId_role: { userId: input.userId, role: "coop_manager" } },
    create: { userId: input.userId, role: "coop_manager", grantedBy: input.grantedBy },
    update: {},
  });
}

async function userIdByEmail(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new NotFoundError("没有这个邮箱的账号，请先让对方注册", "email");
  return user.id;
}

/** Staff: make the account with this e-mail a manager of the co-op. */
export async function linkManagerByEmail(input: { email: string; coopId: string; staffId: string }) {
  const userId = await userIdByEmail(input.email);
  const coop = await prisma.coop.findUnique({ where: { id: input.coopId }, select: { id: true } });
  if (!coop) throw new NotFoundError("没有这个合作社", "targetId");
  await prisma.$transaction((tx) => linkCoopManager(tx, { userId, coopId: coop.id, grantedBy: input.staffId }));
}

/** Staff: make the account with this e-mail the county's reviewer (县级推荐). */
export async function linkCountyReviewer(input: { email: string; countyId: string; staffId: string }) {
  const userId = await userIdByEmail(input.email);
  const county = await prisma.county.findUnique({ where: { id: input.countyId }, select: { id: true } });
  if (!county) throw new NotFoundError("没有这个区县", "targetId");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { countyId: county.id } });
    await tx.userRole.upsert({
      where: { userId_role: { userId, role: "county_reviewer" } },
      create: { userId, role: "county_reviewer", grantedBy: input.staffId },
      update: {},
    });
  });
}

/** For the staff forms: every co-op and county, by name. */
export async function linkTargets() {
  const [coops, counties] = await Promise.all([
    prisma.coop.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.county.findMany({ orderBy: [{ prefecture: { slug: "asc" } }, { pinyin: "asc" }], select: { id: true, name: true, prefecture: { select: { name: true } } } }),
  ]);
  return { coops, counties };
}
