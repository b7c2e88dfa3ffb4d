// Server-side sessions: a copied cookie is worth nothing once its session ends, whichever way it ends.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { SESSION_IDLE_MS, SESSION_MAX_MS } from "~/models/accounts/session.server";
import * as account from "~/routes/account";
import * as adminUsers from "~/routes/admin.users";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import * as orgRegister from "~/routes/org.register";
import { getUser } from "~/session.server";
import { Request as RemixRequest } from "@remix-run/web-fetch";
import { makeUser } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

const asCookie = (setCookie: string | null) => (setCookie ?? "").split(";")[0];
const whoIs = async (cookie: string) => (await getUser(new Request("http://shop.test/", { headers: { Cookie: cookie } })))?.id ?? null;

async function logIn(email: string, password: string, cookie?: string) {
  const response = await responseOf(() => loginAction(routeArgs("/login", { cookie, form: { email, password }, clientAddress: "198.51.100.7" })));
  expect(response.status).toBe(302);
  return asCookie(response.headers.get("Set-Cookie"));
}

describe("sessions", () => {
  it("a page's loaders look the session up once per GET (Remix copies the request, keeping its signal), never across an action", async () => {
    const user = await makeUser(prisma, { email: "once@example.cn", password: "right-password" });
    const cookie = await cookieFor(user.id);
    // as @remix-run/server-runtime hands each loader its own copy (stripIndexParam / stripDataParam)
    const copy = (r: Request) => new RemixRequest(r.url, { method: r.method, headers: r.headers, signal: r.signal, body: r.body, ...(r.body ? { duplex: "half" } : {}) }) as unknown as Request;
    const page = new RemixRequest("http://shop.test/orders", { headers: { Cookie: cookie } }) as unknown as Request;
    expect((await getUser(copy(page)))?.id).toBe(user.id);
    await prisma.session.deleteMany({ where: { userId: user.id } });
    // the same page view: its other loader is answered from the first lookup
    expect((await getUser(copy(page)))?.id).toBe(user.id);
    // the next page view looks again, and the ended session is gone
    expect(await getUser(new RemixRequest("http://shop.test/orders", { headers: { Cookie: cookie } }) as unknown as Request)).toBeNull();

    // a POST always looks again: its action may have ended the session before the loaders run
    const cookie2 = await cookieFor(user.id);
    const post = new RemixRequest("http://shop.test/account", { method: "POST", headers: { Cookie: cookie2 } }) as unknown as Request;
    expect((await getUser(copy(post)))?.id).toBe(user.id);
    await prisma.session.deleteMany({ where: { userId: user.id } });
    expect(await getUser(copy(post))).toBeNull();
  });

  it("log-in stores a session on the server; log-out ends it, so a copied cookie stops working", async () => {
    const user = await makeUser(prisma, { email: "copy@example.cn", password: "right-password" });
    const cookie = await logIn("copy@example.cn", "right-password");
    const copy = cookie;
    expect(await whoIs(copy)).toBe(user.id);
    const row = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.clientAddress).toBe("198.51.100.7");
    expect(cookie).not.toContain(row.id); // the cookie holds the token, the table only its hash

    const out = await responseOf(() => logoutAction(routeArgs("/logout", { cookie, form: {} })));
    expect(out.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await whoIs(copy)).toBeNull();
  });

  it("every log-in gets a new session id, and the one the browser came with ends", async () => {
    await makeUser(prisma, { email: "fix@example.cn", password: "right-password" });
    const planted = await logIn("fix@example.cn", "right-password");
    const fresh = await logIn("fix@example.cn", "right-password", planted);
    expect(fresh).not.toBe(planted);
    expect(await whoIs(planted)).toBeNull();
    expect(await whoIs(fresh)).not.toBeNull();
  });

  it("log out everywhere ends every session of the account, on the account page", async () => {
    const user = await makeUser(prisma, { roles: ["consumer"] });
    const phone = await cookieFor(user.id);
    const laptop = await cookieFor(user.id);
    const other = await makeUser(prisma, { roles: ["consumer"] });
    const bystander = await cookieFor(other.id);
    const page = await responseOf(() => account.loader(routeArgs("/account", { cookie: laptop })));
    const listed = (await page.json()) as { sessions: { current: boolean }[] };
    expect(listed.sessions).toHaveLength(2);
    expect(listed.sessions.filter((s) => s.current)).toHaveLength(1);

    const response = await responseOf(() => account.action(routeArgs("/account", { cookie: laptop, form: { intent: "logout-everywhere" } })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(bystander)).toBe(other.id);
  });

  it("staff end a user's sessions on /admin/users; nobody else can", async () => {
    const user = await makeUser(prisma, { roles: ["consumer"] });
    const cookie = await cookieFor(user.id);
    const consumer = await cookieFor((await makeUser(prisma, { roles: ["consumer"] })).id);
    const refused = await responseOf(() => adminUsers.action(routeArgs("/admin/users", { cookie: consumer, form: { intent: "end-sessions", userId: user.id } })));
    expect(refused.status).toBe(403);
    expect(await whoIs(cookie)).toBe(user.id);

    const staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
    const listed = (await (await responseOf(() => adminUsers.loader(routeArgs(`/admin/users?q=${user.email}`, { cookie: staff })))).json()) as { users: { id: string; sessions: number }[] };
    expect(listed.users.find((u) => u.id === user.id)?.sessions).toBe(1);
    const ended = await responseOf(() => adminUsers.action(routeArgs("/admin/users", { cookie: staff, form: { intent: "end-sessions", userId: user.id } })));
    expect(ended.status).toBe(200);
    expect(await whoIs(cookie)).toBeNull();
  });

  it("registering an organisation (a new role) replaces the session: the old cookie is dead, the new one is an org admin", async () => {
    const user = await makeUser(prisma, { roles: ["consumer"] });
    const before = await cookieFor(user.id);
    // registration is a multipart form now: contact, mobile and the 营业执照 / 单位证明 scan
    const body = new FormData();
    const fields = { name: "兰州市城关区总工会", type: "UNION", creditCode: "81350103MC00000018", invoiceTitle: "兰州市城关区总工会", taxNumber: "81350103MC00000018", city: "兰州", contactName: "张明", contactPhone: "13809310000" };
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    body.set("licence", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "licence.pdf", { type: "application/pdf" }));
    const response = await responseOf(() =>
      orgRegister.action({ request: new Request("http://shop.test/org/register", { method: "POST", body, headers: { Cookie: before } }), params: {}, context: { clientAddress: null } } as never),
    );
    expect(response.status).toBe(302);
    const after = asCookie(response.headers.get("Set-Cookie"));
    expect(await whoIs(before)).toBeNull();
    const me = await getUser(new Request("http://shop.test/", { headers: { Cookie: after } }));
    expect(me?.roles).toContain("org_admin");
  });

  it("ends after the idle limit and after the absolute limit, however active", async () => {
    const user = await makeUser(prisma, { roles: ["consumer"] });
    const idle = await cookieFor(user.id);
    const busy = await cookieFor(user.id);
    const [idleRow, busyRow] = await prisma.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    await prisma.session.update({ where: { id: idleRow.id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) } });
    await prisma.session.update({ where: { id: busyRow.id }, data: { createdAt: new Date(Date.now() - SESSION_MAX_MS), expiresAt: new Date(Date.now() - 1000) } });
    expect(await whoIs(idle)).toBeNull();
    expect(await whoIs(busy)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("use keeps a session alive: last seen moves forward", async () => {
    const user = await makeUser(prisma, { roles: ["consumer"] });
    const cookie = await cookieFor(user.id);
    const old = new Date(Date.now() - SESSION_IDLE_MS + 60 * 60 * 1000);
    await prisma.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: old } });
    expect(await whoIs(cookie)).toBe(user.id);
    const row = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });
});
