import crypto from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { GrowthLog } from "~/components/growth-log";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { pageMeta } from "~/lib/meta";
import { formatFen } from "~/lib/money";
import { organizationOfMember } from "~/models/institutions/organization.server";
import { paymentStep } from "~/models/orders/payment.server";
import { adoptSchema } from "~/models/trees/adoption.schema";
import { adoptTrees } from "~/models/trees/adoption.server";
import { orchardPage, type TreeState } from "~/models/trees/orchard.server";
import { gramsToKg, PHASE_LABELS } from "~/models/trees/season";
import { flash, getUser, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer = user ? { id: user.id, organizationId: user.organizationId } : null;
  const orchard = await orchardPage(params.slug ?? "", viewer).catch(throwAsResponse);
  const org = user?.organizationId ? await organizationOfMember(user.organizationId) : null;
  return json(
    { orchard, loggedIn: Boolean(user), asOrganization: org?.status === "VERIFIED" ? org.name : null, clientRequestId: crypto.randomUUID() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  formData.set("trees", formData.getAll("trees").join(","));
  const parsed = parseForm(adoptSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let order;
  try {
    order = await adoptTrees({ adopter: { id: user.id, organizationId: user.organizationId }, orchardSlug: params.slug ?? "", year: parsed.data.year, form: parsed.data });
  } catch (error) {
    return errorResponse(error, { values: Object.fromEntries(formData) });
  }
  if (parsed.data.payment === "BANK_TRANSFER") {
    return redirect(`/orders/${order.number}`, { headers: await flash(request, "已为您保留所选果树 10 天，请按订单页的账户信息对公转账，到账后生成认养证书") });
  }
  const next = await paymentStep(order.id, request, `/orders/${order.number}`);
  return redirect(next.to, next.message ? { headers: await flash(request, next.message) } : undefined);
}

const STATE_STYLE: Record<TreeState, string> = {
  free: "border-emerald-600 bg-emerald-50 text-emerald-900 has-[:checked]:bg-emerald-600 has-[:checked]:text-white cursor-pointer",
  renewable: "border-amber-500 bg-amber-50 text-amber-900 has-[:checked]:bg-amber-500 has-[:checked]:text-white cursor-pointer",
  taken: "border-stone-300 bg-stone-200 text-stone-400",
  reserved: "border-stone-300 bg-stone-100 text-stone-400",
};
const STATE_LABEL: Record<TreeState, string> = { free: "可认养", renewable: "您可续养", taken: "已认养", reserved: "续养期内保留" };

export default function OrchardRoute() {
  const { orchard, loggedIn, asOrganization, clientRequestId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const season = orchard.season;
  const server = data && "errors" in data ? { errors: data.errors ?? undefined, values: (data as { values?: Record<string, string> }).values } : undefined;
  const form = useValidatedForm(adoptSchema, server, {
    year: season?.year ?? 0, mode: "pick", trees: "", count: "1", displayName: "", payment: "CARD", clientRequestId,
  });
  const errors = form.formState.errors;
  const mode = form.watch("mode");
  const picked = form.watch("trees") as unknown;
  const pickedCount = Array.isArray(picked) ? picked.length : typeof picked === "string" && picked ? picked.split(",").length : picked === true ? 1 : 0;
  const count = mode === "any" ? Number(form.watch("count")) || 0 : pickedCount;
  const unit = season && asOrganization && count >= season.orgMinTrees ? season.orgPriceFen : (season?.priceFen ?? 0);
  const formError = data && "error" in data && !(data as { errors?: unknown }).errors ? (data as { error: string }).error : null;
  const canAdopt = season && (season.phase === "OPEN" || season.phase === "RENEWAL");
  const checked = new Set(String(server?.values?.trees ?? "").split(",").filter(Boolean));
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <header className="grid gap-6 md:grid-cols-[1fr_22rem]">
        <div className="space-y-2">
          <p className="text-sm text-stone-500">
            <Link to="/trees" className="hover:underline">果树认养</Link> · {orchard.product.county.prefecture.name}{orchard.product.county.name}
          </p>
          <h1 className="text-2xl font-bold">{orchard.name}</h1>
          <p className="text-stone-700">{orchard.intro}</p>
          <p className="text-sm text-stone-600">
            品种：{orchard.variety} · 管护：{orchard.product.coop.name} · {orchard.product.households} 户脱贫户、{orchard.product.people} 人从认养中受益
          </p>
          <p className="text-sm text-stone-600">每棵树的收成：{gramsToKg(orchard.shareGrams)}，可分几次寄往不同地址，也可转赠亲友。</p>
        </div>
        {orchard.product.images[0] ? (
          <img src={orchard.product.images[0].url} alt={orchard.product.images[0].alt} width={400} height={300} className="w-full rounded-lg object-cover" />
        ) : null}
      </header>

      {season ? (
        <section aria-labelledby="season" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="season" className="text-xl font-semibold">{season.year} 年认养季 · {season.phase ? PHASE_LABELS[season.phase] : ""}</h2>
            <p className="text-sm text-stone-600">
              {formatFen(season.priceFen)}/棵；单位一次认养 {season.orgMinTrees} 棵及以上 {formatFen(season.orgPriceFen)}/棵 · 预计采收 {season.harvestFrom} 至 {season.harvestTo}
            </p>
          </div>
          {season.phase === "RENEWAL" ? (
            <p className="rounded bg-amber-50 p-2 text-sm text-amber-900">
              续养期：上一季的认养人可先续养自己的树，{new Date(season.opensAt).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" })} 起向所有人开放。
            </p>
          ) : null}
          <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
            {formError ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">{formError}</p> : null}
            <input type="hidden" {...form.register("year")} />
            <input type="hidden" {...form.register("clientRequestId")} />
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="sr-only">挑选方式</legend>
              <label className="flex items-center gap-1"><input type="radio" value="pick" defaultChecked={(server?.values?.mode ?? "pick") === "pick"} {...form.register("mode")} /> 在果园图上挑选</label>
              <label className="flex items-center gap-1"><input type="radio" value="any" defaultChecked={server?.values?.mode === "any"} {...form.register("mode")} /> 随机分配若干棵</label>
            </fieldset>
            <div>
              <p id="grid-label" className="mb-2 text-sm font-medium">果园图（行 A 起、列 1 起；点选要认养的树）</p>
              <div role="group" aria-labelledby="grid-label" className="overflow-x-auto">
                <div className="grid w-max max-w-full gap-1" style={{ gridTemplateColumns: `repeat(${orchard.cols}, minmax(2.25rem, 3rem))` }}>
                  {orchard.trees.map((t) => {
                    const selectable = canAdopt && (t.state === "free" || t.state === "renewable");
                    return (
                      <label key={t.code} title={`${t.code} ${STATE_LABEL[t.state]}`} className={`flex h-10 items-center justify-center rounded border text-[11px] sm:text-xs ${STATE_STYLE[t.state]}`}>
                        <input type="checkbox" value={t.code} disabled={!selectable} defaultChecked={checked.has(t.code)} className="sr-only" aria-label={`${t.code} 号树（${STATE_LABEL[t.state]}）`} {...form.register("trees")} />
                        {t.code}
                      </label>
                    );
                  })}
                </div>
              </div>
              <p className="mt-2 flex flex-wrap gap-3 text-xs text-stone-600">
                {(["free", "renewable", "taken", "reserved"] as const).map((s) => (
                  <span key={s} className="flex items-center gap-1"><span className={`inline-block h-3 w-3 rounded border ${STATE_STYLE[s]}`} />{STATE_LABEL[s]}</span>
                ))}
              </p>
              {errors.trees?.message ? <p id="trees-error" role="alert" className="mt-1 text-sm text-red-700">{String(errors.trees.message)}</p> : null}
            </div>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label="随机认养棵数" name="count" error={errors.count?.message} hint="选择“随机分配”时填写">
                <input id="count" inputMode="numeric" className={inputClass} aria-invalid={Boolean(errors.count)} {...form.register("count")} />
              </Field>
              <Field label="证书上的认养人名称" name="displayName" error={errors.displayName?.message} hint="如“王小明一家”或单位名称">
                <input id="displayName" className={inputClass} aria-invalid={Boolean(errors.displayName)} {...form.register("displayName")} />
              </Field>
              <fieldset className="space-y-1 text-sm">
                <legend className="font-medium text-stone-700">付款方式</legend>
                <label className="flex items-center gap-1"><input type="radio" value="CARD" defaultChecked={(server?.values?.payment ?? "CARD") === "CARD"} {...form.register("payment")} /> 在线支付</label>
                {asOrganization ? (
                  <label className="flex items-center gap-1"><input type="radio" value="BANK_TRANSFER" defaultChecked={server?.values?.payment === "BANK_TRANSFER"} {...form.register("payment")} /> 对公转账（{asOrganization}）</label>
                ) : null}
              </fieldset>
            </div>
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 pt-3">
              <p className="text-sm">
                {count} 棵 × {formatFen(unit)} = <strong data-testid="adopt-total">{formatFen(unit * count)}</strong>
              </p>
              {loggedIn ? (
                <button type="submit" className={buttonClass} disabled={!canAdopt || navigation.state !== "idle"}>认养并付款</button>
              ) : (
                <Link to={`/login?redirectTo=${encodeURIComponent(`/trees/orchards/${orchard.slug}`)}`} className={buttonClass}>登录后认养</Link>
              )}
            </div>
          </Form>
        </section>
      ) : (
        <p className="text-stone-500">这个果园暂时没有开放认养的季节。</p>
      )}

      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-xl font-semibold">生长日志</h2>
        <GrowthLog entries={orchard.log} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.orchard.name} · 果树认养 · 陇货通`, `${data.orchard.product.county.name}${data.orchard.variety}，认养一棵树，收成 ${gramsToKg(data.orchard.shareGrams)}。`) : [{ title: "果园不存在 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
