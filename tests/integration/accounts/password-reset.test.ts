// 忘记密码: a hashed one-time link by e-mail, 30 minutes, once; using it ends every session.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { sha256 } from "~/lib/hash.server";
import { RESET_ACCOUNT_POLICY } from "~/models/accounts/login-throttle.server";
import { RESET_SENT } from "~/models/accounts/auth.schema";
import { requestPasswordReset, RESET_MINUTES, resetPassword } from "~/models/accounts/password-reset.server";
import { sessionUser, startSession } from "~/models/accounts/session.server";
import { verifyLogin } from "~/models/accounts/user.server";
import * as forgot from "~/routes/forgot-password";
import * as reset from "~/routes/reset-password.$token";
import { makeUser } from "../../factories";
import { responseOf, routeArgs } from "../../requests";

const ask = (email: string, clientAddress = "203.0.113.70") => responseOf(() => forgot.action(routeArgs("/forgot-password", { form: { email }, clientAddress })));

/** The token in the newest reset e-mail to this address, as the person would follow it. */
async function linkFor(email: string) {
  const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { to: email, subject: { contains: "重置" } }, orderBy: { createdAt: "desc" } });
  const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

describe("忘记密码", () => {
  it("answers the same whether or not the address has an account, and mails a link only to an account", async () => {
    await makeUser(prisma, { email: "forgetful@example.cn" });
    const known = await ask("forgetful@example.cn");
    const unknown = await ask("nobody-here@example.cn");
    expect([known.status, unknown.status]).toEqual([200, 200]);
    const [a, b] = [await known.json(), await unknown.json()];
    expect(a).toEqual(b);
    expect(a.sent).toBe(true);
    expect(await prisma.outboxMessage.count({ where: { to: "forgetful@example.cn", kind: "security" } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { to: "nobody-here@example.cn" } })).toBe(0);
    expect(RESET_SENT).not.toMatch(/不存在|未注册/);
  });

  it("stores only the token's hash", async () => {
    const user = await makeUser(prisma, { email: "hashed@example.cn" });
    const token = (await requestPasswordReset({ email: "hashed@example.cn" }))!;
    const rows = await prisma.passwordReset.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.id)).toEqual([sha256(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("sets the new password once; the link then fails, and every session of the account has ended", async () => {
    const user = await makeUser(prisma, { email: "reset-once@example.cn", password: "old-password-1" });
    const phone = await startSession(user.id);
    const laptop = await startSession(user.id);
    await ask("reset-once@example.cn");
    const token = await linkFor("reset-once@example.cn");

    const page = await responseOf(() => reset.loader(routeArgs(`/reset-password/${token}`, { params: { token } })));
    expect(await page.json()).toEqual({ usable: true });
    const done = await responseOf(() => reset.action(routeArgs(`/reset-password/${token}`, { params: { token }, form: { password: "new-password-2", confirmPassword: "new-password-2" } })));
    expect(done.status).toBe(302);
    expect(done.headers.get("Set-Cookie")).toBeTruthy(); // this browser is signed in afresh

    expect(await verifyLogin("reset-once@example.cn", "new-password-2")).toBe(user.id);
    expect(await verifyLogin("reset-once@example.cn", "old-password-1")).toBeNull();
    expect(await sessionUser(phone)).toBeNull();
    expect(await sessionUser(laptop)).toBeNull();

    const again = await responseOf(() => reset.action(routeArgs(`/reset-password/${token}`, { params: { token }, form: { password: "third-password-3", confirmPassword: "third-password-3" } })));
    expect(again.status).toBe(400);
    expect((await again.json()).errors.form).toBe("重置链接无效或已过期，请重新申请");
    expect(await verifyLogin("reset-once@example.cn", "new-password-2")).toBe(user.id);
  });

  it("expires after 30 minutes", async () => {
    const user = await makeUser(prisma, { email: "reset-late@example.cn", password: "old-password-1" });
    const issued = new Date("2026-12-02T08:00:00Z");
    const token = (await requestPasswordReset({ email: "reset-late@example.cn", now: issued }))!;
    const late = new Date(issued.getTime() + RESET_MINUTES * 60_000 + 1000);
    await expect(resetPassword({ token, password: "new-password-2", now: late })).rejects.toMatchObject({ message: "重置链接无效或已过期，请重新申请" });
    expect(await verifyLogin("reset-late@example.cn", "old-password-1")).toBe(user.id);
    // just inside the window it works
    const token2 = (await requestPasswordReset({ email: "reset-late@example.cn", now: issued }))!;
    await resetPassword({ token: token2, password: "new-password-2", now: new Date(issued.getTime() + (RESET_MINUTES - 1) * 60_000) });
    expect(await verifyLogin("reset-late@example.cn", "new-password-2")).toBe(user.id);
  });

  it("a newer link replaces an older one", async () => {
    await makeUser(prisma, { email: "two-links@example.cn" });
    const first = (await requestPasswordReset({ email: "two-links@example.cn" }))!;
    const second = (await requestPasswordReset({ email: "two-links@example.cn" }))!;
    await expect(resetPassword({ token: first, password: "new-password-2" })).rejects.toMatchObject({ status: 400 });
    await resetPassword({ token: second, password: "new-password-2" });
  });

  it("is throttled like log-in, the same for an address with no account", async () => {
    await makeUser(prisma, { email: "bombed@example.cn" });
    for (const email of ["bombed@example.cn", "no-account@example.cn"]) {
      for (let i = 0; i < RESET_ACCOUNT_POLICY.free; i++) expect((await ask(email, "203.0.113.71")).status).toBe(200);
      const refused = await ask(email, "203.0.113.71");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
      // another client is not held up
      expect((await ask(email, "198.51.100.71")).status).toBe(200);
    }
    expect(await prisma.outboxMessage.count({ where: { to: "bombed@example.cn" } })).toBe(RESET_ACCOUNT_POLICY.free + 1);
  });
});
