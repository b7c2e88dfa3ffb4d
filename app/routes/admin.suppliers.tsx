import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ApplicationDecision } from "~/components/application-review";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fieldError, inputClass, ValidatedForm } from "~/components/form";
import { ApplicationDetails, ApplicationStatusBadge } from "~/components/supplier-application";
import { errorResponse } from "~/lib/errors";
import { formValues, parseForm } from "~/lib/forms.server";
import { linkManagerByEmail, linkCountyReviewer, linkTargets } from "~/models/coops/managers.server";
import { APPLICATION_STATUS_LABELS, APPLICATION_STATUSES, linkAccountSchema, type ApplicationStatus } from "~/models/suppliers/application.schema";
import { platformQueue, reviewFromForm } from "~/models/suppliers/application.server";
import { flash, requireUser } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const raw = new URL(request.url).searchParams.get("status") ?? "";
  const status = (APPLICATION_STATUSES as readonly string[]).includes(raw) ? (raw as ApplicationStatus) : null;
  const [recommended, submitted, listed, targets] = await Promise.all([
    platformQueue("RECOMMENDED"),
    platformQueue("SUBMITTED"),
    status && status !== "RECOMMENDED" && status !== "SUBMITTED" ? platformQueue(status) : Promise.resolve([]),
    linkTargets(),
  ]);
  return json({ recommended, submitted, listed, status: status ?? "", ...targets }, { headers: PRIVATE });
}

type Result = { ok: boolean; form?: string; applicationId?: string; errors?: Record<string, string>; error?: string; values?: Record<string, string>; message?: string };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "link-manager" || intent === "link-reviewer") {
      const parsed = parseForm(linkAccountSchema, form);
      if (!parsed.ok) return json<Result>({ ok: false, form: intent, errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
      if (intent === "link-manager") await linkManagerByEmail({ email: parsed.data.email, coopId: parsed.data.targetId, staffId: staff.id });
      else await linkCountyReviewer({ email: parsed.data.email, countyId: parsed.data.targetId, staffId: staff.id });
      const message = intent === "link-manager" ? "已关联为合作社管理员" : "已设为县级推荐审核人";
      return json<Result>({ ok: true, message }, { headers: { ...PRIVATE, ...(await flash(request, message)) } });
    }
    const result = await reviewFromForm(staff, form);
    if (!result.ok) return json<Result>(result, { status: 400, headers: PRIVATE });
    return json<Result>(result, { headers: { ...PRIVATE, ...(await flash(request, result.message)) } });
  } catch (error) {
    const values = formValues(form);
    return errorResponse(error, { ok: false, form: intent.startsWith("link") ? intent : undefined, applicationId: values.applicationId, values }, { headers: PRIVATE });
  }
}

export default function AdminSuppliers() {
  const { recommended, submitted, listed, status, coops, counties } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const serverFor = (id: string) => (result && !result.ok && result.applicationId === id ? result : undefined);
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-bold">供货主体入驻审核</h1>
        <p className="text-sm text-stone-600">区县推荐后由平台审核；通过即开通合作社并把申请人设为管理员。退回时写明原因，申请人修改后可重新提交。</p>
        <Queue title="待平台审核" applications={recommended} approveIntent="approve" approveLabel="审核通过" serverFor={serverFor} />
      </section>

      <section className="space-y-3">
        <Queue title="待县级推荐" hint="区县没有推荐审核人时，平台工作人员可代区县推荐或退回。" applications={submitted} approveIntent="recommend" approveLabel="代区县推荐" serverFor={serverFor} />
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">其他申请</h2>
        <nav className="flex flex-wrap gap-2 text-sm">
          {(["REJECTED", "APPROVED"] as const).map((s) => (
            <Link key={s} to={`?status=${s}`} className={`rounded px-2 py-1 ${status === s ? "bg-brand-600 text-white" : "bg-stone-100"}`}>{APPLICATION_STATUS_LABELS[s]}</Link>
          ))}
        </nav>
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
          {listed.map((a) => (
            <li key={a.id} className="px-3 py-2">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">{a.name} · {a.county.name}<ApplicationStatusBadge status={a.status} /></summary>
                <div className="pt-2"><ApplicationDetails app={a} /></div>
              </details>
            </li>
          ))}
          {status && listed.length === 0 ? <li className="px-3 py-2 text-stone-500">没有。</li> : null}
        </ul>
      </section>

      <section className="grid gap-6 md:grid-cols-2">
        <LinkForm intent="link-manager" title="关联合作社管理员" hint="把一个已注册的账号设为某合作社的管理员。" targetLabel="合作社" options={coops.map((c) => ({ id: c.id, label: c.name }))} result={result} />
        <LinkForm intent="link-reviewer" title="设置县级推荐审核人" hint="区县的工作人员注册账号后，在这里把账号关联到区县。" targetLabel="区县" options={counties.map((c) => ({ id: c.id, label: `${c.prefecture.name} · ${c.name}` }))} result={result} />
      </section>
    </div>
  );
}

type Queued = ReturnType<typeof useLoaderData<typeof loader>>["recommended"][number];

/** One queue of applications, each with its details and the staff decision on it. */
function Queue({ title, hint, applications, approveIntent, approveLabel, serverFor }: { title: string; hint?: string; applications: Queued[]; approveIntent: "approve" | "recommend"; approveLabel: string; serverFor: (id: string) => Result | undefined }) {
  return (
    <>
      <h2 className="text-lg font-semibold">{title}（{applications.length}）</h2>
      {hint ? <p className="text-sm text-stone-600">{hint}</p> : null}
      {applications.length === 0 ? <p className="text-sm text-stone-500">暂无。</p> : null}
      <ul className="space-y-4">
        {applications.map((a) => (
          <li key={a.id} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid={`application-${a.creditCode}`}>
            <div className="flex flex-wrap items-center justify-between gap-2"><h3 className="font-semibold">{a.name}</h3><ApplicationStatusBadge status={a.status} /></div>
            <ApplicationDetails app={a} />
            <ApplicationDecision applicationId={a.id} approveIntent={approveIntent} approveLabel={approveLabel} server={serverFor(a.id)} />
          </li>
        ))}
      </ul>
    </>
  );
}

function LinkForm({ intent, title, hint, targetLabel, options, result }: { intent: string; title: string; hint: string; targetLabel: string; options: { id: string; label: string }[]; result?: Result }) {
  const mine = result && result.form === intent && !result.ok ? result : undefined;
  return (
    <ValidatedForm schema={linkAccountSchema} server={mine} defaults={{ email: "", targetId: "" }} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      {(form) => (
        <>
          <h2 className="text-lg font-semibold">{title}</h2>
          <p className="text-stone-600">{hint}</p>
          <input type="hidden" name="intent" value={intent} />
          <label className="block">账号邮箱
            <input type="email" aria-invalid={Boolean(fieldError(form, "email"))} className={inputClass} {...form.register("email")} />
          </label>
          {fieldError(form, "email") ? <p role="alert" className="text-red-700">{fieldError(form, "email")}</p> : null}
          <label className="block">{targetLabel}
            <select aria-invalid={Boolean(fieldError(form, "targetId"))} className={inputClass} {...form.register("targetId")}>
              <option value="">请选择</option>
              {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </select>
          </label>
          {fieldError(form, "targetId") ? <p role="alert" className="text-red-700">{fieldError(form, "targetId")}</p> : null}
          {fieldError(form, "form") ? <p role="alert" className="text-red-700">{fieldError(form, "form")}</p> : null}
          <button className="rounded bg-stone-800 px-3 py-1.5 text-white">关联</button>
        </>
      )}
    </ValidatedForm>
  );
}

export const meta: MetaFunction = () => [{ title: "供货主体 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
