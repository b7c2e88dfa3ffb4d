import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { ORG_TYPE_LABELS, ORG_TYPES, orgRegistrationSchema } from "~/models/institutions/organization.schema";
import { registerOrganization } from "~/models/institutions/organization.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.organizationId) throw redirect("/org");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(orgRegistrationSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await registerOrganization(user.id, parsed.data);
  } catch (error) {
    return errorResponse(error, { values: parsed.values }, { field: "creditCode" });
  }
  return redirect("/org", { headers: await flash(request, "单位已提交注册，平台审核通过后即可下单") });
}

type Values = z.input<typeof orgRegistrationSchema>;

export default function OrgRegister() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useValidatedForm(orgRegistrationSchema, actionData ?? undefined, {
    name: "", type: "AGENCY", creditCode: "", invoiceTitle: "", taxNumber: "", city: "",
  });
  const errors = form.formState.errors;
  const text = (name: keyof Values) => <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...form.register(name)} />;
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="mb-2 text-2xl font-bold">注册采购单位</h1>
      <p className="mb-6 text-sm text-stone-600">机关、企业、工会、学校、医院可开通单位采购：阶梯价、审批流程、对公转账和发票。提交后由平台工作人员核验。</p>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
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
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>提交注册</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "单位注册 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
