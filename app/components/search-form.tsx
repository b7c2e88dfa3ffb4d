import { Form } from "@remix-run/react";

/** The product search box (GET /search?q=): in the site header and on the results page. */
export function SearchForm({ id, defaultValue, placeholder, large = false }: { id: string; defaultValue?: string; placeholder: string; large?: boolean }) {
  return (
    <Form method="get" action="/search" role="search" className={large ? "flex max-w-xl" : "flex w-full min-w-0"}>
      <label htmlFor={id} className="sr-only">
        搜索商品
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={100}
        placeholder={placeholder}
        className={`min-w-0 flex-1 rounded-l-md border border-stone-300 px-3 ${large ? "py-2" : "h-11 text-base md:h-9 md:text-sm"}`}
      />
      <button type="submit" className={`rounded-r-md bg-brand-600 text-white ${large ? "px-4" : "min-h-11 px-3 text-sm md:min-h-0"}`}>
        搜索
      </button>
    </Form>
  );
}
