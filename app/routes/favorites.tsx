import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FavoriteButton } from "~/components/favorite-button";
import { ProductCard } from "~/components/product-card";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { favoriteSchema } from "~/models/lists/lists.schema";
import { addFavorite, listFavorites, removeFavorite } from "~/models/lists/favorites.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ favorites: await listFavorites(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(favoriteSchema, await request.formData());
  if (!parsed.ok) return json({ ok: false, error: Object.values(parsed.errors)[0] }, { status: 400 });
  const { intent, slug, redirectTo } = parsed.data;
  try {
    if (intent === "add") await addFavorite(user.id, slug);
    else await removeFavorite(user.id, slug);
  } catch (error) {
    return errorResponse(error, { ok: false });
  }
  // a fetcher (JavaScript) wants the new state; a plain form goes back to the page it came from
  if (parsed.values.answer === "json") return json({ ok: true, saved: intent === "add" });
  return redirect(safeRedirect(redirectTo, "/favorites"));
}

export default function Favorites() {
  const { favorites } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">我的收藏</h1>
        <Link to="/footprints" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          我的足迹
        </Link>
      </div>
      {favorites.length ? (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {favorites.map(({ product, onSale }) => (
            <li key={product.slug} className="relative">
              {onSale ? (
                <ProductCard product={product} headingLevel={2} />
              ) : (
                <div className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
                  <h2 className="font-medium">{product.name}</h2>
                  <p className="text-stone-500">已下架</p>
                </div>
              )}
              <div className="absolute right-2 top-2">
                <FavoriteButton slug={product.slug} name={product.name} saved signedIn compact />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">
          还没有收藏。在商品页点“收藏”，喜欢的特产就会出现在这里。
          <Link to="/" className="ml-2 text-brand-700 underline">
            去逛逛
          </Link>
        </p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的收藏 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
