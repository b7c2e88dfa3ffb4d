import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { clientAddressOf } from "~/lib/load-context";
import { forgotPasswordSchema, RESET_SENT } from "~/models/accounts/auth.schema";
import { recordResetRequest, resetWait, waitText } from "~/models/accounts/login-throttle.server";
import { requestPasswordReset } from "~/models/accounts/password-reset.server";
import { getUserId } from "~/session.server";

// 忘记密码: anyone may ask; the answer is the same whether or not the address has an account.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, sent: false }, { status: 400 });
  const { email } = parsed.data;
  const client = clientAddressOf(context);
  const wait = await resetWait(email, client);
  if (wait > 0) {
    return json(
      { errors: { form: `申请次数过多，请 ${waitText(wait)}后再试。` } as Record<string, string>, values: parsed.values, sent: false },
      { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
    );
  }
  await recordResetRequest(email, client);
  await requestPasswordReset({ email });
  return json({ errors: null, values: null, sent: true });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useValidatedForm(forgotPasswordSchema, actionData?.errors ? { errors: actionData.errors, values: actionData.values } : undefined, { email: "" });
  const errors = form.formState.errors;
  return (
    <div className="mx-auto max-w-sm px-4 py-12">
      <h1 className="mb-2 text-2xl font-bold">忘记密码</h1>
      {actionData?.sent ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-sm text-emerald-800">
          {RESET_SENT}
        </p>
      ) : (
        <>
          <p className="mb-6 text-sm text-stone-600">填写注册时用的邮箱，我们会发一封带重置链接的邮件。</p>
          <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
            {actionData?.errors?.form ? (
              <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
                {actionData.errors.form}
              </p>
            ) : null}
            <Field label="邮箱" name="email" error={errors.email?.message}>
              <input id="email" type="email" autoComplete="email" className={inputClass} aria-invalid={Boolean(errors.email)} {...form.register("email")} />
            </Field>
            <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
              发送重置链接
            </button>
          </Form>
        </>
      )}
      <p className="mt-4 text-sm text-stone-600">
        想起来了？{" "}
        <Link to="/login" className="text-brand-600 underline">
          返回登录
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "忘记密码 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
