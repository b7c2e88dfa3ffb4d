// The authorisation matrix: every route file in app/routes × every persona, loader and action,
// against the table in ./route-access.ts. A route file without a row fails; so does a row for a
// file that no longer exists, and any 5xx or crash (an unknown intent must be a 4xx).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { inviteMember } from "~/models/institutions/organization.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import { newOrderNumber } from "~/models/orders/number";
import { listInHall, makeCoop, makeOrganization, makePaidOrder, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor } from "../../requests";
import { PERSONAS, ROUTE_ACCESS, type Persona } from "./route-access";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../../app/routes");
const routeFiles = fs.readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.test\.tsx?$/.test(f)).sort();

/** `org.orders.$number.delivery-list[.csv]` → ["org", "orders", "$number", "delivery-list.csv"]; `orders.$number_.after-sales` → ["orders", "$number", "after-sales"] */
function routeSegments(file: string) {
  const id = file.replace(/\.(tsx?|jsx?)$/, "");
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of id) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  // "_index" and pathless layouts ("_auth") take no part of the URL; "$number_" (out of its parent's
  // layout) is still the param "number".
  return segments.filter((s) => !s.startsWith("_")).map((s) => s.replace(/_$/, ""));
}

function paramsFor(file: string, url: string): Record<string, string> {
  const parts = new URL(url, "http://shop.test").pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  routeSegments(file).forEach((segment, i) => {
    if (segment === "$") params["*"] = parts.slice(i).join("/");
    else if (segment.startsWith("$")) params[segment.slice(1)] = decodeURIComponent(parts[i] ?? "");
  });
  return params;
}

type Fixtures = Record<string, string>;
const cookies = {} as Record<Persona, () => Promise<string | undefined>>;
let fixtures: Fixtures;

beforeAll(async () => {
  const w = await makeWorld(prisma);
  const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 5000, stock: 1000, giftBox: true }] });
  await listInHall(prisma, { hallId: w.hall.id, productId: product.id });
  const otherCoop = await makeCoop(prisma, { countyId: w.county.id });
  const orgA = await makeOrganization(prisma, { approvalLimitFen: 0 });
  const orgB = await makeOrganization(prisma);
  const users: Record<Persona, { id: string } | null> = {
    anonymous: null,
    consumer: await makeUser(prisma, { roles: ["consumer"] }),
    orgBuyer: await makeUser(prisma, { roles: ["consumer", "org_buyer"], organizationId: orgA.id }),
    orgApprover: await makeUser(prisma, { roles: ["consumer", "org_approver"], organizationId: orgA.id }),
    otherOrgAdmin: await makeUser(prisma, { roles: ["consumer", "org_admin"], organizationId: orgB.id }),
    otherCoopManager: await makeUser(prisma, { roles: ["consumer", "coop_manager"], coopId: otherCoop.id }),
    staff: await makeUser(prisma, { roles: ["staff"] }),
  };
  for (const persona of PERSONAS) {
    const user = users[persona];
    // a fresh session per request: some actions (log-out) end the one they are given
    cookies[persona] = async () => (user ? cookieFor(user.id) : undefined);
  }
  const orgOrder = await submitBulkOrder({
    buyer: users.orgBuyer!,
    organization: orgA,
    lines: [{ variantId: product.variants[0].id, quantity: 5 }],
    header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
  });
  const consumerOrder = await makePaidOrder(prisma, {
    buyerId: users.consumer!.id,
    number: newOrderNumber(),
    lines: [{ variantId: product.variants[0].id, quantity: 1 }],
    address: { recipient: "王芳", mobile: "13800138000", province: "福建省", city: "福州市", district: "鼓楼区", street: "五四路 1 号" },
  });
  const consumerParcel = await prisma.parcel.findFirstOrThrow({ where: { orderId: consumerOrder.id }, select: { id: true } });
  const invite = await inviteMember({ organizationId: orgA.id, email: "invited@example.test", orgRole: "BUYER", origin: "http://shop.test" });
  fixtures = {
    hall: w.hall.slug,
    product: product.slug,
    productId: product.id,
    county: w.county.slug,
    prefecture: w.prefecture.slug,
    orgOrder: orgOrder.number,
    consumerOrder: consumerOrder.number,
    consumerParcel: consumerParcel.id,
    coopId: w.coop.id,
    invite: invite.token,
    orgA: orgA.id,
  };
}, 60_000);

const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => fixtures[key] ?? `{${key}}`);

async function outcome(run: () => unknown, isAction: boolean): Promise<string> {
  let response: Response;
  try {
    const result = await run();
    response = result instanceof Response ? result : new Response(null, { status: 200 });
  } catch (thrown) {
    if (!(thrown instanceof Response)) return `crash(${(thrown as Error).message?.slice(0, 60)})`;
    response = thrown;
  }
  const { status } = response;
  if (status >= 300 && status < 400) return (response.headers.get("Location") ?? "").startsWith("/login") ? "login" : "redirect";
  if (status >= 200 && status < 300) return "ok";
  // an action that refused its input got past the gate: allowed
  if (isAction && [400, 409, 413, 415, 422, 429].includes(status)) return "ok";
  return String(status);
}

async function observe(file: string, url: string) {
  const mod = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as { loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown };
  const params = paramsFor(file, url);
  const row = { loader: [] as string[], action: [] as string[] };
  for (const persona of PERSONAS) {
    const cookie = await cookies[persona]();
    const headers = (): HeadersInit => (cookie ? { Cookie: cookie } : {});
    const loader = mod.loader;
    row.loader.push(loader ? await outcome(() => loader({ request: new Request(`http://shop.test${url}`, { headers: headers() }), params, context: {} }), false) : "none");
    const action = mod.action;
    row.action.push(
      action
        ? await outcome(
            () =>
              action({
                request: new Request(`http://shop.test${url}`, { method: "POST", headers: headers(), body: new URLSearchParams({ intent: "__matrix__" }) }),
                params,
                context: {},
              }),
            true,
          )
        : "none",
    );
  }
  return { loader: row.loader.join(" "), action: row.action.join(" ") };
}

describe("authorisation matrix", () => {
  it("has a row for every route file, and none for a file that is gone", () => {
    expect(routeFiles.filter((f) => !ROUTE_ACCESS[f])).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  it("every route answers every persona as the table says", async () => {
    const record = process.env.MATRIX_RECORD === "1";
    const mismatches: string[] = [];
    const recorded: string[] = [];
    for (const file of routeFiles) {
      const entry = ROUTE_ACCESS[file];
      if (!entry) continue;
      const seen = await observe(file, fill(entry.path));
      recorded.push(`  "${file}": { path: "${entry.path}", loader: "${seen.loader}", action: "${seen.action}" },`);
      if (seen.loader !== entry.loader) mismatches.push(`${file} loader: expected "${entry.loader}", got "${seen.loader}"`);
      if (seen.action !== entry.action) mismatches.push(`${file} action: expected "${entry.action}", got "${seen.action}"`);
    }
    if (record) console.log(recorded.join("\n"));
    else expect(mismatches).toEqual([]);
  }, 240_000);
});
