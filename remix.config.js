/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  postcss: true,
  tailwind: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with lazy discovery every document request matches the URL against every route again to
    // build a partial manifest (~10% of a hall page's server time, measured); the full manifest is
    // a small cached file instead.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
