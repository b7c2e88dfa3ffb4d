// The benchmark's own server build: the production build (build/index.js) with the loaders of the
// root layout, the hall page and the search page swapped for ones that return loader data captured
// from a real server (RENDER_LIMIT_FIXTURE, a JSON file by route id) without touching the database.
// Served with `REMIX_BUILD=bench/support/render-limit-build.ts node --import tsx build/server.js`,
// it measures the render limit of the very same components (bench/catalog.bench.ts). The app
// itself carries no benchmark code.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

const real = (await import(pathToFileURL(path.resolve(import.meta.dirname, "../../build/index.js")).href)) as ServerBuild;
const file = process.env.RENDER_LIMIT_FIXTURE;
if (!file) throw new Error("RENDER_LIMIT_FIXTURE must name the captured loader data");
const fixture = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;

// The same cache headers the real loaders send an anonymous visitor (app/lib/http-cache.server.ts).
const anonymous = { "Cache-Control": "public, max-age=60", Vary: "Cookie" };
const routes: ServerBuild["routes"] = { ...real.routes };
for (const id of ["root", "routes/halls.$slug", "routes/search"]) {
  const route = routes[id];
  if (!route || !(id in fixture)) throw new Error(`no ${id} in the build or the fixture`);
  const body = JSON.stringify(fixture[id]);
  const loader = async () => new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8", ...(id === "root" ? {} : anonymous) } });
  routes[id] = { ...route, module: { ...route.module, loader } };
}

export default { ...real, routes } satisfies ServerBuild;
