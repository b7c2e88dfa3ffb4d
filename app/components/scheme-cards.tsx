import { Form } from "@remix-run/react";
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { CourierSelect } from "~/components/parcel-parts";
import { formatFen } from "~/lib/money";
import { PHASE_LABELS, gramsToKg, type SeasonPhase } from "~/models/trees/season";
import { PRESALE_STATUSES, type PresaleStatus } from "~/models/presales/stages";

// Cards for the three schemes (tree adoption, tours, pre-sales): their own pages, the halls and search.

function Card({ to, image, title, children }: { to: string; image?: { url: string; alt: string }; title: string; children: ReactNode }) {
  return (
    <Link to={to} prefetch="intent" className="group block overflow-hidden rounded-lg border border-stone-200 bg-white hover:shadow">
      {image ? <img src={image.url} alt={image.alt} width={400} height={300} loading="lazy" className="aspect-[4/3] w-full object-cover" /> : null}
      <div className="space-y-1 p-3 text-sm">
        <h3 className="font-medium group-hover:text-brand-700">{title}</h3>
        {children}
      </div>
    </Link>
  );
}

export interface OrchardCardData {
  slug: string;
  name: string;
  variety: string;
  shareGrams: number;
  product: { images: { url: string; alt: string }[]; county: { name: string }; coop: { name: string }; _count: { shares: number } };
  season: { year: number; priceFen: number; phase: SeasonPhase; treesLeft: number } | null;
}

/** Only what an orchard card draws (see cardData in product-card.tsx); likewise for tours and pre-sales. */
export function orchardCardData({ slug, name, variety, shareGrams, product: p, season: s }: OrchardCardData): OrchardCardData {
  const product = { ...cardProduct(p), coop: { name: p.coop.name }, _count: { shares: p._count.shares } };
  return { slug, name, variety, shareGrams, product, season: s && { year: s.year, priceFen: s.priceFen, phase: s.phase, treesLeft: s.treesLeft } };
}

/** A scheme's product as its card draws it: the first photo and the county. */
function cardProduct(p: { images: { url: string; alt: string }[]; county: { name: string } }) {
  return { images: p.images.slice(0, 1).map((i) => ({ url: i.url, alt: i.alt })), county: { name: p.county.name } };
}

export function OrchardCard({ orchard }: { orchard: OrchardCardData }) {
  const s = orchard.season;
  return (
    <Card to={`/trees/orchards/${orchard.slug}`} image={orchard.product.images[0]} title={`${orchard.name} · 认养一棵树`}>
      <p className="text-xs text-stone-500">
        {orchard.product.county.name} · {orchard.variety} · {orchard.product._count.shares} 户脱贫户管护
      </p>
      <p className="text-xs text-stone-600">每棵树收成 {gramsToKg(orchard.shareGrams)}</p>
      {s ? (
        <p className="flex flex-wrap items-center justify-between gap-x-2">
          <span className="font-semibold text-brand-700">{formatFen(s.priceFen)}/棵·{s.year}年</span>
          <span className="whitespace-nowrap text-xs text-stone-500">{s.phase === "OPEN" ? `余 ${s.treesLeft} 棵` : PHASE_LABELS[s.phase]}</span>
        </p>
      ) : (
        <p className="text-xs text-stone-500">暂无认养季</p>
      )}
    </Card>
  );
}

export interface TourCardData {
  slug: string;
  name: string;
  days: number;
  product: { images: { url: string; alt: string }[]; county: { name: string }; _count: { shares: number } };
  nextDeparture: string | null;
  fromPriceFen: number | null;
}

export function tourCardData({ slug, name, days, product: p, nextDeparture, fromPriceFen }: TourCardData): TourCardData {
  return { slug, name, days, product: { ...cardProduct(p), _count: { shares: p._count.shares } }, nextDeparture, fromPriceFen };
}

export function TourCard({ tour }: { tour: TourCardData }) {
  return (
    <Card to={`/tours/${tour.slug}`} image={tour.product.images[0]} title={tour.name}>
      <p className="text-xs text-stone-500">
        {tour.product.county.name} · {tour.days} 天 · {tour.product._count.shares} 户脱贫户参与接待
      </p>
      <p className="flex flex-wrap items-center justify-between gap-x-2">
        <span className="font-semibold text-brand-700">{tour.fromPriceFen !== null ? `${formatFen(tour.fromPriceFen)}/人起` : "暂无团期"}</span>
        <span className="whitespace-nowrap text-xs text-stone-500">{tour.nextDeparture ? `${tour.nextDeparture} 出发` : "已满或已截止"}</span>
      </p>
    </Card>
  );
}

export interface PresaleCardData {
  slug: string;
  name: string;
  unit: string;
  priceFen: number;
  depositFen: number | null;
  harvestFrom: string;
  harvestTo: string;
  status: string;
  left: number;
  product: { images: { url: string; alt: string }[]; county: { name: string } };
}

export function presaleCardData({ slug, name, unit, priceFen, depositFen, harvestFrom, harvestTo, status, left, product }: PresaleCardData): PresaleCardData {
  return { slug, name, unit, priceFen, depositFen, harvestFrom, harvestTo, status, left, product: cardProduct(product) };
}

export function PresaleCard({ presale }: { presale: PresaleCardData }) {
  return (
    <Card to={`/presales/${presale.slug}`} image={presale.product.images[0]} title={presale.name}>
      <p className="text-xs text-stone-500">
        {presale.product.county.name} · 预计 {presale.harvestFrom} 至 {presale.harvestTo} 采收
      </p>
      <p className="flex flex-wrap items-center justify-between gap-x-2">
        <span className="font-semibold text-brand-700">
          {formatFen(presale.priceFen)}/{presale.unit}
          {presale.depositFen !== null ? <span className="ml-1 text-xs font-normal text-stone-500">定金 {formatFen(presale.depositFen)}</span> : null}
        </span>
        <span className="whitespace-nowrap text-xs text-stone-500">{presale.status === "OPEN" ? `余 ${presale.left} 份` : PRESALE_STATUSES[presale.status as PresaleStatus]}</span>
      </p>
    </Card>
  );
}

export function CardGrid({ children }: { children: ReactNode }) {
  return <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 [&>li]:list-none">{children}</ul>;
}

/** The co-op's inline "shipped" form on a parcel row: courier and tracking number. */
export function ShipForm({ hidden, busy, label = "寄出", children }: { hidden: Record<string, string>; busy: boolean; label?: string; children?: ReactNode }) {
  return (
    <Form method="post" className="flex flex-wrap items-center gap-1">
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <CourierSelect className="rounded border border-stone-300 px-1 py-0.5" ariaLabel="快递公司" />
      <input name="trackingNumber" placeholder="运单号" aria-label="运单号" className="w-32 rounded border border-stone-300 px-1 py-0.5" />
      <button className="rounded bg-stone-800 px-2 py-0.5 text-white" disabled={busy}>{label}</button>
      {children}
    </Form>
  );
}
