import { ProductPhoto } from "~/components/product-photo";

type Photo = Parameters<typeof ProductPhoto>[0]["image"];

/**
 * A product's photos: one swipeable strip and, when there are several, a strip of thumbnails.
 * Both strips scroll sideways, so both take keyboard focus (arrow keys scroll a focused scroller;
 * axe's scrollable-region-focusable); a thumbnail is a link to its photo, and with JavaScript it
 * scrolls the strip to the photo instead of jumping the whole page.
 */
export function ProductGallery({ images, name }: { images: Photo[]; name: string }) {
  const show = (i: number) => (event: React.MouseEvent) => {
    const photo = document.getElementById(`photo-${i + 1}`);
    if (!photo) return;
    event.preventDefault();
    photo.scrollIntoView({ block: "nearest", inline: "center", behavior: "smooth" });
  };
  return (
    <section aria-label="商品图片" className="min-w-0 space-y-2">
      <ul tabIndex={0} aria-label={`${name}的图片，可左右滑动`} className="flex snap-x snap-mandatory overflow-x-auto rounded-lg focus-visible:outline-2 focus-visible:outline-brand-500">
        {images.map((img, i) => (
          <li key={img.url} id={`photo-${i + 1}`} className="w-full shrink-0 snap-center">
            <ProductPhoto image={img} sizes="(min-width: 768px) 36rem, 100vw" loading={i === 0 ? "eager" : "lazy"} className="aspect-[4/3] w-full object-cover" />
          </li>
        ))}
      </ul>
      {images.length > 1 ? (
        <ul tabIndex={0} className="flex gap-2 overflow-x-auto p-0.5 focus-visible:outline-2 focus-visible:outline-brand-500" aria-label="缩略图">
          {images.map((img, i) => (
            <li key={img.url} className="shrink-0">
              <a href={`#photo-${i + 1}`} onClick={show(i)} className="block w-20 overflow-hidden rounded border border-stone-200 focus-visible:outline-2 focus-visible:outline-brand-500">
                <ProductPhoto image={img} alt={`第 ${i + 1} 张`} sizes="5rem" className="aspect-[4/3] w-full object-cover" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
