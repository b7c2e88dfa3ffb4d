import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { orgRegistrationSchema } from "~/models/institutions/organization.schema";
import { acceptInvite, findInvite, inviteMember, registerOrganization, reviewOrganization, setOrganizationTier } from "~/models/institutions/organization.server";
import { sha256 } from "~/lib/hash.server";
import * as membersPage from "~/routes/org.members";
import * as ordersPage from "~/routes/org.orders._index";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, getRequest, postRequest, responseOf } from "../../requests";

const ORG = { name: "福州市台江区总工会", type: "UNION", creditCode: "81350103MC00000018", invoiceTitle: "福州市台江区总工会", taxNumber: "81350103MC00000018", city: "福州", contactName: "林晓", contactPhone: "13805910000" };
const SCAN = { bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), type: "application/pdf" as const, extension: "pdf" as const };

describe("organisations", () => {
  it("registration validates the credit code, makes a PENDING org with its registrant as admin, once", async () => {
    expect(orgRegistrationSchema.safeParse({ ...ORG, creditCode: "123" }).success).toBe(false);
    expect(orgRegistrationSchema.safeParse({ ...ORG, creditCode: "81350103MC0000001I" }).success).toBe(false); // I is not used
    const wrongCheck = orgRegistrationSchema.safeParse({ ...ORG, creditCode: "81350103MC00000019" });
    expect(wrongCheck.success).toBe(false);
    expect(wrongCheck.error?.issues[0]).toMatchObject({ path: ["creditCode"], message: expect.stringContaining("校验位") });
    const user = await makeUser(prisma);
    await expect(registerOrganization(user.id, ORG, null)).rejects.toThrow("请上传营业执照 / 单位证明");
    const org = await registerOrganization(user.id, ORG, SCAN);
    const saved = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(saved.status).toBe("PENDING");
    const u = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { organizationId: true, roles: { select: { role: true } } } });
    expect(u.organizationId).toBe(org.id);
    expect(u.roles.map((r) => r.role)).toContain("org_admin");
    await expect(registerOrganization(user.id, { ...ORG, creditCode: "81350103MC0000002A" }, SCAN)).rejects.toThrow("您已属于一个单位");
    const other = await makeUser(prisma);
    await expect(registerOrganization(other.id, ORG, SCAN)).rejects.toThrow("已注册");
    await reviewOrganization(org.id, "VERIFIED");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe("VERIFIED");
  });

  it("invitations store only a token hash, e-mail the link, and accept once for the invited address", async () => {
    const org = await makeOrganization(prisma);
    const { token } = await inviteMember({ organizationId: org.id, email: "colleague@example.test", orgRole: "APPROVER", origin: "https://lht.example" });
    const stored = await prisma.orgInvite.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(stored.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { to: "colleague@example.test" } });
    expect(mail.text).toContain(`https://lht.example/org/invite/${token}`);

    const stranger = await makeUser(prisma, { email: "stranger@example.test" });
    await expect(acceptInvite(token, stranger)).rejects.toThrow("此邀请发给 colleague@example.test");
    const colleague = await makeUser(prisma, { email: "colleague@example.test" });
    await acceptInvite(token, colleague);
    const joined = await prisma.user.findUniqueOrThrow({ where: { id: colleague.id }, select: { organizationId: true, roles: { select: { role: true } } } });
    expect(joined.organizationId).toBe(org.id);
    expect(joined.roles.map((r) => r.role)).toContain("org_approver");
    await expect(acceptInvite(token, colleague)).rejects.toThrow("无效或已过期");
    expect(await findInvite(token)).toBeNull();
  });

  it("an expired invitation or a member of another org cannot join", async () => {
    const org = await makeOrganization(prisma);
    const past = new Date(Date.now() - 30 * 86_400_000);
    const { token } = await inviteMember({ organizationId: org.id, email: "late@example.test", orgRole: "BUYER", origin: "", now: past });
    const late = await makeUser(prisma, { email: "late@example.test" });
    await expect(acceptInvite(token, late)).rejects.toThrow("无效或已过期");
    const elsewhere = await makeOrganization(prisma);
    const member = await makeUser(prisma, { email: "taken@example.test", organizationId: elsewhere.id });
    const fresh = await inviteMember({ organizationId: org.id, email: "taken@example.test", orgRole: "BUYER", origin: "" });
    await expect(acceptInvite(fresh.token, member)).rejects.toThrow("已属于另一个单位");
  });

  it("staff set an organisation-only price, never above retail", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000 }] });
    const org = await makeOrganization(prisma);
    const sku = product.variants[0].sku;
    await expect(setOrganizationTier({ organizationId: org.id, sku, minQty: 10, priceFen: 6000 })).rejects.toThrow("不高于零售价");
    await setOrganizationTier({ organizationId: org.id, sku, minQty: 10, priceFen: 4200 });
    await setOrganizationTier({ organizationId: org.id, sku, minQty: 10, priceFen: 4100 });
    const tiers = await prisma.priceTier.findMany({ where: { organizationId: org.id } });
    expect(tiers.map((t) => [t.minQty, t.priceFen])).toEqual([[10, 4100]]);
  });
});

describe("an organisation admin manages who belongs", () => {
  async function team() {
    const org = await makeOrganization(prisma);
    const admin = await makeUser(prisma, { roles: ["org_admin"], organizationId: org.id });
    const buyer = await makeUser(prisma, { roles: ["org_buyer", "consumer"], organizationId: org.id });
    return { org, admin, buyer };
  }
  const post = async (userId: string, fields: Record<string, string>) =>
    responseOf(async () => membersPage.action({ request: postRequest("/org/members", await cookieFor(userId), fields), params: {}, context: {} }));

  it("removes a member: no organisation and no organisation role any more, their account and orders stay", async () => {
    const { org, admin, buyer } = await team();
    const response = await post(admin.id, { intent: "remove", memberId: buyer.id });
    expect(response.status).toBe(200);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: buyer.id }, select: { organizationId: true, roles: { select: { role: true } } } });
    expect(after).toEqual({ organizationId: null, roles: [{ role: "consumer" }] });
    // the next request of the removed buyer is no longer let into the organisation
    const orders = await responseOf(async () => ordersPage.loader({ request: getRequest("/org/orders", await cookieFor(buyer.id)), params: {}, context: {} }));
    expect(orders.status).toBe(302);
    expect(orders.headers.get("Location")).toBe("/org/register");
    expect((await prisma.user.count({ where: { organizationId: org.id } }))).toBe(1);
  });

  it("cannot remove themselves, nor anyone of another organisation; buyers cannot remove anyone", async () => {
    const { admin, buyer } = await team();
    const other = await team();
    const self = await post(admin.id, { intent: "remove", memberId: admin.id });
    expect(self.status).toBe(400);
    expect(((await self.json()) as { errors: Record<string, string> }).errors.members).toContain("不能移除自己");
    const foreign = await post(admin.id, { intent: "remove", memberId: other.buyer.id });
    expect(foreign.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: other.buyer.id } })).organizationId).toBe(other.org.id);
    expect((await post(buyer.id, { intent: "remove", memberId: admin.id })).status).toBe(403);
    expect((await prisma.userRole.count({ where: { userId: admin.id, role: "org_admin" } }))).toBe(1);
  });

  it("revokes an invitation: its link stops working; another organisation's invitation is out of reach", async () => {
    const { org, admin } = await team();
    const other = await team();
    const { token } = await inviteMember({ organizationId: org.id, email: "leaving@example.test", orgRole: "BUYER", origin: "https://lht.example" });
    const theirs = await inviteMember({ organizationId: other.org.id, email: "keep@example.test", orgRole: "BUYER", origin: "https://lht.example" });
    const invite = await prisma.orgInvite.findFirstOrThrow({ where: { organizationId: org.id } });
    const theirInvite = await prisma.orgInvite.findFirstOrThrow({ where: { organizationId: other.org.id } });

    expect((await post(admin.id, { intent: "revoke", inviteId: theirInvite.id })).status).toBe(400);
    expect(await findInvite(theirs.token)).not.toBeNull();

    expect((await post(admin.id, { intent: "revoke", inviteId: invite.id })).status).toBe(200);
    expect(await findInvite(token)).toBeNull();
    const invited = await makeUser(prisma, { email: "leaving@example.test" });
    await expect(acceptInvite(token, invited)).rejects.toThrow("邀请链接无效或已过期");
    expect((await post(admin.id, { intent: "revoke", inviteId: invite.id })).status).toBe(400);
  });
});
