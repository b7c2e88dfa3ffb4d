// Calling route loaders and actions directly, as a logged-in user (integration tests).
import { newSessionCookie } from "~/session.server";

/** The Cookie header value of a real session (a Session row) logged in as `userId`. */
export async function cookieFor(userId: string) {
  return (await newSessionCookie(new Request("http://localhost/login"), userId)).split(";")[0];
}

export function getRequest(path: string, cookie: string) {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}

export function postRequest(path: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

/** Runs a loader/action and gives back its Response, whether it was returned or thrown. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Arguments for calling a route's loader or action directly, as Remix would (a form makes it a POST). */
export function routeArgs(
  path: string,
  options: { cookie?: string; form?: Record<string, string>; params?: Record<string, string>; clientAddress?: string } = {},
) {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  const init: RequestInit = { headers };
  if (options.form) {
    init.method = "POST";
    init.body = new URLSearchParams(options.form);
  }
  return { request: new Request(`http://shop.test${path}`, init), params: options.params ?? {}, context: { clientAddress: options.clientAddress ?? null } };
}
