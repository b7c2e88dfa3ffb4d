import { chromium } from "playwright-core";
const base = "http://localhost:3701";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
const plan = [
  [null, ["/halls/tianjin", "/products/qinan-mitao"]],
  ["applicant@demo.longhuo.cn", ["/coop/apply"]],
  ["county@demo.longhuo.cn", ["/county/applications"]],
  ["coop@demo.longhuo.cn", ["/coop", "/coop/products/new", "/coop/products/qinan-mitao", "/coop/products/qinan-mitao/photos", "/coop/products/qinan-mitao/certificate"]],
  ["staff@demo.longhuo.cn", ["/admin/suppliers", "/admin/certification", "/admin/halls", "/admin/products/qinan-mitao"]],
];
const only = process.argv[2];
for (const [email, paths] of plan) {
  for (const [label, viewport] of [["phone", { width: 390, height: 844 }], ["desk", { width: 1280, height: 900 }]]) {
    const context = await browser.newContext({ baseURL: base, locale: "zh-CN", viewport });
    const page = await context.newPage();
    if (email) {
      await page.goto("/login");
      await page.getByLabel("邮箱").fill(email);
      await page.getByLabel("密码").fill("longhuo2026");
      await page.getByRole("button", { name: "登录" }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    }
    for (const p of paths) {
      if (only && !p.includes(only)) continue;
      await page.goto(p);
      await page.waitForLoadState("networkidle");
      const name = `${label}${p.replaceAll("/", "_")}.png`;
      await page.screenshot({ path: `/tmp/shots14/${name}`, fullPage: true });
      console.log(name);
    }
    await context.close();
  }
}
await browser.close();
