import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field, fieldError, inputClass, useValidatedForm, ValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { addListingSchema, curationSchema, updatePlacementSchema } from "~/models/catalog/hall-curation.schema";
import { addToHall, hallForCuration, removeFromHall, updateHallPlacement } from "~/models/catalog/hall.server";
import { flash, requireUser } from "~/session.server";

const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const hall = await hallForCuration(params.slug ?? "");
  if (!hall) throw new Response("没有这个体验馆", { status: 404 });
  return json({ hall }, { headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, "staff");
  const hall = await hallForCuration(params.slug ?? "");
  if (!hall) throw new Response("没有这个体验馆", { status: 404 });
  const parsed = parseForm(curationSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  try {
    if (form.intent === "add") await addToHall(hall.id, form.productSlug);
    else if (form.intent === "remove") await removeFromHall(hall.id, form.productId);
    else await updateHallPlacement(hall.id, form.productId, form);
  } catch (error) {
    const values: Record<string, string> = form.intent === "add" ? { intent: "add", productSlug: form.productSlug } : { intent: form.intent, productId: form.productId };
    return errorResponse(error, { values }, { field: form.intent === "add" ? "productSlug" : "form" });
  }
  const message = { add: "已上架到本馆", remove: "已从本馆下架", update: "已更新陈列" }[form.intent];
  return json({ errors: null, values: null }, { headers: await flash(request, message) });
}

export default function CurateHall() {
  const { hall } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? undefined;
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  // the answer belongs to the form that was sent: the add form, or one row's placement
  const add = useValidatedForm(addListingSchema, values.intent === "update" ? undefined : { errors, values: actionData?.values }, { intent: "add", productSlug: "" });
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/halls" className="text-brand-700 hover:underline">
          体验馆陈列
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {hall.slogan} · {hall.name}
      </h1>
      {errors?.form ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}

      <Form method="post" onSubmit={add.onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" value="add" {...add.register("intent")} />
        <Field label="上架商品（商品编号，即网址中的 slug）" name="productSlug" error={add.formState.errors.productSlug?.message as string | undefined}>
          <input id="productSlug" className={inputClass} aria-invalid={Boolean(add.formState.errors.productSlug)} {...add.register("productSlug")} />
        </Field>
        <button type="submit" className={buttonClass}>
          上架
        </button>
      </Form>

      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr>
              <th className="py-2">商品</th>
              <th>陈列（推荐 / 排序 / 当季）</th>
              <th>下架</th>
            </tr>
          </thead>
          <tbody>
            {hall.listings.map((l) => (
              <tr key={l.productId} className="border-b border-stone-100">
                <td className="py-2">
                  <Link to={`/products/${l.product.slug}`} className="hover:underline">
                    {l.product.name}
                  </Link>
                  <div className="text-xs text-stone-500">
                    {l.product.county.name} · {l.product.slug}
                    {l.product.status !== "ACTIVE" ? " · 未在售" : ""}
                  </div>
                </td>
                <td>
                  <ValidatedForm
                    schema={updatePlacementSchema}
                    server={values.intent === "update" && values.productId === l.productId ? { errors } : undefined}
                    defaults={{ intent: "update", productId: l.productId, featured: l.featured, featuredRank: String(l.featuredRank), seasonal: l.seasonal }}
                    className="flex items-center gap-2"
                    aria-label={`陈列 ${l.product.name}`}
                  >
                    {(form) => (
                      <>
                        <input type="hidden" {...form.register("intent")} />
                        <input type="hidden" {...form.register("productId")} />
                        <label className="flex items-center gap-1">
                          {/* defaultChecked: the server-rendered form must work before (or without) JavaScript */}
                          <input type="checkbox" defaultChecked={l.featured} {...form.register("featured")} />
                          推荐
                        </label>
                        <label className="flex items-center gap-1">
                          排序
                          <input inputMode="numeric" className="w-14 rounded border border-stone-300 px-1" aria-invalid={Boolean(fieldError(form, "featuredRank"))} {...form.register("featuredRank")} />
                        </label>
                        <label className="flex items-center gap-1">
                          <input type="checkbox" defaultChecked={l.seasonal} {...form.register("seasonal")} />
                          当季
                        </label>
                        <button type="submit" className="rounded bg-stone-800 px-2 py-0.5 text-xs text-white">
                          保存
                        </button>
                        {fieldError(form, "featuredRank") ? <span role="alert" className="text-xs text-red-700">{fieldError(form, "featuredRank")}</span> : null}
                      </>
                    )}
                  </ValidatedForm>
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="productId" value={l.productId} />
                    <button type="submit" className="rounded bg-stone-100 px-2 py-0.5 text-xs hover:bg-red-100">
                      下架
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.hall.slogan ?? "体验馆"}陈列 · 管理后台` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
