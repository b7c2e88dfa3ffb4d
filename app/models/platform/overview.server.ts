import { prisma } from "~/db.server";

/** The figures staff see first: what is listed, who supplies it, and what waits for them. */
export async function platformOverview() {
  const [products, pendingCert, coops, pendingCoops, households, users, organizations, pendingOrgs] = await Promise.all([
    prisma.product.count({ where: { status: "ACTIVE" } }),
    prisma.product.count({ where: { certStatus: "PENDING" } }),
    prisma.coop.count(),
    prisma.coop.count({ where: { status: "PENDING" } }),
    prisma.household.count(),
    prisma.user.count(),
    prisma.organization.count(),
    prisma.organization.count({ where: { status: "PENDING" } }),
  ]);
  return { products, pendingCert, coops, pendingCoops, households, users, organizations, pendingOrgs };
}
