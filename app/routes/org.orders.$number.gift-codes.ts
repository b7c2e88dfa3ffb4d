// Issues (or re-issues) gift codes and answers with them as a CSV download: the codes exist only
// in this response, the database keeps their hashes. A resource route, so the browser receives the
// file itself; problems go back to the order page as a message.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { endOfBusinessDay } from "~/lib/china-time";
import { isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
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
