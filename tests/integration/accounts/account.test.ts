// /account and the log-in by mobile number (issue 15 item 10).
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ACCOUNT_POLICY } from "~/models/accounts/login-throttle.server";
import { sessionUser, startSession } from "~/models/accounts/session.server";
import { createUser, PhoneTakenError, verifyLogin } from "~/models/accounts/user.server";
import { LEGAL_VERSION } from "~/models/store/legal.server";
import * as account from "~/routes/account";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { makeUser } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";

const login = (email: string, password: string, clientAddress = "203.0.113.80") => responseOf(() => loginAction(routeArgs("/login", { form: { email, password }, clientAddress })));

describe("sign-up", () => {
  it("is refused without agreeing to the 用户协议 and 隐私政策, and records the version and time agreed", async () => {
    const form = { name: "林晓雯", email: "agree@example.cn", phone: "+86 139 0600 5555", password: "password-123", confirmPassword: "password-123" };
    const refused = await responseOf(() => signupAction(routeArgs("/signup", { form })));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ agreeTerms: "请阅读并同意《用户协议》和《隐私政策》" });
    expect(await prisma.user.count({ where: { email: "agree@example.cn" } })).toBe(0);

    const before = Date.now();
    const done = await responseOf(() => signupAction(routeArgs("/signup", { form: { ...form, agreeTerms: "on" } })));
    expect(done.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "agree@example.cn" } });
    expect(user.termsVersion).toBe(LEGAL_VERSION);
    expect(user.termsAcceptedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(user.phone).toBe("13906005555");
  });

  it("one account per mobile number, however it is typed", async () => {
    await createUser({ email: "first@example.cn", name: "甲", password: "password-1", phone: "13906006666" });
    await expect(createUser({ email: "second@example.cn", name: "乙", password: "password-2", phone: "+86 139-0600-6666" })).rejects.toBeInstanceOf(PhoneTakenError);
  });
});

describe("log-in by mobile number", () => {
  it("works with the number typed any way, and gives the same words for a wrong number or a wrong password", async () => {
    const user = await makeUser(prisma, { email: "phone-login@example.cn", password: "right-password", phone: "13906007777" });
    expect(await verifyLogin("+86 139 0600 7777", "right-password")).toBe(user.id);
    expect((await login("139-0600-7777", "right-password")).status).toBe(302);
    const wrongPassword = await login("13906007777", "wrong-password");
    const wrongNumber = await login("13906000000", "right-password");
    const wrongEmail = await login("ghost@example.cn", "right-password");
    expect([wrongPassword.status, wrongNumber.status, wrongEmail.status]).toEqual([400, 400, 400]);
    const [a, b, c] = [(await wrongPassword.json()).errors, (await wrongNumber.json()).errors, (await wrongEmail.json()).errors];
    expect(a).toEqual({ password: "账号或密码错误" });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("shares the log-in throttle: misses on `+86 …` and on the bare number count together", async () => {
    await makeUser(prisma, { email: "phone-throttle@example.cn", password: "right-password", phone: "13906008888" });
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      const typed = i % 2 ? "+86 139 0600 8888" : "13906008888";
      expect((await login(typed, `guess-${i}`, "203.0.113.81")).status).toBe(400);
    }
    expect((await login("139-0600-8888", "right-password", "203.0.113.81")).status).toBe(429);
    expect((await login("13906008888", "right-password", "198.51.100.81")).status).toBe(302);
  });
});

describe("/account", () => {
  it("saves the name and a normalised, unique mobile number", async () => {
    const user = await makeUser(prisma);
    await makeUser(prisma, { phone: "13906009999" });
    const cookie = await cookieFor(user.id);
    const save = (form: Record<string, string>) => responseOf(() => account.action(routeArgs("/account", { cookie, form: { intent: "profile", ...form } })));
    expect((await save({ name: "新名字", phone: "+86 139 0600 1111" })).status).toBe(200);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, phone: true } })).toEqual({ name: "新名字", phone: "13906001111" });
    const taken = await save({ name: "新名字", phone: "139 0600 9999" });
    expect(taken.status).toBe(409);
    expect((await taken.json()).errors).toEqual({ phone: "该手机号已被其他账号使用" });
    const bad = await save({ name: "新名字", phone: "12345" });
    expect((await bad.json()).errors).toEqual({ phone: "请输入 11 位手机号码" });
  });

  it("changes the password only with the current one, and ends the account's other sessions", async () => {
    const user = await makeUser(prisma, { email: "change-pw@example.cn", password: "old-password-1" });
    const other = await startSession(user.id);
    const cookie = await cookieFor(user.id);
    const change = (form: Record<string, string>) => responseOf(() => account.action(routeArgs("/account", { cookie, form: { intent: "password", ...form } })));
    const wrong = await change({ currentPassword: "not-it", newPassword: "new-password-2", confirmPassword: "new-password-2" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors).toEqual({ currentPassword: "当前密码不正确" });
    expect(await sessionUser(other)).not.toBeNull();

    expect((await change({ currentPassword: "old-password-1", newPassword: "new-password-2", confirmPassword: "new-password-2" })).status).toBe(200);
    expect(await verifyLogin("change-pw@example.cn", "new-password-2")).toBe(user.id);
    expect(await sessionUser(other)).toBeNull();
    // this browser stays signed in
    expect((await responseOf(() => account.loader(routeArgs("/account", { cookie })))).status).toBe(200);
  });
});
