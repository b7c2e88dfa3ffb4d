// Organisation onboarding through its pages: the registration form with contact, type and licence
// scan; staff see them when verifying and must give a reason to reject; the applicant reads it.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { readStoredFile } from "~/lib/uploads.server";
import * as adminOrgs from "~/routes/admin.organizations";
import * as licenceRoute from "~/routes/admin.organizations.$id.licence";
import * as orgHome from "~/routes/org._index";
import * as register from "~/routes/org.register";
import { makeUser } from "../../factories";
import { cookieFor, responseOf, routeArgs } from "../../requests";
import { png } from "../../support/uploads";

const FIELDS = { name: "青岛市市北区实验小学", type: "PUBLIC_INSTITUTION", creditCode: "12370203MB1234567L", invoiceTitle: "青岛市市北区实验小学", taxNumber: "12370203MB1234567L", city: "青岛", contactName: "王老师", contactPhone: "+86 138-0532-0000" };

function registration(cookie: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (file) body.set("licence", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return { request: new Request("http://shop.test/org/register", { method: "POST", body, headers: { Cookie: cookie } }), params: {}, context: { clientAddress: null } };
}

describe("organisation onboarding", () => {
  it("registers with contact, 事业单位 type and a licence scan; staff see them, must give a reason to reject, and the applicant reads it", async () => {
    const { creditCodeProblem } = await import("~/lib/credit-code");
    // a valid code for the fixture (the check digit is computed, not guessed)
    const base = "12370203MB123456";
    const code = [..."0123456789ABCDEFGHJKLMNPQRTUWXY"].map((c) => `${base}7${c}`).find((c) => !creditCodeProblem(c)) ?? "";
    const fields = { ...FIELDS, creditCode: code, taxNumber: code };
    const applicant = await makeUser(prisma);
    const cookie = await cookieFor(applicant.id);

    // without the scan: the form comes back with every typed value and the file's field named
    const missing = await responseOf(() => register.action(registration(cookie, fields) as never));
    expect(missing.status).toBe(400);
    const missingBody = await missing.json();
    expect(missingBody.errors.licence).toContain("营业执照 / 单位证明");
    expect(missingBody.values.name).toBe(fields.name);
    // a bad phone is named beside its field
    const picture = new Uint8Array(await png());
    const badPhone = await responseOf(() => register.action(registration(cookie, { ...fields, contactPhone: "0532-1234" }, { name: "l.png", bytes: picture, type: "image/png" }) as never));
    expect((await badPhone.json()).errors.contactPhone).toContain("手机号");
    // a file that only pretends to be an image is refused
    const fake = await responseOf(() => register.action(registration(cookie, fields, { name: "l.png", bytes: new TextEncoder().encode("not an image"), type: "image/png" }) as never));
    expect((await fake.json()).errors.licence).toBeTruthy();

    const done = await responseOf(() => register.action(registration(cookie, fields, { name: "licence.png", bytes: picture, type: "image/png" }) as never));
    expect(done.status).toBe(302);
    const org = await prisma.organization.findUniqueOrThrow({ where: { creditCode: code } });
    expect(org).toMatchObject({ status: "PENDING", type: "PUBLIC_INSTITUTION", contactName: "王老师", contactPhone: "13805320000", licenceType: "image/jpeg" });
    expect(await readStoredFile(org.licenceKey!)).not.toBeNull();

    // staff see contact and the scan
    const staff = await makeUser(prisma, { roles: ["staff"] });
    const staffCookie = await cookieFor(staff.id);
    const list = await (await responseOf(() => adminOrgs.loader(routeArgs("/admin/organizations?status=PENDING", { cookie: staffCookie }) as never))).json();
    expect(list.organizations.find((o: { id: string }) => o.id === org.id)).toMatchObject({ contactName: "王老师", contactPhone: "13805320000", licenceType: "image/jpeg" });
    const scan = await responseOf(() => licenceRoute.loader(routeArgs(`/admin/organizations/${org.id}/licence`, { cookie: staffCookie, params: { id: org.id } }) as never));
    expect(scan.status).toBe(200);
    expect(scan.headers.get("Content-Type")).toBe("image/jpeg");
    const applicantCookie = await cookieFor(applicant.id);
    const notStaff = await responseOf(() => licenceRoute.loader(routeArgs(`/admin/organizations/${org.id}/licence`, { cookie: applicantCookie, params: { id: org.id } }) as never));
    expect(notStaff.status).toBe(403);

    // rejecting needs a reason
    const noReason = await responseOf(() => adminOrgs.action(routeArgs("/admin/organizations", { cookie: staffCookie, form: { intent: "REJECTED", organizationId: org.id, reason: "" } }) as never));
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors.reason).toContain("原因");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe("PENDING");
    await responseOf(() => adminOrgs.action(routeArgs("/admin/organizations", { cookie: staffCookie, form: { intent: "REJECTED", organizationId: org.id, reason: "证明文件看不清，请上传事业单位法人证书的清晰扫描件" } }) as never));
    const renewed = await cookieFor(applicant.id); // registration renewed the session
    const home = await (await responseOf(() => orgHome.loader(routeArgs("/org", { cookie: renewed }) as never))).json();
    expect(home.organization).toMatchObject({ status: "REJECTED", rejectReason: "证明文件看不清，请上传事业单位法人证书的清晰扫描件" });
  });
});
