// Milliseconds of CPU per page, in process and one request at a time: the built Remix handler
// without HTTP, connections or the page cache. Run by catalog.bench.ts with the server's
// environment (with REMIX_BUILD naming the render-limit build, or without); prints {"<path>": ms, …}.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, installGlobals, type ServerBuild } from "@remix-run/node";

const WARM = 300;
const ROUNDS = 7;
const PER_ROUND = 300;

const loaded = (await import(pathToFileURL(path.resolve(process.env.REMIX_BUILD ?? "build/index.js")).href)) as ServerBuild & { default?: ServerBuild };
const build = loaded.default?.routes ? loaded.default : loaded;
installGlobals({ nativeFetch: build.future.v3_singleFetch });
const handle = createRequestHandler(build, "production");
const page = async (p: string) => {
  const response = await handle(new Request(`http://localhost${p}`));
  if (response.status !== 200) throw new Error(`${p}: ${response.status}`);
  await response.text();
};

const out: Record<string, number> = {};
for (const p of process.argv.slice(2)) {
  for (let i = 0; i < WARM; i++) await page(p);
  // the median of several rounds: single runs wander ±15% with garbage collection
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await page(p);
    rounds.push((performance.now() - started) / PER_ROUND);
  }
  out[p] = rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}
console.log(JSON.stringify(out));
process.exit(0);
