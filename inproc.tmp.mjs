import { createRequestHandler, installGlobals } from "@remix-run/node";
const build = await import("/work/main/build/index.js");
installGlobals({ nativeFetch: false });
const handle = createRequestHandler(build, "production");
const paths = process.argv.slice(2);
for (const p of paths) {
  for (let i = 0; i < 200; i++) await (await handle(new Request("http://localhost" + p))).text();
  const n = 1000; const t = performance.now();
  for (let i = 0; i < n; i++) await (await handle(new Request("http://localhost" + p))).text();
  console.log(p, ((performance.now() - t) / n).toFixed(3), "ms/req");
}
process.exit(0);
