import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { useDocumentCheck } from "~/components/document-upload";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { parseFormWithDocument } from "~/lib/documents.server";
import { ORG_REGISTRATION_BODY_LIMIT } from "~/lib/upload-limits";
import { ORG_LICENCE_LABEL, ORG_TYPE_LABELS, ORG_TYPES, orgRegistrationSchema } from "~/models/institutions/organization.schema";
import { registerOrganization } from "~/models/institutions/organization.server";
import { LICENCE_ACCEPT } from "~/models/suppliers/application.schema";
import { clientAddressOf } from "~/lib/load-context";
import { renewSession, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.organizationId) throw redirect("/org");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const parsed = await parseFormWithDocument(request, orgRegistrationSchema, { field: "licence", label: `${ORG_LICENCE_LABEL}文件`, maxBodyBytes: ORG_REGISTRATION_BODY_LIMIT });
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    try {
      await registerOrganization(user.id, parsed.data, parsed.document);
    } catch (error) {
      return errorResponse(error, { values: parsed.values }, { field: "creditCode" });
    }
  } catch (error) {
    return errorResponse(error, { values: {} });
  }
  return redirect("/org", { headers: await renewSession(request, user.id, { clientAddress: clientAddressOf(context), flash: "单位已提交注册，平台审核通过后即可下单" }) });
}

type Values = z.input<typeof orgRegistrationSchema>;

export default function OrgRegister() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useValidatedForm(orgRegistrationSchema, actionData ?? undefined, {
    name: "", type: "AGENCY", creditCode: "", invoiceTitle: "", taxNumber: "", city: "", contactName: "", contactPhone: "",
  });
  const { error: fileError, onSubmit } = useDocumentCheck({ field: "licence", label: `${ORG_LICENCE_LABEL}文件`, required: true, requiredMessage: `请上传${ORG_LICENCE_LABEL}（图片或 PDF）`, submit: form.onSubmit });
  const errors = form.formState.errors;
  const serverErrors = ((actionData as { errors?: Record<string, string> } | undefined)?.errors ?? {}) as Record<string, string>;
  const text = (name: keyof Values, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...extra} {...form.register(name)} />;
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="mb-2 text-2xl font-bold">注册采购单位</h1>
      <p className="mb-6 text-sm text-stone-600">机关、事业单位、企业、工会、社会团体、学校、医院可开通单位采购：阶梯价、审批流程、对公转账和发票。提交后由平台工作人员核验，一般 1–2 个工作日。</p>
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="space-y-4">
        <Field label="单位名称" name="name" error={errors.name?.message}>{text("name")}</Field>
        <Field label="单位类型" name="type" error={errors.type?.message}>
          <select id="type" className={inputClass} {...form.register("type")}>
            {ORG_TYPES.map((t) => <option key={t} value={t}>{ORG_TYPE_LABELS[t]}</option>)}
          </select>
        </Field>
        <Field label="统一社会信用代码" name="creditCode" error={errors.creditCode?.message}>{text("creditCode")}</Field>
        <Field label="发票抬头" name="invoiceTitle" error={errors.invoiceTitle?.message}>{text("invoiceTitle")}</Field>
        <Field label="纳税人识别号" name="taxNumber" error={errors.taxNumber?.message}>{text("taxNumber")}</Field>
        <Field label="所在城市" name="city" error={errors.city?.message} hint="如：福州、青岛">{text("city")}</Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="联系人" name="contactName" error={errors.contactName?.message}>{text("contactName", { autoComplete: "name" })}</Field>
          <Field label="联系人手机" name="contactPhone" error={errors.contactPhone?.message}>{text("contactPhone", { type: "tel", inputMode: "tel", autoComplete: "tel" })}</Field>
        </div>
        <Field label={ORG_LICENCE_LABEL} name="licence" error={fileError ?? serverErrors.licence} hint="企业传营业执照；机关、事业单位、社会团体传法人证书或登记证书。照片或扫描件：JPEG、PNG、WebP 或 PDF，不超过 10 MB">
          <input id="licence" name="licence" type="file" accept={LICENCE_ACCEPT} aria-invalid={Boolean(fileError ?? serverErrors.licence)} className="block w-full text-sm" />
        </Field>
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>提交注册</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "单位注册 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
