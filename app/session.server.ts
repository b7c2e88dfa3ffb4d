import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env } from "~/env.server";
import type { Role } from "~/models/accounts/roles";
import { safeRedirect } from "~/lib/safe-redirect";
import { mergeGuestCart } from "~/models/orders/cart.server";
import { ORG_ROLES, organizationOfMember } from "~/models/institutions/organization.server";
import type { SessionUser } from "~/models/accounts/user.server";
import { endAllSessions, endSession, sessionUser, startSession, SESSION_MAX_MS, type SessionMeta } from "~/models/accounts/session.server";
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
    maxAge: SESSION_MAX_MS / 1000,
  },
});

// The signed cookie carries the session token (and one-shot flash messages); who is signed in is
// decided by the Session row the token names (~/models/accounts/session.server).
const TOKEN_KEY = "sid";

export async function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

type Current = Awaited<ReturnType<typeof sessionUser>>;

// A page's loaders (root's and the route's) all ask who is signed in. Remix hands each loader its
// own copy of the request but the same abort signal, so a GET looks the session up once (decision
// 0016, third pass). Not for other methods: an action may end or start a session before the
// loaders run again in the same request.
const lookedUp = new WeakMap<AbortSignal, { cookie: string | null; current: Promise<Current> }>();

async function lookUpSession(cookie: string | null): Promise<Current> {
  const token = (await sessionStorage.getSession(cookie)).get(TOKEN_KEY);
  return typeof token === "string" ? sessionUser(token) : null;
}

function currentSession(request: Request): Promise<Current> {
  const cookie = request.headers.get("Cookie");
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpSession(cookie);
  const known = lookedUp.get(request.signal);
  if (known && known.cookie === cookie) return known.current;
  const current = lookUpSession(cookie);
  lookedUp.set(request.signal, { cookie, current });
  return current;
}

/** The id of this browser's live session (to mark "this device" in a list), or null. */
export async function currentSessionId(request: Request): Promise<string | null> {
  return (await currentSession(request))?.sessionId ?? null;
}

export async function getUserId(request: Request): Promise<string | undefined> {
  return (await currentSession(request))?.user.id;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await currentSession(request))?.user ?? null;
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

function metaOf(request: Request, clientAddress: string | null): SessionMeta {
  return { userAgent: request.headers.get("User-Agent"), clientAddress };
}

/**
 * The Set-Cookie of a brand-new session for the user. Always a new token: one planted in the
 * browser before log-in (or before a role change) is never promoted. The session it replaces ends.
 */
export async function newSessionCookie(request: Request, userId: string, options: { clientAddress?: string | null; flash?: string } = {}) {
  const session = await getSession(request);
  const old = session.get(TOKEN_KEY);
  if (typeof old === "string") await endSession(old);
  session.set(TOKEN_KEY, await startSession(userId, metaOf(request, options.clientAddress ?? null)));
  if (options.flash) session.flash("flash", options.flash);
  return sessionStorage.commitSession(session);
}

/**
 * After the signed-in user changed their own roles (registered an organisation, accepted an
 * invitation): the model ended their sessions, this starts a fresh one with a new id.
 */
export async function renewSession(request: Request, userId: string, options: { clientAddress?: string | null; flash?: string } = {}) {
  return { "Set-Cookie": await newSessionCookie(request, userId, options) };
}

/** Signs the user in; a guest cart they filled before logging in moves into their account. */
export async function createUserSession(request: Request, userId: string, redirectTo: string, clientAddress: string | null = null) {
  const headers = new Headers({ "Set-Cookie": await newSessionCookie(request, userId, { clientAddress }) });
  const clearGuestCart = await mergeGuestCart(request, userId);
  if (clearGuestCart) headers.append("Set-Cookie", clearGuestCart);
  return redirect(safeRedirect(redirectTo), { headers });
}

/** Ends this browser's session on the server (a copied cookie stops working) and clears the cookie. */
export async function logout(request: Request, redirectTo = "/", headers: Record<string, string> = {}) {
  const session = await getSession(request);
  const token = session.get(TOKEN_KEY);
  if (typeof token === "string") await endSession(token);
  return redirect(redirectTo, { headers: { ...headers, "Set-Cookie": await sessionStorage.destroySession(session) } });
}

/** "Log out everywhere": every session of the signed-in account ends, this one included. */
export async function logoutEverywhere(request: Request, userId: string) {
  await endAllSessions(userId);
  return logout(request, "/login");
}

/** One-shot message shown after a mutation (read and cleared by the root loader). */
export async function flash(request: Request, message: string) {
  const session = await getSession(request);
  session.flash("flash", message);
  return { "Set-Cookie": await sessionStorage.commitSession(session) };
}
