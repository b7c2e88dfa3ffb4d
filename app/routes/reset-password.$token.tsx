import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { clientAddressOf } from "~/lib/load-context";
import { resetPasswordSchema } from "~/models/accounts/auth.schema";
import { resetLinkUsable, resetPassword } from "~/models/accounts/password-reset.server";
import { newSessionCookie } from "~/session.server";

// The link from the 忘记密码 e-mail. Anyone holding the link may use it once; the token is the proof.
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: await resetLinkUsable(params.token ?? "") }, { headers: { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let userId: string;
  try {
    userId = await resetPassword({ token: params.token ?? "", password: parsed.data.password });
  } catch (error) {
    return errorResponse(error, { values: {} });
  }
  // every session ended with the old password; this browser starts a new one
  const cookie = await newSessionCookie(request, userId, { clientAddress: clientAddressOf(context), flash: "密码已重置，其他设备上的登录均已退出" });
  return redirect("/account", { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useValidatedForm(resetPasswordSchema, actionData ?? undefined, { password: "", confirmPassword: "" });
  const errors = form.formState.errors;
  const formError = actionData?.errors && "form" in actionData.errors ? actionData.errors.form : null;
  return (
    <div className="mx-auto max-w-sm px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">设置新密码</h1>
      {!usable || formError ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          {formError ?? "重置链接无效或已过期，请重新申请"}{" "}
          <Link to="/forgot-password" className="underline">
            重新申请
          </Link>
        </p>
      ) : (
        <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
          <Field label="新密码" name="password" error={errors.password?.message} hint="至少 8 位">
            <input id="password" type="password" autoComplete="new-password" className={inputClass} aria-invalid={Boolean(errors.password)} {...form.register("password")} />
          </Field>
          <Field label="确认新密码" name="confirmPassword" error={errors.confirmPassword?.message}>
            <input id="confirmPassword" type="password" autoComplete="new-password" className={inputClass} aria-invalid={Boolean(errors.confirmPassword)} {...form.register("confirmPassword")} />
          </Field>
          <p className="text-xs text-stone-500">设置后，所有设备上的登录都会退出，本设备将用新密码登录。</p>
          <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
            保存新密码
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "设置新密码 · 陇货通" }, { name: "referrer", content: "no-referrer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
