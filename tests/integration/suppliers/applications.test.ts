// Supplier onboarding: apply → county recommends → platform approves (the co-op is created and the
// applicant becomes its manager) or sends it back with a reason → the applicant corrects and
// resubmits. Bad input is refused beside its field with nothing saved; nobody but the applicant,
// the county's reviewer and staff can see an application or its licence.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { uploadsDir } from "~/lib/uploads.server";
import * as adminPage from "~/routes/admin.suppliers";
import * as applyPage from "~/routes/coop_.apply";
import * as countyPage from "~/routes/county.applications";
import * as licenceRoute from "~/routes/suppliers.$id.licence";
import { makeCounty, makeUser, makeWorld } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { jpegWithGps, multipartRequest, pixelFloodPng, tinyPdf, truncatedJpeg } from "../../support/uploads";

const code = (body17: string) => body17 + creditCodeCheckChar(body17);
let world: Awaited<ReturnType<typeof makeWorld>>;
let applicant: { id: string; cookie: string };
let reviewer: string;
let otherReviewer: string;
let staff: string;
let form: Record<string, string>;

beforeEach(async () => {
  world = await makeWorld(prisma);
  const otherCounty = await makeCounty(prisma, { prefectureId: world.prefecture.id, partnerCityId: world.city.id, name: "陇西县" });
  const user = await makeUser(prisma);
  applicant = { id: user.id, cookie: await cookieFor(user.id) };
  reviewer = await cookieFor((await makeUser(prisma, { roles: ["county_reviewer"], countyId: world.county.id })).id);
  otherReviewer = await cookieFor((await makeUser(prisma, { roles: ["county_reviewer"], countyId: otherCounty.id })).id);
  staff = await cookieFor((await makeUser(prisma, { roles: ["staff"] })).id);
  form = {
    name: "渭源县会川镇中药材种植专业合作社",
    kind: "COOP",
    creditCode: code(`93621126MA7${String(Date.now()).slice(-6)}`),
    countyId: world.county.id,
    intro: "",
    contactName: "王建平",
    contactPhone: "13919370001",
    benefitWages: "on",
    benefitPurchase: "on",
    benefitHouseholds: "35",
    benefitNote: "吸纳 10 名脱贫劳动力务工，保底收购 35 户的党参",
  };
});

async function apply(cookie: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array } | null) {
  const licence = file === undefined ? { name: "执照.jpg", bytes: await jpegWithGps(800, 600) } : file;
  const request = multipartRequest("/coop/apply", cookie, fields, licence ? [{ field: "licence", ...licence }] : []);
  return responseOf(() => applyPage.action({ request, params: {}, context: {} }));
}

const decide = (page: typeof countyPage | typeof adminPage, cookie: string, fields: Record<string, string>) =>
  responseOf(() => page.action(routeArgs(page === countyPage ? "/county/applications" : "/admin/suppliers", { cookie, form: fields })));

const theApplication = () => prisma.supplierApplication.findFirstOrThrow({ where: { applicantId: applicant.id } });
const licenceFiles = () => {
  const dir = path.join(uploadsDir(), "licences");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("applying", () => {
  it("files an application with its licence, stored without the photo's metadata", async () => {
    const response = await apply(applicant.cookie, form);
    expect(response.status).toBe(302);
    const app = await theApplication();
    expect(app).toMatchObject({ status: "SUBMITTED", creditCode: form.creditCode, benefitWages: true, benefitDividends: false, benefitPurchase: true, benefitHouseholds: 35, licenceType: "image/jpeg" });
    const sharp = (await import("sharp")).default;
    const stored = fs.readFileSync(path.join(uploadsDir(), app.licenceKey));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
  });

  it("takes a PDF licence as sent", async () => {
    expect((await apply(applicant.cookie, form, { name: "licence.pdf", bytes: tinyPdf() })).status).toBe(302);
    expect((await theApplication()).licenceType).toBe("application/pdf");
  });

  it("refuses a wrong check character, missing benefits and a fake licence, each beside its field, saving nothing", async () => {
    const filesBefore = licenceFiles();
    const wrong = form.creditCode.slice(0, 17) + (form.creditCode[17] === "0" ? "1" : "0");
    const response = await apply(applicant.cookie, { ...form, creditCode: wrong, benefitWages: "", benefitPurchase: "" }, { name: "licence.jpg", bytes: Buffer.from("this is not an image at all") });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.creditCode).toContain("校验位");
    expect(body.errors.benefits).toContain("利益联结");
    expect(body.errors.licence).toContain("JPEG、PNG、WebP 图片或 PDF");
    expect(body.values.name).toBe(form.name);
    expect(await prisma.supplierApplication.count({ where: { applicantId: applicant.id } })).toBe(0);
    expect(licenceFiles()).toEqual(filesBefore);
  });

  it("refuses an image that only starts like one, and a pixel flood", async () => {
    const broken = await apply(applicant.cookie, form, { name: "licence.jpg", bytes: await truncatedJpeg() });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: Record<string, string> }).errors.licence).toContain("无法读取");
    const flood = await apply(applicant.cookie, form, { name: "licence.png", bytes: pixelFloodPng() });
    expect(((await flood.json()) as { errors: Record<string, string> }).errors.licence).toContain("像素过多");
    expect(await prisma.supplierApplication.count({ where: { applicantId: applicant.id } })).toBe(0);
  });

  it("needs a licence the first time, and refuses a body above the route's limit before reading it", async () => {
    const none = await apply(applicant.cookie, form, null);
    expect(none.status).toBe(400);
    expect(((await none.json()) as { errors: Record<string, string> }).errors.licence).toContain("请上传营业执照");
    const huge = multipartRequest("/coop/apply", applicant.cookie, form, [{ field: "licence", name: "big.jpg", bytes: Buffer.alloc(11 * 1024 * 1024, 1) }]);
    const refused = await responseOf(() => applyPage.action({ request: huge, params: {}, context: {} }));
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.licence).toMatch(/10 MB|过大/);
  });

  it("refuses a credit code already taken by a co-op", async () => {
    // the factory's codes carry no valid check character; give the co-op a real one
    const real = code("93621126MA7ABCDEF");
    await prisma.coop.update({ where: { id: world.coop.id }, data: { creditCode: real } });
    const taken = await apply(applicant.cookie, { ...form, creditCode: real });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { errors: Record<string, string> }).errors.creditCode).toContain("已入驻");
  });
});

describe("county recommendation and platform audit", () => {
  it("goes apply → recommend → approve: the co-op exists, certified, with the applicant as its manager", async () => {
    await apply(applicant.cookie, form);
    const app = await theApplication();
    // staff cannot approve before the county recommends
    const early = await decide(adminPage, staff, { intent: "approve", applicationId: app.id });
    expect(early.status).toBe(409);
    expect((await decide(countyPage, reviewer, { intent: "recommend", applicationId: app.id })).status).toBe(200);
    expect((await theApplication()).status).toBe("RECOMMENDED");
    expect((await decide(adminPage, staff, { intent: "approve", applicationId: app.id })).status).toBe(200);
    const approved = await theApplication();
    expect(approved.status).toBe("APPROVED");
    const coop = await prisma.coop.findUniqueOrThrow({ where: { id: approved.coopId! } });
    expect(coop).toMatchObject({ name: form.name, creditCode: form.creditCode, status: "CERTIFIED", countyId: world.county.id });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: applicant.id }, select: { email: true, coopId: true, roles: { select: { role: true } } } });
    expect(user.coopId).toBe(coop.id);
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: applicant.id, kind: "supplier" }, select: { to: true, subject: true, channel: true } });
    expect(mail).toEqual({ to: user.email, subject: `入驻申请已通过：${form.name}`, channel: "EMAIL" });
    expect(user.roles.map((r) => r.role)).toContain("coop_manager");
    const trail = await prisma.auditEntry.findMany({ where: { OR: [{ applicationId: app.id }, { coopId: coop.id }] }, orderBy: { createdAt: "asc" }, select: { kind: true, before: true, after: true } });
    expect(trail).toEqual([
      { kind: "APPLICATION", before: null, after: "SUBMITTED" },
      { kind: "APPLICATION", before: "SUBMITTED", after: "RECOMMENDED" },
      { kind: "APPLICATION", before: "RECOMMENDED", after: "APPROVED" },
      { kind: "COOP_STATUS", before: null, after: "CERTIFIED" },
    ]);
  });

  it("staff may act for the county; a reviewer of another county may not even see it", async () => {
    await apply(applicant.cookie, form);
    const app = await theApplication();
    const list = await responseOf(() => countyPage.loader(routeArgs("/county/applications", { cookie: otherReviewer })));
    expect(((await list.json()) as { applications: unknown[] }).applications).toEqual([]);
    expect((await decide(countyPage, otherReviewer, { intent: "recommend", applicationId: app.id })).status).toBe(404);
    expect((await decide(countyPage, otherReviewer, { intent: "reject", applicationId: app.id, reason: "不是本县的" })).status).toBe(404);
    expect((await theApplication()).status).toBe("SUBMITTED");
    expect((await decide(adminPage, staff, { intent: "recommend", applicationId: app.id })).status).toBe(200);
    expect((await theApplication()).status).toBe("RECOMMENDED");
    // once recommended, only the platform decides
    expect((await decide(countyPage, reviewer, { intent: "reject", applicationId: app.id, reason: "改主意了" })).status).toBe(403);
  });

  it("a rejection carries its reason to the applicant, who corrects and resubmits to the county", async () => {
    await apply(applicant.cookie, form);
    const app = await theApplication();
    const noReason = await decide(countyPage, reviewer, { intent: "reject", applicationId: app.id, reason: "" });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { errors: Record<string, string> }).errors.reason).toContain("退回原因");
    await decide(countyPage, reviewer, { intent: "recommend", applicationId: app.id });
    expect((await decide(adminPage, staff, { intent: "reject", applicationId: app.id, reason: "营业执照照片不清晰，请重新拍摄" })).status).toBe(200);

    const told = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: applicant.id, kind: "supplier" }, select: { subject: true, text: true } });
    expect(told.subject).toContain("入驻申请被退回");
    expect(told.text).toContain("营业执照照片不清晰，请重新拍摄");
    const page = await responseOf(() => applyPage.loader(routeArgs("/coop/apply", { cookie: applicant.cookie })));
    const seen = (await page.json()) as { application: { status: string; rejectReason: string; rejectedBy: string } };
    expect(seen.application).toMatchObject({ status: "REJECTED", rejectReason: "营业执照照片不清晰，请重新拍摄", rejectedBy: "PLATFORM" });

    const oldKey = (await theApplication()).licenceKey;
    expect((await apply(applicant.cookie, { ...form, contactPhone: "13919370002" }, { name: "new.png", bytes: await jpegWithGps(900, 700) })).status).toBe(302);
    const again = await theApplication();
    expect(again).toMatchObject({ id: app.id, status: "SUBMITTED", rejectReason: null, contactPhone: "13919370002" });
    expect(again.licenceKey).not.toBe(oldKey);
    expect(fs.existsSync(path.join(uploadsDir(), oldKey))).toBe(false);
    expect(await prisma.supplierApplication.count({ where: { applicantId: applicant.id } })).toBe(1);
  });

  it("a consumer cannot reach the county or staff pages", async () => {
    expect((await responseOf(() => countyPage.loader(routeArgs("/county/applications", { cookie: applicant.cookie })))).status).toBe(403);
    expect((await responseOf(() => adminPage.loader(routeArgs("/admin/suppliers", { cookie: reviewer })))).status).toBe(403);
  });
});

describe("who can see an application's licence", () => {
  it("the applicant, the county's reviewer and staff; to anyone else it does not exist", async () => {
    await apply(applicant.cookie, form);
    const app = await theApplication();
    const get = (cookie: string) => responseOf(() => licenceRoute.loader(routeArgs(`/suppliers/${app.id}/licence`, { cookie, params: { id: app.id } })));
    for (const cookie of [applicant.cookie, reviewer, staff]) {
      const response = await get(cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("image/jpeg");
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    }
    const stranger = await cookieFor((await makeUser(prisma)).id);
    expect((await get(stranger)).status).toBe(404);
    expect((await get(otherReviewer)).status).toBe(404);
  });
});

describe("staff link accounts", () => {
  it("makes an account a co-op's manager or a county's reviewer", async () => {
    const someone = await makeUser(prisma, { email: `link${Date.now()}@example.test` });
    const linked = await decide(adminPage, staff, { intent: "link-manager", email: someone.email, targetId: world.coop.id });
    expect(linked.status).toBe(200);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: someone.id }, select: { coopId: true, roles: { select: { role: true } } } });
    expect(after.coopId).toBe(world.coop.id);
    expect(after.roles.map((r) => r.role)).toContain("coop_manager");
    const missing = await decide(adminPage, staff, { intent: "link-reviewer", email: "nobody@example.test", targetId: world.county.id });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: Record<string, string> }).errors.email).toContain("没有这个邮箱");
  });
});
