// Routes whose role check is the only guard (their model functions take no caller): each refuses
// the roles that must not use it, and nothing changes.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as notifications from "~/routes/account_.notifications";
import * as adminMessages from "~/routes/admin.messages";
import * as adminOrganizations from "~/routes/admin.organizations";
import * as reportsExport from "~/routes/admin.reports.export";
import * as giftCodes from "~/routes/org.orders.$number.gift-codes";
import * as orgHome from "~/routes/org._index";
import * as orderPage from "~/routes/org.orders.$number";
import * as adminHalls from "~/routes/admin.halls._index";
import * as adminProduct from "~/routes/admin.products.$slug";
import * as adminSuppliers from "~/routes/admin.suppliers";
import * as countyApplications from "~/routes/county.applications";
import * as newProduct from "~/routes/coop.products.new";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../factories";
import { cookieFor, responseOf, routeArgs } from "../requests";

async function as(roles: ("consumer" | "org_buyer" | "org_approver" | "org_admin" | "coop_manager" | "county_reviewer")[], organizationId: string | null = null) {
  return cookieFor((await makeUser(prisma, { roles, organizationId })).id);
}

describe("role checks that no model repeats", () => {
  it("only staff review organisations and export the ledger", async () => {
    const org = await makeOrganization(prisma, { status: "PENDING" });
    for (const cookie of [await as(["consumer"]), await as(["org_admin"], org.id), await as(["coop_manager"])]) {
      const review = await responseOf(() => adminOrganizations.action(routeArgs("/admin/organizations", { cookie, form: { intent: "VERIFIED", organizationId: org.id } })));
      expect(review.status).toBe(403);
      expect((await responseOf(() => reportsExport.loader(routeArgs("/admin/reports/export?format=csv", { cookie })))).status).toBe(403);
    }
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe("PENDING");
  });

  it("only staff read the outbox and send a message again; notification settings need a log-in", async () => {
    const id = (await prisma.outboxMessage.create({ data: { channel: "SMS", kind: "gift", to: "13800138000", subject: "验证码", text: "…", status: "FAILED" }, select: { id: true } })).id;
    const org = await makeOrganization(prisma);
    for (const cookie of [await as(["consumer"]), await as(["org_admin"], org.id), await as(["coop_manager"])]) {
      expect((await responseOf(() => adminMessages.loader(routeArgs("/admin/messages", { cookie })))).status).toBe(403);
      expect((await responseOf(() => adminMessages.action(routeArgs("/admin/messages", { cookie, form: { intent: "resend", id } })))).status).toBe(403);
    }
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("FAILED");
    expect((await responseOf(() => notifications.action(routeArgs("/account/notifications", { form: { phone: "" } })))).status).toBe(302);
  });

  it("only an organisation admin sets the pledge, and a target of 0 is a form error, not a crash", async () => {
    const org = await makeOrganization(prisma);
    const buyer = await as(["org_buyer"], org.id);
    const refused = await responseOf(() => orgHome.action(routeArgs("/org", { cookie: buyer, form: { year: "2026", targetYuan: "100000" } })));
    expect(refused.status).toBe(403);
    const admin = await as(["org_admin"], org.id);
    const zero = await responseOf(() => orgHome.action(routeArgs("/org", { cookie: admin, form: { year: "2026", targetYuan: "0" } })));
    expect(zero.status).toBe(400);
    expect(((await zero.json()) as { errors: Record<string, string> }).errors.targetYuan).toBe("目标金额应大于 0");
    expect(await prisma.pledge.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("an approver cannot issue gift codes, neither as a download nor by SMS", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 8800, stock: 100, giftBox: true }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 0 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const order = await submitBulkOrder({
      buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity: 5 }],
      header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
    });
    const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    const approver = await as(["org_approver"], org.id);
    const response = await responseOf(() =>
      giftCodes.action(routeArgs(`/org/orders/${order.number}/gift-codes`, { cookie: approver, params: { number: order.number }, form: { lineId: line.id, count: "2", expiresOn: "2099-01-01" } })),
    );
    expect(response.status).toBe(403);
    const form = new FormData();
    form.append("intent", "gift-sms");
    form.append("expiresOn", "2099-01-01");
    form.append("file", new File(["姓名,手机号,礼盒\n张三,13700137999,精品装"], "staff.csv", { type: "text/csv" }));
    const bySms = await responseOf(() =>
      orderPage.action({ request: new Request(`http://shop.test/org/orders/${order.number}`, { method: "POST", headers: { Cookie: approver }, body: form }), params: { number: order.number }, context: {} }),
    );
    expect(bySms.status).toBe(403);
    expect(await prisma.giftCode.count({ where: { orderId: order.id } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { kind: "gift", to: "13700137999" } })).toBe(0);
  });

  it("only staff audit suppliers, link accounts, confirm hall offers and read a product's full trail; only county reviewers (and staff) reach the county page", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id });
    await prisma.hallOffer.create({ data: { hallId: w.hall.id, productId: product.id, offeredById: (await makeUser(prisma)).id } });
    const target = await makeUser(prisma);
    for (const cookie of [await as(["consumer"]), await as(["coop_manager"]), await as(["county_reviewer"])]) {
      expect((await responseOf(() => adminSuppliers.loader(routeArgs("/admin/suppliers", { cookie })))).status).toBe(403);
      const link = await responseOf(() => adminSuppliers.action(routeArgs("/admin/suppliers", { cookie, form: { intent: "link-manager", email: target.email, targetId: w.coop.id } })));
      expect(link.status).toBe(403);
      const confirm = await responseOf(() => adminHalls.action(routeArgs("/admin/halls", { cookie, form: { hallId: w.hall.id, productId: product.id, intent: "accept" } })));
      expect(confirm.status).toBe(403);
      expect((await responseOf(() => adminProduct.loader(routeArgs(`/admin/products/${product.slug}`, { cookie, params: { slug: product.slug } })))).status).toBe(403);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).coopId).toBeNull();
    expect(await prisma.hallListing.count({ where: { productId: product.id } })).toBe(0);
    for (const cookie of [await as(["consumer"]), await as(["coop_manager"])]) {
      expect((await responseOf(() => countyApplications.loader(routeArgs("/county/applications", { cookie })))).status).toBe(403);
    }
    // a county reviewer whose account is linked to no county sees nothing either
    const unlinkedReviewer = await as(["county_reviewer"]);
    expect((await responseOf(() => countyApplications.loader(routeArgs("/county/applications", { cookie: unlinkedReviewer })))).status).toBe(403);
    // a coop_manager role without a co-op cannot create products
    const unlinkedManager = await as(["coop_manager"]);
    expect((await responseOf(() => newProduct.loader(routeArgs("/coop/products/new", { cookie: unlinkedManager })))).status).toBe(403);
  });
});
