import { prisma } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { ConflictError, NotFoundError } from "~/lib/errors";

// 定点帮扶 programmes. A sale is claimed by a programme when the buying organisation is one of its
// members, the product comes from the programme's county and the sale's business day lies within
// the programme's dates. Two programmes may never both claim a sale (addMember refuses it), so in
// the "programme" dimension of the reports each sale falls in exactly one bucket — a programme or
// "none" — and the reconciliation proves it (claimOverlaps).

/**
 * The programme that claims a rollup row, as an SQL expression over the "organizationId",
 * "countyId" and "day" columns of the row aliased `outer` ('' when none). LIMIT 1 keeps it one value
 * per row whatever the data, so it can never count a sale twice; claimOverlaps reports data that
 * would make the choice ambiguous.
 */
export function programmeKeySql(outer: string) {
  return `COALESCE((SELECT pm."programmeId" FROM "ProgrammeMember" pm
  JOIN "AssistanceProgramme" ap ON ap."id" = pm."programmeId"
  WHERE pm."organizationId" = ${outer}."organizationId" AND ap."countyId" = ${outer}."countyId"
    AND ap."startsOn" <= ${outer}."day" AND (ap."endsOn" IS NULL OR ap."endsOn" >= ${outer}."day")
  ORDER BY ap."startsOn", ap."id" LIMIT 1), '')`;
}

export const NO_PROGRAMME_LABEL = "非定点帮扶采购";

export async function listProgrammes() {
  return prisma.assistanceProgramme.findMany({
    orderBy: [{ startsOn: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      unitName: true,
      startsOn: true,
      endsOn: true,
      county: { select: { id: true, name: true } },
      members: { select: { organization: { select: { id: true, name: true } } }, orderBy: { organization: { name: "asc" } } },
    },
  });
}

export async function createProgramme(input: { name: string; unitName: string; countyId: string; startsOn: string; endsOn?: string }) {
  const county = await prisma.county.findUnique({ where: { id: input.countyId }, select: { id: true } });
  if (!county) throw new NotFoundError("没有这个县", "countyId");
  return prisma.assistanceProgramme.create({
    data: { name: input.name, unitName: input.unitName, countyId: input.countyId, startsOn: input.startsOn, endsOn: input.endsOn ?? null },
    select: { id: true },
  });
}

/**
 * Adds a buyer organisation to a programme, unless another programme already claims that
 * organisation's purchases from the same county over overlapping dates (a sale would be claimed twice).
 */
export async function addMember(programmeId: string, organizationId: string) {
  return prisma.$transaction(async (tx) => {
    const programme = await tx.assistanceProgramme.findUnique({ where: { id: programmeId }, select: { countyId: true, startsOn: true, endsOn: true } });
    if (!programme) throw new NotFoundError("没有这个帮扶项目");
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (!org) throw new NotFoundError("没有这个采购单位", "organizationId");
    const clash = await tx.assistanceProgramme.findFirst({
      where: {
        id: { not: programmeId },
        countyId: programme.countyId,
        members: { some: { organizationId } },
        startsOn: { lte: programme.endsOn ?? "9999-12-31" },
        OR: [{ endsOn: null }, { endsOn: { gte: programme.startsOn } }],
      },
      select: { name: true },
    });
    if (clash) throw new ConflictError(`该单位在同一时段已计入「${clash.name}」，同一笔采购不能由两个帮扶项目认领`, "organizationId");
    await tx.programmeMember.upsert({
      where: { programmeId_organizationId: { programmeId, organizationId } },
      create: { programmeId, organizationId },
      update: {},
    });
  });
}

export async function removeMember(programmeId: string, organizationId: string) {
  await prisma.programmeMember.deleteMany({ where: { programmeId, organizationId } });
}

/** Pairs of programmes that would both claim some sale (same county and member, overlapping dates). */
export async function claimOverlaps(db: PrismaClient = prisma) {
  return db.$queryRawUnsafe<{ a: string; b: string }[]>(
    `SELECT p1."name" AS a, p2."name" AS b
     FROM "AssistanceProgramme" p1
     JOIN "AssistanceProgramme" p2 ON p2."countyId" = p1."countyId" AND p2."id" > p1."id"
     JOIN "ProgrammeMember" m1 ON m1."programmeId" = p1."id"
     JOIN "ProgrammeMember" m2 ON m2."programmeId" = p2."id" AND m2."organizationId" = m1."organizationId"
     WHERE p1."startsOn" <= COALESCE(p2."endsOn", '9999-12-31') AND p2."startsOn" <= COALESCE(p1."endsOn", '9999-12-31')
     GROUP BY p1."id", p2."id"`,
  );
}

/** The organisations a programme can take as members. */
export async function programmeOrganizations() {
  return prisma.organization.findMany({ where: { status: "VERIFIED" }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
