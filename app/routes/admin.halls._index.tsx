import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import * as z from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { businessDay } from "~/lib/china-time";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { CERT_LABELS } from "~/models/catalog/certification-status";
import { decideHallOffer, listHalls, pendingHallOffers } from "~/models/catalog/hall.server";
import { PRODUCT_STATUS_LABELS } from "~/models/coops/product-status";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const [halls, offers] = await Promise.all([listHalls(), pendingHallOffers()]);
  return json({ halls, offers }, { headers: { "Cache-Control": "private, no-store" } });
}

const offerDecision = z.object({ hallId: z.string().min(1), productId: z.string().min(1), intent: z.enum(["accept", "decline"]) });

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(offerDecision, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效" }, { status: 400 });
  try {
    await decideHallOffer({ hallId: parsed.data.hallId, productId: parsed.data.productId, accept: parsed.data.intent === "accept", actorId: staff.id });
  } catch (error) {
    return errorResponse(error);
  }
  return json({ error: null }, { headers: await flash(request, parsed.data.intent === "accept" ? "已确认陈列，体验馆页面已更新" : "已拒绝陈列申请") });
}

export default function AdminHalls() {
  const { halls, offers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { error: string | null } | undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">体验馆陈列</h1>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">合作社的陈列申请（{offers.length}）</h2>
        {result?.error ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : null}
        {offers.length === 0 ? <p className="text-sm text-stone-500">暂无。</p> : null}
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
          {offers.map((o) => (
            <li key={`${o.hallId}-${o.productId}`} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span>
                <Link to={`/admin/products/${o.product.slug}`} className="text-brand-700 underline">{o.product.name}</Link> → {o.hall.slogan}
                <span className="block text-xs text-stone-500">{o.product.county.name} · {o.product.coop.name} · {PRODUCT_STATUS_LABELS[o.product.status] ?? o.product.status} · {CERT_LABELS[o.product.certStatus] ?? o.product.certStatus} · {businessDay(new Date(o.offeredAt))} 申请</span>
              </span>
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="hallId" value={o.hallId} />
                <input type="hidden" name="productId" value={o.productId} />
                <button name="intent" value="accept" className="rounded bg-brand-600 px-3 py-1 text-white">确认陈列</button>
                <button name="intent" value="decline" className="rounded border px-3 py-1">拒绝</button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <ul className="grid gap-3 sm:grid-cols-2">
        {halls.map((h) => (
          <li key={h.slug}>
            <Link to={`/admin/halls/${h.slug}`} className="block rounded-lg border border-stone-200 bg-white p-4 hover:shadow">
              <p className="font-semibold text-brand-700">{h.slogan}</p>
              <p className="text-sm">{h.name}</p>
              <p className="text-xs text-stone-500">上架 {h._count.listings} 种</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "体验馆陈列 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
