import { sessionStorage } from "~/session.server";

/** The session cookie a signed-in user's browser would send. */
export async function sessionCookie(userId: string) {
  const session = await sessionStorage.getSession();
  session.set("userId", userId);
  return (await sessionStorage.commitSession(session)).split(";")[0];
}

/** Arguments for calling a route's loader or action directly, as Remix would. */
export function routeArgs(path: string, options: { cookie?: string; form?: Record<string, string>; params?: Record<string, string> } = {}) {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  const init: RequestInit = { headers };
  if (options.form) {
    init.method = "POST";
    init.body = new URLSearchParams(options.form);
  }
  return { request: new Request(`http://shop.test${path}`, init), params: options.params ?? {}, context: {} };
}

/** Runs a loader/action and returns its Response, whether it returned or threw one. */
export async function respond(fn: () => Promise<unknown>): Promise<Response> {
  try {
    return (await fn()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
