import { env } from "~/env.server";

/**
 * Development aids (/dev/…) exist everywhere but production; there they answer the same 404 as an
 * address no route claims, so a production site does not even reveal that they exist.
 */
export function devPagesEnabled(nodeEnv = env().NODE_ENV) {
  return nodeEnv !== "production";
}

export function requireDevPages() {
  if (!devPagesEnabled()) throw new Response("您要找的页面不存在", { status: 404 });
}
