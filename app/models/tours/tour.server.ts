// Tour packages as buyers see them ("鹭岛万人游临夏"): itinerary by day, what is included, the
// county and the households who earn from it, and departures with the seats left.
import { prisma } from "~/db.server";
import { addDays, businessDay } from "~/lib/china-time";
import { NotFoundError } from "~/lib/errors";
import { describeTiers, parseTiers } from "~/models/tours/cancellation";
import { STANDING_STATUSES } from "~/models/orders/status";

export interface ItineraryDay {
  day: number;
  title: string;
  detail: string;
}

export interface Earner {
  label: string;
  detail: string;
}

const cardSelect = {
  slug: true,
  name: true,
  intro: true,
  days: true,
  product: {
    select: {
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
      county: { select: { name: true, slug: true, prefecture: { select: { name: true } } } },
      _count: { select: { shares: true } },
    },
  },
  coop: { select: { name: true, kind: true } },
} as const;

/** The last day a departure takes bookings (and travellers' details): cutoffDays before it leaves. */
export function bookingClosesOn(departOn: string, cutoffDays: number) {
  return addDays(departOn, -cutoffDays);
}

export function isBookable(departOn: string, cutoffDays: number, now: Date) {
  return businessDay(now) <= bookingClosesOn(departOn, cutoffDays);
}

export async function listTours(filter: { hallSlug?: string } = {}, now = new Date()) {
  const today = businessDay(now);
  const packages = await prisma.tourPackage.findMany({
    where: filter.hallSlug ? { product: { county: { partnerCity: { hall: { slug: filter.hallSlug } } } } } : {},
    orderBy: { slug: "asc" },
    select: {
      ...cardSelect,
      cutoffDays: true,
      departures: { where: { departOn: { gte: today } }, orderBy: { departOn: "asc" }, select: { departOn: true, priceFen: true, variant: { select: { stock: true } } } },
    },
  });
  return packages.map(({ departures, cutoffDays, ...p }) => {
    const open = departures.filter((d) => isBookable(d.departOn, cutoffDays, now));
    return {
      ...p,
      nextDeparture: open.find((d) => d.variant.stock > 0)?.departOn ?? null,
      fromPriceFen: open.length ? Math.min(...open.map((d) => d.priceFen)) : null,
      departures: open.length,
    };
  });
}
export type TourCard = Awaited<ReturnType<typeof listTours>>[number];

export async function tourPage(slug: string, now = new Date()) {
  const pkg = await prisma.tourPackage.findUnique({
    where: { slug },
    select: {
      id: true,
      ...cardSelect,
      itinerary: true,
      inclusions: true,
      exclusions: true,
      earners: true,
      guardianRule: true,
      cancellation: true,
      cutoffDays: true,
      product: {
        select: {
          ...cardSelect.product.select,
          images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
          shares: { select: { household: { select: { members: true } } } },
        },
      },
      departures: {
        where: { departOn: { gte: businessDay(now) } },
        orderBy: { departOn: "asc" },
        select: { id: true, departOn: true, returnOn: true, capacity: true, priceFen: true, groupPriceFen: true, groupMinSeats: true, variant: { select: { stock: true } } },
      },
    },
  });
  if (!pkg) throw new NotFoundError("没有这条线路");
  const { itinerary, inclusions, exclusions, earners, cancellation, departures, product, ...rest } = pkg;
  return {
    ...rest,
    product: { ...product, shares: undefined, households: product.shares.length, people: product.shares.reduce((s, x) => s + x.household.members, 0) },
    itinerary: JSON.parse(itinerary) as ItineraryDay[],
    inclusions: JSON.parse(inclusions) as string[],
    exclusions: JSON.parse(exclusions) as string[],
    earners: JSON.parse(earners) as Earner[],
    cancellation: describeTiers(parseTiers(cancellation)),
    departures: departures.map(({ variant, ...d }) => ({
      ...d,
      seatsLeft: variant.stock,
      closesOn: bookingClosesOn(d.departOn, pkg.cutoffDays),
      bookable: isBookable(d.departOn, pkg.cutoffDays, now) && variant.stock > 0,
    })),
  };
}
export type TourPage = Awaited<ReturnType<typeof tourPage>>;

/** One departure of a package, for the booking form. */
export async function departureForBooking(slug: string, departureId: string, now = new Date()) {
  const page = await tourPage(slug, now);
  const departure = page.departures.find((d) => d.id === departureId);
  if (!departure) throw new NotFoundError("没有这个团期");
  return { tour: page, departure };
}

/** Travellers on paid, uncancelled bookings, all departures (the public impact page). */
export async function travellerCount() {
  return prisma.tourTraveller.count({ where: { booking: { cancelledAt: null, order: { status: { in: [...STANDING_STATUSES] } } } } });
}
