import { prisma } from "~/db.server";
import { businessDay } from "~/lib/china-time";
import { BATCH_FACTS, normaliseTraceCode } from "~/models/batches/batch.server";
import { CERT_KIND_LABELS, type CertKind } from "~/models/batches/batch.schema";

// The public trace of a batch (/trace/<code>, the QR code on a parcel): where it grew, who packed
// it, when, under which certificate, and how many registered households and people shared in it.
// Only aggregates and place names leave here — never a household code, id, share or size — so
// nobody can be picked out from a trace page.

export async function publicTrace(code: string) {
  const normal = normaliseTraceCode(code);
  if (!normal) return null;
  const batch = await prisma.batch.findUnique({
    where: { code: normal },
    select: {
      ...BATCH_FACTS,
      certScan: true,
      createdAt: true,
      product: {
        select: {
          name: true,
          slug: true,
          status: true,
          certStatus: true,
          certNumber: true,
          county: { select: { name: true, slug: true, prefecture: { select: { name: true } }, partnerCity: { select: { name: true } } } },
        },
      },
      coop: { select: { name: true } },
      shares: { select: { household: { select: { township: true, village: true, members: true } } } },
      stocks: { select: { receivedAt: true }, orderBy: { receivedAt: "asc" }, take: 1 },
    },
  });
  if (!batch) return null;
  const villages = [...new Set(batch.shares.map((s) => `${s.household.township}${s.household.village}`))].sort((a, b) => a.localeCompare(b, "zh"));
  return {
    code: batch.code,
    producedOn: batch.producedOn,
    receivedOn: batch.stocks[0] ? businessDay(batch.stocks[0].receivedAt) : null,
    quantity: batch.quantity,
    quantityUnit: batch.quantityUnit,
    certificate: { kind: CERT_KIND_LABELS[batch.certKind as CertKind] ?? batch.certKind, number: batch.certNumber, scanned: Boolean(batch.certScan) },
    product: {
      name: batch.product.name,
      // a product no longer on sale keeps its trace but loses its link
      slug: batch.product.status === "ACTIVE" ? batch.product.slug : null,
      aidCertificate: batch.product.certStatus === "CERTIFIED" ? batch.product.certNumber : null,
    },
    county: batch.product.county.name,
    countySlug: batch.product.county.slug,
    prefecture: batch.product.county.prefecture.name,
    partnerCity: batch.product.county.partnerCity.name,
    coop: batch.coop.name,
    villages,
    households: batch.shares.length,
    people: batch.shares.reduce((s, x) => s + x.household.members, 0),
  };
}
export type PublicTrace = NonNullable<Awaited<ReturnType<typeof publicTrace>>>;
