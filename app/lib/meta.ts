import type { MetaDescriptor } from "@remix-run/node";

/** Title, description and the Open Graph pair that link previews use, for a public page. */
export function pageMeta(title: string, description: string, extra: MetaDescriptor[] = []): MetaDescriptor[] {
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:site_name", content: "陇货通" },
    ...extra,
  ];
}
