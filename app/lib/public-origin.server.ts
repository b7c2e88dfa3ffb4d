import { env } from "~/env.server";

/** The site's address for links that leave the site (e-mails, Stripe's return URLs): PUBLIC_URL, or the request's origin. */
export function publicOrigin(request: Request) {
  return env().PUBLIC_URL?.replace(/\/+$/, "") ?? new URL(request.url).origin;
}

/**
 * The same address where no request is at hand (the message sender, webhooks, scripts): PUBLIC_URL,
 * which production requires, or the local development server.
 */
export function siteOrigin() {
  return env().PUBLIC_URL?.replace(/\/+$/, "") ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** An absolute link to a path of the site, for messages. */
export function siteUrl(path: string) {
  return new URL(path, `${siteOrigin()}/`).href;
}
