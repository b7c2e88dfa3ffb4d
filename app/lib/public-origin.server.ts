import { env } from "~/env.server";

/** The site's address for links that leave the site (e-mails, Stripe's return URLs): PUBLIC_URL, or the request's origin. */
export function publicOrigin(request: Request) {
  return env().PUBLIC_URL ?? new URL(request.url).origin;
}
