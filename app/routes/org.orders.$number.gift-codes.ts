// Issues (or re-issues) gift codes and answers with them as a CSV download: the codes exist only
// in this response, the database keeps their hashes. A resource route, so the browser receives the
// file itself; problems go back to the order page as a message.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { endOfBusinessDay } from "~/lib/china-time";
import { isDomainError } from "~/lib/errors";
import { giftIssueSchema } from "~/models/institutions/gift-code.schema";
import { getOrgOrder } from "~/models/institutions/bulk-order.server";
import { giftCodesCsv, issueGiftCodes, reissueGiftCodes } from "~/models/institutions/gift-code.server";
import { flash, requireOrgMember } from "~/session.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/org/orders/${encodeURIComponent(params.number ?? "")}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization } = await requireOrgMember(request, ["org_buyer", "org_admin"]);
  const order = await getOrgOrder(organization.id, params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  const back = async (message: string) => redirect(`/org/orders/${order.number}`, { headers: await flash(request, message) });
  const form = await request.formData();
  const reissue = form.get("intent") === "reissue-codes";
  const parsed = giftIssueSchema.safeParse({ variantId: reissue ? "all" : form.get("lineId"), count: reissue ? 1 : form.get("count"), expiresOn: form.get("expiresOn") });
  if (!parsed.success) return back(`未生成兑换码：${parsed.error.issues[0].message}`);
  // The end of the chosen day, China time.
  const expiresAt = endOfBusinessDay(parsed.data.expiresOn);
  try {
    const codes = reissue
      ? await reissueGiftCodes({ orderId: order.id, expiresAt })
      : await issueGiftCodes({ orderId: order.id, lineId: parsed.data.variantId, count: parsed.data.count, expiresAt });
    return new Response(giftCodesCsv(codes, expiresAt), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="giftcodes-${order.number}-${Date.now()}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isDomainError(error)) return back(`未生成兑换码：${error.message}`);
    throw error;
  }
}
