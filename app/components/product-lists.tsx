import { FavoriteButton } from "~/components/favorite-button";
import { ShareProduct } from "~/components/share-product";

/** The product page's 收藏 and 分享, side by side under the name. */
export function ProductListActions({ slug, name, url, saved, signedIn }: { slug: string; name: string; url: string; saved: boolean; signedIn: boolean }) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <FavoriteButton slug={slug} name={name} saved={saved} signedIn={signedIn} />
      <ShareProduct url={url} slug={slug} name={name} />
    </div>
  );
}
