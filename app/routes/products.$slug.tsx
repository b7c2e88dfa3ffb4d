import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { BuyPanel } from "~/components/buy-panel";
import { ProductGallery } from "~/components/product-gallery";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { fenToYuan, formatFen } from "~/lib/money";
import { CERT_LABELS } from "~/models/catalog/certification-status";
import { getProductBySlug, volumeTiersFor } from "~/models/catalog/product.server";
import { referenceComparison } from "~/models/catalog/fair-price";
import { priceHistory } from "~/models/catalog/fair-price.server";
import { PriceHistory } from "~/components/price-history";
import { getUser, hasAnyRole } from "~/session.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { CoopRating } from "~/components/coop-rating";
import { ratingSummariesBySlug, recentRatings } from "~/models/coops/rating.server";
import { ProductListActions } from "~/components/product-lists";
import { isFavorite } from "~/models/lists/favorites.server";
import { recordView } from "~/models/lists/footprints.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const headers = catalogCacheHeaders(request);
  const [product, user] = await Promise.all([getProductBySlug(params.slug ?? ""), getUser(request)]);
  if (!product) throw new Response("商品不存在或已下架", { status: 404, headers });
  // Volume prices are for institution buyers: public tiers plus their own organisation's.
  const institution = user && hasAnyRole(user, ["org_buyer", "org_approver", "org_admin"]);
  const [tiers, history] = await Promise.all([institution ? volumeTiersFor(product.variants.map((v) => v.id), user.organizationId) : null, priceHistory(product.variants)]);
  const origin = publicOrigin(request);
  // 收藏 and 足迹 are a signed-in shopper's own (the page is then private, see catalogCacheHeaders)
  const [ratings, reviews, saved] = await Promise.all([ratingSummariesBySlug([product.coop.slug]), recentRatings(product.coop.slug), user ? isFavorite(user.id, product.id) : false, user ? recordView(user.id, product.id) : null]);
  return json({ product, tiers, history, origin, rating: ratings[product.coop.slug] ?? null, reviews, saved, signedIn: Boolean(user) }, { headers });
}

export const headers = loaderCacheHeaders;

function weight(grams: number) {
  return grams >= 1000 ? `${grams / 1000} 公斤` : `${grams} 克`;
}

export default function ProductPage() {
  const { product, tiers, history, rating, reviews, origin, saved, signedIn } = useLoaderData<typeof loader>();
  const certified = product.certStatus === "CERTIFIED";
  const hall = product.county.partnerCity.hall;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-4 text-sm text-stone-500">
        {hall ? (
          <>
            <Link to={`/halls/${hall.slug}`} className="hover:underline">
              {hall.slogan}
            </Link>
            {" › "}
          </>
        ) : null}
        <Link to={`/prefectures/${product.county.prefecture.slug}`} className="hover:underline">
          {product.county.prefecture.name}
        </Link>
        {" › "}
        <Link to={`/counties/${product.county.slug}`} className="hover:underline">
          {product.county.name}
        </Link>
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <ProductGallery images={product.images} name={product.name} />

        <div className="min-w-0 space-y-4">
          <h1 className="text-2xl font-bold">{product.name}</h1>
          <ProductListActions slug={product.slug} name={product.name} url={`${origin}/products/${product.slug}`} saved={saved} signedIn={signedIn} />
          <p className="flex flex-wrap items-center gap-2">
            <span className="text-2xl font-semibold text-brand-700">{formatFen(product.minPriceFen)}起</span>
            <span className={`rounded px-2 py-0.5 text-sm ${product.totalStock > 0 ? "bg-emerald-50 text-emerald-700" : "bg-stone-100 text-stone-600"}`}>
              {product.totalStock > 0 ? "有货" : "已售罄"}
            </span>
            {certified ? <span className="rounded bg-emerald-50 px-2 py-0.5 text-sm text-emerald-700">扶贫产品认定</span> : null}
            <span className="text-sm text-stone-500" data-testid="units-sold">
              累计售出 {product.salesCount.toLocaleString("zh-CN")} 件
            </span>
          </p>
          <p className="text-stone-600">{product.description}</p>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
            <dt className="text-stone-500">产地</dt>
            <dd>
              <Link to={`/prefectures/${product.county.prefecture.slug}`} className="text-brand-700 underline underline-offset-2">
                {product.county.prefecture.name}
              </Link>
              {" · "}
              <Link to={`/counties/${product.county.slug}`} className="text-brand-700 underline underline-offset-2">
                {product.county.name}
              </Link>
              （{product.county.partnerCity.name}结对帮扶）
            </dd>
            <dt className="text-stone-500">供货方</dt>
            <dd>
              <Link to={`/counties/${product.county.slug}#coop-${product.coop.slug}`} className="text-brand-700 underline underline-offset-2">
                {product.coop.name}
              </Link>{" "}
              <CoopRating rating={rating} />
              {reviews.length ? (
                <ul aria-label="买家评价" className="mt-1 space-y-0.5 text-xs text-stone-600">
                  {reviews.map((r) => (
                    <li key={r.id}>
                      {r.buyer}：{"★".repeat(r.score)} {r.comment}
                    </li>
                  ))}
                </ul>
              ) : null}
            </dd>
            <dt className="text-stone-500">品类</dt>
            <dd>{product.category.name}</dd>
            <dt className="text-stone-500">扶贫认定</dt>
            <dd>
              {CERT_LABELS[product.certStatus] ?? product.certStatus}
              {product.certNumber ? <span className="ml-2 font-mono text-xs">证书编号 {product.certNumber}</span> : null}
            </dd>
            <dt className="text-stone-500">采收期</dt>
            <dd>{product.harvestSeason}</dd>
            <dt className="text-stone-500">发货</dt>
            <dd>{product.shippingNote}</dd>
          </dl>

          <BuyPanel productName={product.name} variants={product.variants} />

          <section aria-labelledby="variants-heading" className="space-y-2">
            <h2 id="variants-heading" className="font-semibold">
              规格与价格
            </h2>
            <ul className="space-y-2">
              {product.variants.map((v) => {
                const volume = tiers?.[v.id] ?? [];
                return (
                  <li key={v.id} id={`variant-${v.sku}`} className="rounded border border-stone-200 bg-white p-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span>
                        {v.name}
                        <span className="ml-2 text-xs text-stone-500">{weight(v.weightGrams)}</span>
                        {v.giftBox ? <span className="ml-2 rounded bg-brand-50 px-1 text-xs text-brand-700">礼盒</span> : null}
                      </span>
                      <span className="font-semibold text-brand-700">{formatFen(v.priceFen)}</span>
                      <span className="text-xs text-stone-500">{v.stock > 0 ? `有货（库存 ${v.stock}）` : "已售罄"}</span>
                    </div>
                    {v.refPriceFen !== null ? (
                      <p className="mt-1 text-xs text-stone-600" data-testid={`ref-price-${v.sku}`}>
                        市场参考价 {formatFen(v.refPriceFen)}（{v.refPriceSource}，{v.refPriceDate}）
                        <span className={v.priceFen <= v.refPriceFen ? "ml-1 text-emerald-700" : "ml-1 text-amber-700"}>{referenceComparison(v.priceFen, v.refPriceFen)}</span>
                      </p>
                    ) : null}
                    <PriceHistory points={history[v.id] ?? []} refPriceFen={v.refPriceFen} label={v.name} />
                    {v.minOrderQty > 1 ? <p className="mt-1 text-xs text-stone-500">{v.minOrderQty} 件起订</p> : null}
                    {volume.length ? (
                      <table className="mt-2 w-full text-xs" aria-label={`${v.name} 单位采购价`}>
                        <thead className="text-stone-500">
                          <tr>
                            <th className="text-left font-normal">单位采购数量</th>
                            <th className="text-right font-normal">单价</th>
                          </tr>
                        </thead>
                        <tbody>
                          {volume.map((t) => (
                            <tr key={`${t.minQty}-${t.ownOrg}`}>
                              <td>
                                {t.minQty} 件及以上{t.ownOrg ? <span className="ml-1 text-brand-700">本单位专享</span> : null}
                              </td>
                              <td className="text-right">{formatFen(t.priceFen)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
          <p className="text-sm text-stone-500">
            本品销售额将计入 {product.county.name}、{product.coop.name} 及其带动的 {product._count.shares} 户脱贫户。
          </p>
        </div>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "商品不存在 · 陇货通" }];
  const { product, origin } = data;
  const title = `${product.name} · ${product.county.name} · 陇货通`;
  const description = `${product.county.prefecture.name}${product.county.name}${product.coop.name}供货，${formatFen(product.minPriceFen)}起。${product.description}`.slice(0, 150);
  const url = `${origin}/products/${product.slug}`;
  const image = product.images[0];
  return [
    { title },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:type", content: "product" },
    { property: "og:site_name", content: "陇货通" },
    { property: "og:title", content: product.name },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    ...(image ? [{ property: "og:image", content: `${origin}${image.url}` }, { property: "og:image:alt", content: image.alt }] : []),
    { property: "product:price:amount", content: fenToYuan(product.minPriceFen) },
    { property: "product:price:currency", content: "CNY" },
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
