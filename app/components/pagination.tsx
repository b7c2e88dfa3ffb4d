import { Link } from "~/components/link";

/** Server-rendered previous/next links; `href(page)` builds the stable URL of a page. */
export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1 && page <= 1) return null;
  const linkClass = "rounded border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100";
  return (
    <nav aria-label="分页" className="flex items-center justify-center gap-3 text-sm">
      {page > 1 ? (
        <Link to={href(Math.min(page - 1, pageCount))} rel="prev" className={linkClass}>
          上一页
        </Link>
      ) : null}
      <span className="text-stone-600">
        第 {page} / {pageCount} 页
      </span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next" className={linkClass}>
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
