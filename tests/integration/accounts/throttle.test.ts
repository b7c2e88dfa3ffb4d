// The log-in throttle slows guessing at the guesser's client and never locks the owner out.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ACCOUNT_POLICY, CLIENT_POLICY, loginWait, recordLoginAttempt } from "~/models/accounts/login-throttle.server";
import { action as loginAction } from "~/routes/login";
import { makeUser } from "../../factories";
import { responseOf, routeArgs } from "../../requests";

const attempt = (email: string, password: string, clientAddress: string) =>
  responseOf(() => loginAction(routeArgs("/login", { form: { email, password }, clientAddress })));

describe("log-in throttle", () => {
  it("wrong passwords from one client make that client wait; the owner with the right password from another client gets in", async () => {
    await makeUser(prisma, { email: "staff-owner@example.cn", password: "right-password", roles: ["staff"] });
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) expect((await attempt("staff-owner@example.cn", `guess-${i}`, "203.0.113.50")).status).toBe(400);
    const attacker = await attempt("staff-owner@example.cn", "right-password", "203.0.113.50");
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await attempt("staff-owner@example.cn", "right-password", "198.51.100.8")).status).toBe(302);
  });

  it("the wait doubles with every further miss, and ends on its own", async () => {
    await makeUser(prisma, { email: "backoff@example.cn", password: "right-password" });
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) await attempt("backoff@example.cn", `guess-${i}`, "203.0.113.51");
    const first = await loginWait("backoff@example.cn", "203.0.113.51");
    expect(first).toBeGreaterThan(ACCOUNT_POLICY.baseWaitMs - 1000);
    expect(first).toBeLessThanOrEqual(ACCOUNT_POLICY.baseWaitMs);
    // the wait passes; one more miss waits twice as long
    await prisma.loginAttempt.updateMany({ where: { key: { startsWith: "login:backoff@" } }, data: { createdAt: new Date(Date.now() - ACCOUNT_POLICY.baseWaitMs - 1) } });
    expect(await loginWait("backoff@example.cn", "203.0.113.51")).toBe(0);
    expect((await attempt("backoff@example.cn", "guess-x", "203.0.113.51")).status).toBe(400);
    const second = await loginWait("backoff@example.cn", "203.0.113.51");
    expect(second).toBeGreaterThan(2 * ACCOUNT_POLICY.baseWaitMs - 1000);
    // after the window nothing counts any more
    await prisma.loginAttempt.updateMany({ where: { key: { startsWith: "login:backoff@" } }, data: { createdAt: new Date(Date.now() - ACCOUNT_POLICY.windowMs - 1) } });
    expect((await attempt("backoff@example.cn", "right-password", "203.0.113.51")).status).toBe(302);
  });

  it("spraying many accounts from one client is cut off at that client only", async () => {
    const victim = await makeUser(prisma, { email: "sprayed@example.cn", password: "right-password" });
    // the misses a sprayer leaves (recorded as the action records them, without paying for bcrypt here)
    for (let i = 0; i < CLIENT_POLICY.free; i++) await recordLoginAttempt(`user-${i}@example.cn`, "203.0.113.52", false);
    // a further guess at a fresh account from the sprayer is refused before the password is checked
    expect((await attempt("someone-else@example.cn", "guess", "203.0.113.52")).status).toBe(429);
    expect((await attempt(victim.email, "right-password", "203.0.113.52")).status).toBe(429);
    expect((await attempt(victim.email, "right-password", "198.51.100.9")).status).toBe(302);
  });
});
