import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { formatFen } from "~/lib/money";
import { ProductPhoto, type PhotoData } from "~/components/product-photo";
import { FavoriteButton } from "~/components/favorite-button";

export interface ProductCardData {
  slug: string;
  name: string;
  minPriceFen: number;
  totalStock: number;
  certStatus: string;
  /** 累计售出 (paid units less refunded ones); the "popular" sort orders by the same number. */
  salesCount?: number;
  county: { name: string };
  images: PhotoData[];
}

/**
 * Only what a card draws, for a loader to send: the page's hydration data repeats every field the
 * loader returns (a listing's ids, units and county slugs were a fifth of a hall page's).
 */
export function cardData(p: ProductCardData): ProductCardData {
  const image = p.images[0];
  return {
    slug: p.slug,
    name: p.name,
    minPriceFen: p.minPriceFen,
    totalStock: p.totalStock,
    certStatus: p.certStatus,
    salesCount: p.salesCount,
    county: { name: p.county.name },
    images: image ? [{ url: image.url, alt: image.alt, storageKey: image.storageKey, widths: image.widths, width: image.width, height: image.height }] : [],
  };
}

/** `name` replaces the plain name (search highlights it); `children` adds lines under the origin. */
export function ProductCard({
  product,
  name,
  headingLevel = 3,
  children,
}: {
  product: ProductCardData;
  name?: ReactNode;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const image = product.images[0];
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <Link
      to={`/products/${product.slug}`}
      prefetch="intent"
      className="group block overflow-hidden rounded-lg border border-stone-200 bg-white hover:shadow"
    >
      {image ? (
        <ProductPhoto image={image} sizes="(min-width: 1024px) 15rem, (min-width: 640px) 33vw, 50vw" className="aspect-[4/3] w-full object-cover" />
      ) : null}
      <div className="space-y-1 p-3">
        <Heading className="line-clamp-2 text-sm font-medium group-hover:text-brand-700">{name ?? product.name}</Heading>
        <p className="text-xs text-stone-500">{`产地：${product.county.name}`}</p>
        {product.salesCount ? <p className="text-xs text-stone-500">{`已售 ${product.salesCount.toLocaleString("zh-CN")}`}</p> : null}
        {children}
        <p className="flex items-center justify-between">
          <span className="font-semibold text-brand-700">{`${formatFen(product.minPriceFen)}起`}</span>
          {product.totalStock > 0 ? null : <span className="text-xs text-stone-500">已售罄</span>}
        </p>
        {product.certStatus === "CERTIFIED" ? (
          <span className="inline-block rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-700">扶贫产品认定</span>
        ) : null}
      </div>
    </Link>
  );
}

/**
 * A grid of cards. With `favorites` (a signed-in shopper: the slugs they saved) each card carries a
 * 收藏 heart; a link cannot hold a form, so the heart sits over the card's corner, beside the link.
 */
export function ProductGrid({ products, favorites }: { products: ProductCardData[]; favorites?: string[] | null }) {
  const saved = favorites ? new Set(favorites) : null;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((p) => (
        <li key={p.slug} className={saved ? "relative" : undefined}>
          <ProductCard product={p} />
          {saved ? (
            <div className="absolute right-1 top-1">
              <FavoriteButton slug={p.slug} name={p.name} saved={saved.has(p.slug)} signedIn compact />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
