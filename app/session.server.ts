import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env } from "~/env.server";
import type { Role } from "~/models/accounts/roles";
import { safeRedirect } from "~/lib/safe-redirect";
import { mergeGuestCart } from "~/models/orders/cart.server";
import { ORG_ROLES, organizationOfMember } from "~/models/institutions/organization.server";
import { getUserWithRoles, type SessionUser } from "~/models/accounts/user.server";
import { coopListing } from "~/models/coops/listing.server";

const config = env();

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: "__lht_session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.NODE_ENV === "production",
    secrets: [config.SESSION_SECRET],
    maxAge: 60 * 60 * 24 * 14,
  },
});

const USER_KEY = "userId";

export async function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

export async function getUserId(request: Request): Promise<string | undefined> {
  const session = await getSession(request);
  const userId = session.get(USER_KEY);
  return typeof userId === "string" ? userId : undefined;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const userId = await getUserId(request);
  if (!userId) return null;
  return getUserWithRoles(userId);
}

/**
 * The first line of every protected loader and action. No user: redirect to log-in (coming back
 * afterwards). A user without any of the roles: 403. Staff pass every role check.
 */
export async function requireUser(request: Request, role?: Role | Role[]): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirect(url.pathname + url.search);
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (role) {
    const wanted = Array.isArray(role) ? role : [role];
    if (!hasAnyRole(user, wanted)) {
      throw new Response("您没有访问此页面的权限", { status: 403 });
    }
  }
  return user;
}

/**
 * The first line of every /org loader and action: a logged-in member of an organisation holding
 * one of the roles. Someone without an organisation is sent to register one.
 */
export async function requireOrgMember(request: Request, roles: Role[] = ORG_ROLES) {
  const user = await requireUser(request);
  if (!user.organizationId) throw redirect("/org/register");
  if (!roles.some((r) => user.roles.includes(r))) throw new Response("您在本单位没有此操作的权限", { status: 403 });
  return { user, organization: await organizationOfMember(user.organizationId) };
}

/** A co-op manager and the co-op they act for; 403 when the account is linked to none. */
export async function requireCoopManager(request: Request): Promise<SessionUser & { coopId: string }> {
  const user = await requireUser(request, "coop_manager");
  if (!user.coopId) throw new Response("您的账号未关联合作社", { status: 403 });
  return { ...user, coopId: user.coopId };
}

/**
 * A co-op manager and one of their co-op's products (by slug), for every /coop/products/<slug>
 * page. Another co-op's product is the same 404 as a missing one.
 */
export async function requireOwnListing(request: Request, slug: string | undefined) {
  const user = await requireCoopManager(request);
  const product = await coopListing(user.coopId, slug ?? "");
  if (!product) throw new Response("没有这个商品，或它不属于本社", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return { user, product };
}

export function hasAnyRole(user: Pick<SessionUser, "roles">, wanted: Role[]): boolean {
  return user.roles.includes("staff") || wanted.some((r) => user.roles.includes(r));
}

/** Signs the user in; a guest cart they filled before logging in moves into their account. */
export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request);
  session.set(USER_KEY, userId);
  const headers = new Headers({ "Set-Cookie": await sessionStorage.commitSession(session) });
  const clearGuestCart = await mergeGuestCart(request, userId);
  if (clearGuestCart) headers.append("Set-Cookie", clearGuestCart);
  return redirect(safeRedirect(redirectTo), { headers });
}

export async function logout(request: Request) {
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await sessionStorage.destroySession(session) } });
}

/** One-shot message shown after a mutation (read and cleared by the root loader). */
export async function flash(request: Request, message: string) {
  const session = await getSession(request);
  session.flash("flash", message);
  return { "Set-Cookie": await sessionStorage.commitSession(session) };
}
