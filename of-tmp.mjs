import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const [email, path] of [["coop@demo.longhuo.cn", "/coop/products/qinan-mitao"], ["applicant@demo.longhuo.cn", "/coop/apply"], ["coop@demo.longhuo.cn", "/coop/products/new"]]) {
  const page = await (await browser.newContext({ baseURL: "http://localhost:3701", viewport: { width: 390, height: 844 } })).newPage();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("longhuo2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(path);
  const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > 391).slice(0, 8).map((el) => `${el.tagName}.${el.className.toString().slice(0, 60)} ${Math.round(el.getBoundingClientRect().right)} ${el.textContent.slice(0, 30)}`));
  console.log(path, wide);
}
await browser.close();
