// Issues (or re-issues) gift codes and answers with them as a download (PDF cards or CSV): the codes exist only
// in this response, the database keeps their hashes. A resource route, so the browser receives the
// file itself; problems go back to the order page as a message.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { businessDay, endOfBusinessDay } from "~/lib/china-time";
import { isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { giftIssueSchema } from "~/models/institutions/gift-code.schema";
import { getOrgOrder } from "~/models/institutions/bulk-order.server";
import { giftCodesCsv, giftName, issueGiftCodes, redeemUrl, reissueGiftCodes } from "~/models/institutions/gift-code.server";
import { giftCardsPdf } from "~/models/institutions/pdf.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { flash, requireOrgMember } from "~/session.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/org/orders/${encodeURIComponent(params.number ?? "")}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization } = await requireOrgMember(request, ["org_buyer", "org_admin"]);
  const order = await getOrgOrder(organization.id, params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  const back = async (message: string) => redirect(`/org/orders/${order.number}`, { headers: await flash(request, message) });
  const parsed = parseForm(giftIssueSchema, await request.formData());
  if (!parsed.ok) return back(`未生成兑换码：${Object.values(parsed.errors)[0]}`);
  const input = parsed.data;
  // The end of the chosen day, China time.
  const expiresAt = endOfBusinessDay(input.expiresOn);
  try {
    const codes =
      input.intent === "reissue-codes"
        ? await reissueGiftCodes({ orderId: order.id, expiresAt })
        : await issueGiftCodes({ orderId: order.id, lineId: input.lineId, count: input.count, expiresAt });
    const origin = publicOrigin(request);
    const name = `giftcodes-${order.number}-${Date.now()}`;
    if (input.format === "csv") return download(giftCodesCsv(codes, expiresAt, origin), "text/csv; charset=utf-8", `${name}.csv`);
    const cards = codes.map((c) => ({ code: c.code, gift: giftName(c.packageName), url: redeemUrl(origin, c.code) }));
    return download(await giftCardsPdf({ from: order.organization?.name ?? "", until: businessDay(expiresAt), cards }), "application/pdf", `${name}.pdf`);
  } catch (error) {
    if (isDomainError(error)) return back(`未生成兑换码：${error.message}`);
    throw error;
  }
}

function download(body: string | Buffer, type: string, filename: string) {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), { headers: { "Content-Type": type, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" } });
}
