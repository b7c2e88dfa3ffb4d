import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductCard } from "~/components/product-card";
import { parseForm } from "~/lib/forms.server";
import { formatChinaDateTime } from "~/lib/china-time";
import { footprintsSchema } from "~/models/lists/lists.schema";
import { clearFootprints, listFootprints, MAX_FOOTPRINTS, removeFootprint } from "~/models/lists/footprints.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ footprints: await listFootprints(user.id), max: MAX_FOOTPRINTS });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(footprintsSchema, await request.formData());
  if (!parsed.ok) return json({ ok: false, error: Object.values(parsed.errors)[0] }, { status: 400 });
  if (parsed.data.intent === "clear") await clearFootprints(user.id);
  else if (parsed.data.slug) await removeFootprint(user.id, parsed.data.slug);
  return redirect("/footprints", { headers: await flash(request, parsed.data.intent === "clear" ? "足迹已清空" : "已从足迹中删除") });
}

export default function Footprints() {
  const { footprints, max } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">我的足迹</h1>
        <Link to="/favorites" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          我的收藏
        </Link>
      </div>
      <p className="text-sm text-stone-600">最近浏览过的商品，最多保留 {max} 件；只有您自己看得到。</p>
      {footprints.length ? (
        <>
          <Form method="post">
            <button type="submit" name="intent" value="clear" className="min-h-11 rounded border border-stone-300 px-4 text-sm hover:bg-stone-100">
              清空足迹
            </button>
          </Form>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {footprints.map(({ product, viewedAt }) => (
              <li key={product.slug} className="space-y-1">
                <ProductCard product={product} headingLevel={2}>
                  <p className="text-xs text-stone-500">浏览于 {formatChinaDateTime(viewedAt)}</p>
                </ProductCard>
                <Form method="post">
                  <input type="hidden" name="slug" value={product.slug} />
                  <button type="submit" name="intent" value="remove" className="min-h-11 text-xs text-stone-600 underline" aria-label={`从足迹中删除${product.name}`}>
                    删除
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="rounded border border-dashed border-stone-300 p-6 text-center text-stone-600">
          还没有足迹。
          <Link to="/" className="ml-2 text-brand-700 underline">
            去逛逛
          </Link>
        </p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的足迹 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
