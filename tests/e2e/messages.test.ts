import { describe, expect, it } from "vitest";
import { agreeToTerms, baseUrl, DEMO_PASSWORD, logIn, mailFor, useBrowser } from "./browser";

const browser = useBrowser();

describe("messages reach people", () => {
  it("an org admin invites a colleague, who follows the link in the e-mail, signs up and joins", async () => {
    const email = `newcomer-${Date.now()}@example.test`;
    const admin = await browser.newPage();
    await logIn(admin, "orgadmin@demo.longhuo.cn");
    await admin.goto("/org/members");
    await admin.getByLabel("邮箱").fill(email);
    await admin.getByLabel("角色").selectOption("BUYER");
    await admin.getByRole("button", { name: "发送邀请" }).click();
    await admin.getByText(`邀请邮件已发送至 ${email}`).waitFor();

    // The server's own sender delivered it over SMTP: HTML and text, with an absolute link.
    const mail = await mailFor(email);
    expect(mail.subject).toContain("邀请您加入");
    const link = /https?:\/\/\S+\/org\/invite\/[\w-]+/.exec(mail.text)?.[0];
    expect(link?.startsWith(`${baseUrl()}/org/invite/`)).toBe(true);
    expect(mail.html).toContain(`href="${link}"`);

    const newcomer = await browser.newPage();
    await newcomer.goto(link!);
    await newcomer.waitForURL(/\/login\?redirectTo=/);
    await newcomer.getByRole("main").getByRole("link", { name: "注册" }).click();
    await newcomer.waitForURL(/\/signup/);
    await newcomer.getByLabel("姓名或昵称").fill("新同事");
    await newcomer.getByLabel("邮箱").fill(email);
    await newcomer.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
    await newcomer.getByLabel("确认密码").fill(DEMO_PASSWORD);
    await agreeToTerms(newcomer);
    await newcomer.getByRole("button", { name: "注册" }).click();
    await newcomer.waitForURL(/\/org\/invite\//);
    await newcomer.getByRole("button", { name: "接受邀请" }).click();
    await newcomer.waitForURL((url) => url.pathname === "/org");
    await newcomer.getByText("已加入单位").waitFor();

    // Staff see it among the sent messages.
    const staff = await browser.newPage();
    await logIn(staff, "staff@demo.longhuo.cn");
    await staff.goto("/admin/messages?status=sent");
    await staff.getByText(`→ ${email}`).waitFor();
  });

  it("the production build has no /dev/messages", async () => {
    const page = await browser.newPage();
    const response = await page.goto("/dev/messages");
    expect(response?.status()).toBe(404);
    const one = await page.request.get("/dev/messages/anything");
    expect(one.status()).toBe(404);
  });

  it("a signed-in person turns shipping SMS off at /account/notifications; payment notices stay on", async () => {
    const page = await browser.newPage();
    await logIn(page, "consumer@demo.longhuo.cn");
    await page.getByRole("link", { name: "通知设置" }).click();
    await page.waitForURL("**/account/notifications");
    const sms = page.getByLabel("发货通知·短信");
    expect(await sms.isChecked()).toBe(true);
    await sms.uncheck();
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("通知设置已保存").waitFor();
    await page.reload();
    expect(await page.getByLabel("发货通知·短信").isChecked()).toBe(false);
    expect(await page.getByLabel("付款与退款·邮件（必发）").isDisabled()).toBe(true);
    // put it back for the other tests of the suite
    await page.getByLabel("发货通知·短信").check();
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("通知设置已保存").waitFor();
  });
});
