import {
  json,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { GrowthLog } from "~/components/growth-log";
import { ShipForm } from "~/components/scheme-cards";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { MAX_PHOTO_BYTES } from "~/lib/photo-store.server";
import { coopOrchard } from "~/models/trees/coop-orchards.server";
import { growthLogSchema, MAX_LOG_PHOTOS } from "~/models/trees/growth-log.schema";
import { postGrowthEntry } from "~/models/trees/growth-log.server";
import { recordHarvestSchema, shipDeliverySchema } from "~/models/trees/harvest.schema";
import { recordHarvest, shipDelivery } from "~/models/trees/harvest.server";
import { GROWTH_STAGES, gramsToKg } from "~/models/trees/season";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const view = await coopOrchard(user.coopId, params.slug ?? "").catch(throwAsResponse);
  return json(view, { headers: { "Cache-Control": "private, no-store" } });
}

type Result = { intent: string; errors?: Record<string, string>; error?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const slug = params.slug ?? "";
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES }));
    } catch {
      return json<Result>({ intent: "log", errors: { photos: `每张照片不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB` } }, { status: 400 });
    }
    const parsed = parseForm(growthLogSchema, form);
    if (!parsed.ok) return json<Result>({ intent: "log", errors: parsed.errors, values: parsed.values }, { status: 400 });
    const files = form.getAll("photos").filter((f): f is File => f instanceof File && f.size > 0);
    try {
      const photos = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      await postGrowthEntry({ coopId: user.coopId, orchardSlug: slug, authorId: user.id, entry: parsed.data, photos });
    } catch (error) {
      return errorResponse(error, { intent: "log", values: Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) });
    }
    return json<Result>({ intent: "log" }, { headers: await flash(request, "生长日志已发布，认养人的证书页上可以看到") });
  }
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "harvest") {
      const parsed = parseForm(recordHarvestSchema, form);
      if (!parsed.ok) return json<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await recordHarvest({ coopId: user.coopId, seasonId: parsed.data.seasonId, grams: Number(parsed.data.kg) * 1000, note: parsed.data.note, actorId: user.id });
      return json<Result>({ intent }, { headers: await flash(request, "收成已登记，已通知全部认养人") });
    }
    if (intent === "ship") {
      const parsed = parseForm(shipDeliverySchema, form);
      if (!parsed.ok) return json<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await shipDelivery({ coopId: user.coopId, actorId: user.id, ...parsed.data });
      return json<Result>({ intent }, { headers: await flash(request, "已登记寄出，认养人会收到通知") });
    }
  } catch (error) {
    return errorResponse(error, { intent, values: Object.fromEntries(form) });
  }
  return json<Result>({ intent, error: "请求无效" }, { status: 400 });
}

export default function CoopOrchardPage() {
  const { orchard, seasons, log, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const logForm = useValidatedForm(growthLogSchema,
    result?.intent === "log" ? { errors: result.errors, values: result.values } : undefined,
    { stage: "BLOSSOM", seasonYear: seasons[0]?.year ?? 0, text: "" },
  );
  const logErrors = logForm.formState.errors;
  const photoError = result?.intent === "log" ? result.errors?.photos : undefined;
  return (
    <div className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <div>
        <Link to="/coop/trees" className="text-sm text-brand-700 hover:underline">← 果树认养</Link>
        <h1 className="text-2xl font-bold">{orchard.name}</h1>
        <p className="text-sm text-stone-600">{orchard.variety} · 每棵树收成 {gramsToKg(orchard.shareGrams)}</p>
      </div>
      {result?.error && !result.errors ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">{result.error}</p> : null}

      <section aria-labelledby="post" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="post" className="text-lg font-semibold">发布生长日志</h2>
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={logForm.onSubmit} className="grid gap-3 sm:grid-cols-3">
          <Field label="生长阶段" name="stage" error={logErrors.stage?.message}>
            <select id="stage" className={inputClass} {...logForm.register("stage")}>
              {Object.entries(GROWTH_STAGES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </Field>
          <Field label="认养季" name="seasonYear" error={logErrors.seasonYear?.message}>
            <select id="seasonYear" className={inputClass} {...logForm.register("seasonYear")}>
              {seasons.map((s) => <option key={s.id} value={s.year}>{s.year} 年</option>)}
            </select>
          </Field>
          <Field label={`照片（JPEG/PNG/WebP，最多 ${MAX_LOG_PHOTOS} 张）`} name="photos" error={photoError}>
            <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple className="block w-full text-sm" />
          </Field>
          <div className="sm:col-span-3">
            <Field label="近况" name="text" error={logErrors.text?.message}>
              <textarea id="text" rows={3} className={inputClass} aria-invalid={Boolean(logErrors.text)} {...logForm.register("text")} />
            </Field>
          </div>
          <button className={`${buttonClass} sm:col-span-1`} disabled={busy}>发布</button>
        </Form>
      </section>

      {seasons.map((s) => (
        <section key={s.id} aria-labelledby={`season-${s.year}`} className="space-y-3">
          <h2 id={`season-${s.year}`} className="text-lg font-semibold">
            {s.year} 年 · {s.adoptions.length} 棵已认养 · 预计采收 {s.harvestFrom} 至 {s.harvestTo}
          </h2>
          {s.harvestedAt ? (
            <p className="text-sm text-emerald-800">已登记收成 {gramsToKg(s.harvestGrams ?? 0)}{s.harvestNote ? `（${s.harvestNote}）` : ""}。</p>
          ) : (
            <HarvestForm seasonId={s.id} result={result?.intent === "harvest" && result.values?.seasonId === s.id ? result : undefined} busy={busy} />
          )}
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <thead className="border-b border-stone-300 text-stone-500">
                <tr><th className="py-1">树</th><th>认养人（证书名）</th><th>寄送</th><th>寄出</th></tr>
              </thead>
              <tbody>
                {s.adoptions.map((a) => (
                  <tr key={a.code} className="border-b border-stone-100 align-top">
                    <td className="py-1.5 font-mono">{a.offer.tree.code}</td>
                    <td>{a.displayName}{a.organizationId ? "（单位）" : ""}</td>
                    <td colSpan={2}>
                      {a.deliveries.length === 0 ? <span className="text-stone-500">认养人尚未安排</span> : null}
                      <ul className="space-y-1">
                        {a.deliveries.map((d) => (
                          <li key={d.id} className="flex flex-wrap items-center gap-2">
                            <span>{gramsToKg(d.grams)} · {d.deliverOn} 起 · {d.recipient ? `${d.recipient}（${d.city}${d.district}）` : "礼物待领取"}{d.isGift ? " · 礼物" : ""}</span>
                            {d.parcelId ? (
                              <span className="text-emerald-700">已寄出</span>
                            ) : s.harvestedAt && d.recipient ? (
                              <ShipForm hidden={{ intent: "ship", deliveryId: d.id }} busy={busy}>
                                {d.deliverOn > today ? <span className="text-xs text-amber-700">未到约定日期</span> : null}
                              </ShipForm>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result?.intent === "ship" && result.errors ? <p role="alert" className="text-sm text-red-700">{Object.values(result.errors).join("；")}</p> : null}
        </section>
      ))}

      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-lg font-semibold">已发布的日志</h2>
        <GrowthLog entries={log} />
      </section>
    </div>
  );
}

function HarvestForm({ seasonId, result, busy }: { seasonId: string; result?: Result; busy: boolean }) {
  const form = useValidatedForm(recordHarvestSchema, result, { seasonId, kg: "", note: "" });
  const errors = form.formState.errors;
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" name="intent" value="harvest" />
      <input type="hidden" {...form.register("seasonId")} />
      <Field label="本季总收成（公斤）" name={`kg-${seasonId}`} error={errors.kg?.message}>
        <input id={`kg-${seasonId}`} inputMode="numeric" className={inputClass} aria-invalid={Boolean(errors.kg)} {...form.register("kg")} />
      </Field>
      <Field label="说明" name={`note-${seasonId}`} error={errors.note?.message}>
        <input id={`note-${seasonId}`} className={inputClass} {...form.register("note")} />
      </Field>
      <button className={buttonClass} disabled={busy}>登记收成</button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "果园管理 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
