import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { Link } from "~/components/link";

interface Props {
  slug: string;
  name: string;
  saved: boolean;
  signedIn: boolean;
  compact?: boolean;
}

// A signed-in hall page draws 36 hearts; a fetcher and its form cost the server about 7 µs each for
// markup that, before hydration, is a plain form (decision 0016, third pass). So the server draws
// that form, and the browser's first render — the fetcher's, which hydrates onto it — draws the same
// (tests/integration/server-markup.test.tsx holds the two to the same HTML).
const onServer = typeof document === "undefined";

/**
 * 收藏 / 已收藏 for one product: a fetcher with JavaScript (the page stays put), a plain POST to
 * /favorites without it (the action sends the shopper back to this page). Anonymous visitors get a
 * link to log in and come back.
 */
export function FavoriteButton(props: Props) {
  return onServer ? <ServerFavoriteButton {...props} /> : <LiveFavoriteButton {...props} />;
}

/** What the server sends: the form as it is before hydration (exported for the markup test). */
export function ServerFavoriteButton({ slug, name, saved, signedIn, compact = false }: Props) {
  const location = useLocation();
  const here = location.pathname + location.search;
  if (!signedIn) return <LogInToSave here={here} name={name} compact={compact} />;
  return (
    <form method="post" action="/favorites" className="inline">
      <Fields slug={slug} name={name} isSaved={saved} here={here} hydrated={false} compact={compact} />
    </form>
  );
}

export function LiveFavoriteButton({ slug, name, saved, signedIn, compact = false }: Props) {
  const fetcher = useFetcher<{ ok: boolean; saved?: boolean; error?: string }>();
  const location = useLocation();
  const here = location.pathname + location.search;
  // only once hydrated does the post come from a fetcher, which wants an answer instead of a redirect
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const pending = fetcher.formData?.get("intent");
  const isSaved = pending ? pending === "add" : fetcher.data?.saved ?? saved;
  if (!signedIn) return <LogInToSave here={here} name={name} compact={compact} />;
  return (
    <fetcher.Form method="post" action="/favorites" className="inline">
      <Fields slug={slug} name={name} isSaved={isSaved} here={here} hydrated={hydrated} compact={compact}>
        {fetcher.data?.error ? (
          <span role="alert" className="ml-2 text-xs text-red-700">
            {fetcher.data.error}
          </span>
        ) : null}
      </Fields>
    </fetcher.Form>
  );
}

function look(compact: boolean, isSaved: boolean) {
  return compact
    ? `inline-flex h-11 w-11 items-center justify-center rounded-full bg-white/90 text-lg shadow ${isSaved ? "text-brand-600" : "text-stone-500"}`
    : `inline-flex min-h-11 items-center gap-1 rounded border px-3 text-sm ${isSaved ? "border-brand-600 text-brand-700" : "border-stone-300 text-stone-700 hover:bg-stone-100"}`;
}

function LogInToSave({ here, name, compact }: { here: string; name: string; compact: boolean }) {
  return (
    <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className={look(compact, false)} aria-label={`登录后收藏${name}`}>
      <span aria-hidden="true">♡</span>
      {compact ? null : "收藏"}
    </Link>
  );
}

function Fields(props: { slug: string; name: string; isSaved: boolean; here: string; hydrated: boolean; compact: boolean; children?: ReactNode }) {
  const { slug, name, isSaved, here, hydrated, compact } = props;
  return (
    <>
      <input type="hidden" name="intent" value={isSaved ? "remove" : "add"} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="redirectTo" value={here} />
      {hydrated ? <input type="hidden" name="answer" value="json" /> : null}
      <button type="submit" className={look(compact, isSaved)} aria-pressed={isSaved} aria-label={compact ? `收藏${name}` : undefined}>
        <span aria-hidden="true">{isSaved ? "♥" : "♡"}</span>
        {compact ? null : isSaved ? "已收藏" : "收藏"}
      </button>
      {props.children}
    </>
  );
}
