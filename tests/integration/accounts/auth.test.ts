import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createUser, EmailTakenError, grantRole, verifyLogin } from "~/models/accounts/user.server";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { requireUser } from "~/session.server";
import { makeUser } from "../../factories";
import { cookieFor } from "../../requests";

function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}


describe("accounts", () => {
  it("stores a bcrypt hash, never the password, and makes a consumer", async () => {
    const user = await createUser({ email: " Lin@Example.CN ", name: "林晓雯", password: "secret-pass-1" });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { roles: true } });
    expect(row.email).toBe("lin@example.cn");
    expect(row.passwordHash).not.toContain("secret-pass-1");
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(row.roles.map((r) => r.role)).toEqual(["consumer"]);
    expect(await verifyLogin("LIN@example.cn", "secret-pass-1")).toBe(user.id);
    expect(await verifyLogin("lin@example.cn", "wrong")).toBeNull();
  });

  it("refuses a second account for the same e-mail", async () => {
    await createUser({ email: "dup@example.cn", name: "甲", password: "password-1" });
    await expect(createUser({ email: "DUP@example.cn", name: "乙", password: "password-2" })).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("sign-up with bad input answers 400 with field errors and keeps what was typed, except passwords", async () => {
    const response = (await signupAction({
      request: post("/signup", { name: "王", email: "bad", phone: "12", password: "short", confirmPassword: "short" }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(Object.keys(body.errors)).toEqual(expect.arrayContaining(["email", "phone", "password"]));
    expect(body.values).toMatchObject({ name: "王", email: "bad", phone: "12" });
    expect(body.values.password).toBeUndefined();
  });

  it("a wrong password and an unknown account get the same answer", async () => {
    await makeUser(prisma, { email: "known@example.cn", password: "right-password" });
    const wrong = (await loginAction({ request: post("/login", { email: "known@example.cn", password: "nope" }), params: {}, context: {} })) as Response;
    const unknown = (await loginAction({ request: post("/login", { email: "ghost@example.cn", password: "nope" }), params: {}, context: {} })) as Response;
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect((await wrong.json()).errors).toEqual((await unknown.json()).errors);
  });

  it("logs in with a HttpOnly SameSite cookie and sends the user to a safe place only", async () => {
    await makeUser(prisma, { email: "ok@example.cn", password: "right-password" });
    const response = (await loginAction({
      request: post("/login", { email: "ok@example.cn", password: "right-password", redirectTo: "//evil.example" }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

});

describe("role guards", () => {
  it("redirects a visitor to log in, forbids a consumer, admits staff", async () => {
    const visitor = new Request("http://localhost/admin/users");
    await expect(requireUser(visitor, "staff")).rejects.toMatchObject({ status: 302 });

    const consumer = await makeUser(prisma, { roles: ["consumer"] });
    const asConsumer = new Request("http://localhost/admin/users", { headers: { Cookie: await cookieFor(consumer.id) } });
    await expect(requireUser(asConsumer, "staff")).rejects.toMatchObject({ status: 403 });

    const staff = await makeUser(prisma, { roles: ["staff"] });
    const asStaff = new Request("http://localhost/admin/users", { headers: { Cookie: await cookieFor(staff.id) } });
    await expect(requireUser(asStaff, "staff")).resolves.toMatchObject({ id: staff.id });
  });

  it("a role granted by staff ends the user's sessions; signing in again carries the role", async () => {
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const user = await makeUser(prisma, { roles: ["consumer"] });
    const cookie = await cookieFor(user.id);
    const asUser = (c: string) => new Request("http://localhost/coop", { headers: { Cookie: c } });
    await expect(requireUser(asUser(cookie), "coop_manager")).rejects.toMatchObject({ status: 403 });
    await grantRole(user.id, "coop_manager", staff.id);
    await expect(requireUser(asUser(cookie), "coop_manager")).rejects.toMatchObject({ status: 302 });
    await expect(requireUser(asUser(await cookieFor(user.id)), "coop_manager")).resolves.toMatchObject({ roles: expect.arrayContaining(["coop_manager"]) });
  });
});
