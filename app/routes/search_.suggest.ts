import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { suggestSearches } from "~/models/catalog/search.server";

// 搜索联想: what the search box offers while someone types (`/search/suggest?q=hua`), as JSON for the
// header and search-page boxes. Any input answers 200: empty gives the hot searches, junk or a huge
// string is cleaned by parseQuery like a search. Suggestions are public and the same for everyone.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q");
  const suggestions = await suggestSearches(q);
  return json({ suggestions }, { headers: { "Cache-Control": "public, max-age=60" } });
}
