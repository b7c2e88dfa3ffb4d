import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { citiesOf, districtsOf } from "~/models/addresses/divisions.server";

// The next level of an address picker: a province's cities, or a city's districts. Public and the
// same for everyone, so browsers and the page cache keep it for a day.
export function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const province = (query.get("province") ?? "").slice(0, 20);
  const city = (query.get("city") ?? "").slice(0, 20);
  const names = (city ? districtsOf(province, city) : citiesOf(province)).map((d) => d.name);
  // json from Remix: the production server's fetch globals have no static Response.json
  return json(city ? { districts: names } : { cities: names }, {
    headers: { "Cache-Control": "public, max-age=86400" },
  });
}
