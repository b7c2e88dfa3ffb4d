import { prisma } from "~/db.server";

/** The four halls for navigation and the home page, in the order the pairings began. */
export async function listHalls() {
  return prisma.hall.findMany({
    orderBy: { city: { since: "asc" } },
    select: {
      slug: true,
      name: true,
      slogan: true,
      city: { select: { name: true, since: true, prefectures: { select: { shortName: true, slug: true } } } },
      _count: { select: { listings: true } },
    },
  });
}

export async function getHall(slug: string) {
  return prisma.hall.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      slogan: true,
      address: true,
      city: {
        select: {
          name: true,
          since: true,
          intro: true,
          prefectures: { select: { slug: true, name: true, shortName: true }, orderBy: { name: "asc" } },
        },
      },
    },
  });
}
