import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { AuditTrail } from "~/components/audit-trail";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { ApplicationDetails, ApplicationStatusBadge } from "~/components/supplier-application";
import { parseFormWithDocument } from "~/lib/documents.server";
import { errorResponse } from "~/lib/errors";
import { SUPPLIER_APPLICATION_BODY_LIMIT } from "~/lib/upload-limits";
import { useDocumentCheck } from "~/components/document-upload";
import { applicationTrail } from "~/models/audit/trail.server";
import { countyChoices } from "~/models/catalog/place.server";
import { applicationSchema, BENEFITS, LICENCE_ACCEPT, SUPPLIER_KIND_LABELS, SUPPLIER_KINDS } from "~/models/suppliers/application.schema";
import { myApplication, submitApplication } from "~/models/suppliers/application.server";
import { flash, requireUser } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [application, counties] = await Promise.all([myApplication(user.id), countyChoices()]);
  const trail = application ? await applicationTrail(application.id) : [];
  return json({ application, counties, trail, isManager: Boolean(user.coopId) }, { headers: PRIVATE });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const parsed = await parseFormWithDocument(request, applicationSchema, { field: "licence", label: "营业执照文件", maxBodyBytes: SUPPLIER_APPLICATION_BODY_LIMIT });
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
    try {
      await submitApplication({ user, data: parsed.data, licence: parsed.document });
    } catch (error) {
      return errorResponse(error, { values: parsed.values }, { headers: PRIVATE });
    }
  } catch (error) {
    return errorResponse(error, {}, { headers: PRIVATE });
  }
  return redirect("/coop/apply", { headers: await flash(request, "申请已提交，请等待所在区县推荐") });
}

export default function CoopApply() {
  const { application, counties, trail, isManager } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (isManager) {
    return (
      <Page>
        <p>您的账号已是合作社管理员。<Link to="/coop" className="text-brand-700 underline">进入合作社工作台 →</Link></p>
      </Page>
    );
  }
  const editable = !application || application.status === "SUBMITTED" || application.status === "REJECTED";
  return (
    <Page>
      {application ? (
        <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">我的申请</h2>
            <ApplicationStatusBadge status={application.status} />
          </div>
          {application.status === "APPROVED" ? (
            <p className="text-sm">合作社已开通，您是它的管理员：进入 <Link to="/coop" className="text-brand-700 underline">合作社工作台</Link> 上架商品。</p>
          ) : null}
          <ApplicationDetails app={application} />
          <details>
            <summary className="cursor-pointer text-sm text-brand-700">审核记录</summary>
            <AuditTrail rows={trail} />
          </details>
        </section>
      ) : null}
      {editable ? <ApplicationForm key={application?.updatedAt ?? "new"} application={application} counties={counties} server={actionData} /> : null}
    </Page>
  );
}

function Page({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      <div>
        <h1 className="text-2xl font-bold">供货主体入驻申请</h1>
        <p className="text-sm text-stone-600">
          脱贫地区的农民专业合作社和企业可以申请在陇货通供货：提交后由所在区县推荐，再经平台审核，通过后即可上架商品。平台不收佣金。
        </p>
      </div>
      {children}
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function ApplicationForm({ application, counties, server }: { application: Loaded["application"]; counties: Loaded["counties"]; server?: { errors?: Record<string, string>; values?: Record<string, string>; error?: string } }) {
  const navigation = useNavigation();
  const defaults: Record<string, string | boolean> = application
    ? {
        name: application.name, kind: application.kind, creditCode: application.creditCode, countyId: application.countyId, intro: application.intro,
        contactName: application.contactName, contactPhone: application.contactPhone, benefitHouseholds: String(application.benefitHouseholds), benefitNote: application.benefitNote,
        benefitWages: application.benefitWages, benefitDividends: application.benefitDividends, benefitPurchase: application.benefitPurchase, benefitLandLease: application.benefitLandLease,
      }
    : { name: "", kind: "COOP", creditCode: "", countyId: "", intro: "", contactName: "", contactPhone: "", benefitHouseholds: "", benefitNote: "" };
  const form = useValidatedForm(applicationSchema, server, defaults);
  const errors = Object.fromEntries(Object.entries(form.formState.errors).map(([k, v]) => [k, (v as { message?: string } | undefined)?.message ?? ""])) as Record<string, string>;
  const text = (name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...props} {...form.register(name)} />
  );
  const posted = server?.values;
  const checked = (name: string) => (posted ? posted[name] === "on" : Boolean(defaults[name]));

  const { error: fileError, onSubmit } = useDocumentCheck({ field: "licence", label: "营业执照文件", required: !application, requiredMessage: "请上传营业执照（图片或 PDF）", submit: form.onSubmit });

  return (
    <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="space-y-4">
      <h2 className="text-lg font-semibold">{application ? "修改并重新提交" : "填写申请"}</h2>
      {server?.error && !server.errors ? <p role="alert" className="text-sm text-red-700">{server.error}</p> : null}
      <Field label="主体名称（与营业执照一致）" name="name" error={errors.name}>{text("name")}</Field>
      <Field label="主体类型" name="kind" error={errors.kind}>
        <select id="kind" className={inputClass} {...form.register("kind")}>
          {SUPPLIER_KINDS.map((k) => <option key={k} value={k}>{SUPPLIER_KIND_LABELS[k]}</option>)}
        </select>
      </Field>
      <Field label="统一社会信用代码" name="creditCode" error={errors.creditCode} hint="18 位，见营业执照；最后一位是校验位">
        {text("creditCode", { autoCapitalize: "characters", spellCheck: false, maxLength: 18 })}
      </Field>
      <Field label="所在区县" name="countyId" error={errors.countyId}>
        <select id="countyId" className={inputClass} aria-invalid={Boolean(errors.countyId)} {...form.register("countyId")}>
          <option value="">请选择</option>
          {counties.map((c) => <option key={c.id} value={c.id}>{c.prefecture.name} · {c.name}</option>)}
        </select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="联系人" name="contactName" error={errors.contactName}>{text("contactName", { autoComplete: "name" })}</Field>
        <Field label="手机号" name="contactPhone" error={errors.contactPhone}>{text("contactPhone", { inputMode: "tel", autoComplete: "tel" })}</Field>
      </div>
      <fieldset className="space-y-2 rounded-lg border border-stone-200 p-3" aria-describedby={errors.benefits ? "benefits-error" : undefined}>
        <legend className="px-1 text-sm font-medium text-stone-700">利益联结：如何带动脱贫户增收</legend>
        {BENEFITS.map((b) => (
          <label key={b.name} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value="on" defaultChecked={checked(b.name)} {...form.register(b.name)} />
            {b.label}
          </label>
        ))}
        {errors.benefits ? <p id="benefits-error" role="alert" className="text-sm text-red-700">{errors.benefits}</p> : null}
        <Field label="带动脱贫户数" name="benefitHouseholds" error={errors.benefitHouseholds}>{text("benefitHouseholds", { inputMode: "numeric" })}</Field>
        <Field label="具体说明" name="benefitNote" error={errors.benefitNote} hint="如：吸纳 12 名脱贫劳动力务工，月工资 2800 元；按不低于市场价 5% 保底收购">
          <textarea id="benefitNote" rows={3} className={inputClass} aria-invalid={Boolean(errors.benefitNote)} {...form.register("benefitNote")} />
        </Field>
      </fieldset>
      <Field label="简介（选填）" name="intro" error={errors.intro}>
        <textarea id="intro" rows={3} className={inputClass} {...form.register("intro")} />
      </Field>
      <Field label={application ? "营业执照（不换可不选）" : "营业执照"} name="licence" error={fileError ?? errors.licence} hint="照片或扫描件：JPEG、PNG、WebP 或 PDF，不超过 10 MB">
        <input id="licence" name="licence" type="file" accept={LICENCE_ACCEPT} aria-invalid={Boolean(fileError ?? errors.licence)} className="block w-full text-sm" />
      </Field>
      <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>
        {application ? "重新提交" : "提交申请"}
      </button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "供货主体入驻 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
