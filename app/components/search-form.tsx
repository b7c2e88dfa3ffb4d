import { Form, useFetcher, useNavigate } from "@remix-run/react";
import { Link } from "~/components/link";
import { useEffect, useRef, useState } from "react";
import type { Suggestion } from "~/models/catalog/search.server";

const SUGGEST_DELAY_MS = 150;

/**
 * The product search box (GET /search?q=): in the site header and on the results page. While
 * someone types it offers 搜索联想 from /search/suggest (an empty box offers the hot searches), as
 * an ARIA combobox: ↑/↓ choose, Enter opens, Esc closes. Without JavaScript it is a plain GET form.
 */
export function SearchForm({ id, defaultValue, placeholder, large = false }: { id: string; defaultValue?: string; placeholder: string; large?: boolean }) {
  const fetcher = useFetcher<{ suggestions: Suggestion[] }>();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const suggestions = fetcher.data?.suggestions ?? [];
  const listId = `${id}-suggestions`;
  const shown = open && suggestions.length > 0;

  useEffect(() => () => clearTimeout(timer.current), []);

  const ask = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => fetcher.load(`/search/suggest?q=${encodeURIComponent(q.slice(0, 100))}`), SUGGEST_DELAY_MS);
    setOpen(true);
    setActive(-1);
  };

  return (
    <Form
      method="get"
      action="/search"
      role="search"
      className={`relative ${large ? "flex max-w-xl" : "flex w-full min-w-0"}`}
      onSubmit={(e) => {
        if (shown && active >= 0) {
          e.preventDefault();
          setOpen(false);
          navigate(suggestions[active].href);
        } else setOpen(false);
      }}
    >
      <label htmlFor={id} className="sr-only">
        搜索商品
      </label>
      <input
        id={id}
        name="q"
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        defaultValue={defaultValue}
        maxLength={100}
        placeholder={placeholder}
        onFocus={(e) => ask(e.currentTarget.value)}
        onChange={(e) => ask(e.currentTarget.value)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
          else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            if (!suggestions.length) return;
            e.preventDefault();
            setOpen(true);
            const step = e.key === "ArrowDown" ? 1 : -1;
            // -1 is the box itself: the list cycles through it
            setActive((a) => {
              const next = a + step;
              return next >= suggestions.length ? -1 : next < -1 ? suggestions.length - 1 : next;
            });
          }
        }}
        className={`min-w-0 flex-1 rounded-l-md border border-stone-300 px-3 ${large ? "py-2" : "h-11 text-base md:h-9 md:text-sm"}`}
      />
      <button type="submit" className={`rounded-r-md bg-brand-600 text-white ${large ? "px-4" : "min-h-11 px-3 text-sm md:min-h-0"}`}>
        搜索
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label={fetcher.data && !fetcher.data.suggestions.some((s) => s.kind !== "热搜") ? "热门搜索" : "搜索联想"}
        hidden={!shown}
        className="absolute left-0 right-0 top-full z-30 mt-1 max-h-80 overflow-y-auto rounded-md border border-stone-200 bg-white py-1 text-sm shadow-lg"
      >
        {suggestions.map((s, i) => (
          <li key={`${s.kind}-${s.href}`} id={`${listId}-${i}`} role="option" aria-selected={i === active}>
            <Link
              to={s.href}
              tabIndex={-1}
              // keep the focus in the box until the click lands, so blur does not hide the list first
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => setOpen(false)}
              className={`flex min-h-11 items-center justify-between gap-2 px-3 py-2 ${i === active ? "bg-brand-50" : "hover:bg-stone-100"}`}
            >
              <span className="truncate">{s.label}</span>
              <span className="shrink-0 text-xs text-stone-500">{s.kind}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Form>
  );
}
