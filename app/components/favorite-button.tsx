import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * 收藏 / 已收藏 for one product: a fetcher with JavaScript (the page stays put), a plain POST to
 * /favorites without it (the action sends the shopper back to this page). Anonymous visitors get a
 * link to log in and come back.
 */
export function FavoriteButton({ slug, name, saved, signedIn, compact = false }: { slug: string; name: string; saved: boolean; signedIn: boolean; compact?: boolean }) {
  const fetcher = useFetcher<{ ok: boolean; saved?: boolean; error?: string }>();
  const location = useLocation();
  const here = location.pathname + location.search;
  // only once hydrated does the post come from a fetcher, which wants an answer instead of a redirect
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const pending = fetcher.formData?.get("intent");
  const isSaved = pending ? pending === "add" : fetcher.data?.saved ?? saved;
  const look = compact
    ? `inline-flex h-11 w-11 items-center justify-center rounded-full bg-white/90 text-lg shadow ${isSaved ? "text-brand-600" : "text-stone-500"}`
    : `inline-flex min-h-11 items-center gap-1 rounded border px-3 text-sm ${isSaved ? "border-brand-600 text-brand-700" : "border-stone-300 text-stone-700 hover:bg-stone-100"}`;
  if (!signedIn) {
    return (
      <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className={look} aria-label={`登录后收藏${name}`}>
        <span aria-hidden="true">♡</span>
        {compact ? null : "收藏"}
      </Link>
    );
  }
  return (
    <fetcher.Form method="post" action="/favorites" className="inline">
      <input type="hidden" name="intent" value={isSaved ? "remove" : "add"} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="redirectTo" value={here} />
      {hydrated ? <input type="hidden" name="answer" value="json" /> : null}
      <button type="submit" className={look} aria-pressed={isSaved} aria-label={compact ? `收藏${name}` : undefined}>
        <span aria-hidden="true">{isSaved ? "♥" : "♡"}</span>
        {compact ? null : isSaved ? "已收藏" : "收藏"}
      </button>
      {fetcher.data?.error ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {fetcher.data.error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}
