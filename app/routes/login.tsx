import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { parseForm, withoutSecrets } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { LOGIN_REFUSED, loginSchema } from "~/models/accounts/auth.schema";
import { clientAddressOf } from "~/lib/load-context";
import { loginWait, recordLoginAttempt, waitText } from "~/models/accounts/login-throttle.server";
import { verifyLogin } from "~/models/accounts/user.server";
import { createUserSession, getUserId } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const values = withoutSecrets({ email, redirectTo: redirectTo ?? "" });
  const client = clientAddressOf(context);

  const wait = await loginWait(email, client);
  if (wait > 0) {
    return json(
      { errors: { form: `这台设备登录失败次数过多，请 ${waitText(wait)}后再试。` } as Record<string, string>, values },
      { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
    );
  }
  const userId = await verifyLogin(email, password);
  await recordLoginAttempt(email, client, Boolean(userId));
  if (!userId) {
    // Same words whether the account (e-mail or mobile) exists or not.
    return json({ errors: { password: LOGIN_REFUSED } as Record<string, string>, values }, { status: 400 });
  }
  return createUserSession(request, userId, safeRedirect(redirectTo), client);
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  const form = useValidatedForm(loginSchema, actionData ?? undefined, { email: "", password: "", redirectTo });
  const errors = form.formState.errors;
  return (
    <div className="mx-auto max-w-sm px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">登录</h1>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
        {actionData?.errors?.form ? (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
            {actionData.errors.form}
          </p>
        ) : null}
        <input type="hidden" {...form.register("redirectTo")} />
        <Field label="邮箱或手机号" name="email" error={errors.email?.message}>
          <input id="email" type="text" inputMode="email" autoComplete="username" autoCapitalize="none" spellCheck={false} className={inputClass} aria-invalid={Boolean(errors.email)} {...form.register("email")} />
        </Field>
        <Field label="密码" name="password" error={errors.password?.message}>
          <input id="password" type="password" autoComplete="current-password" className={inputClass} aria-invalid={Boolean(errors.password)} {...form.register("password")} />
        </Field>
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
          登录
        </button>
      </Form>
      <p className="mt-4 flex flex-wrap justify-between gap-2 text-sm text-stone-600">
        <span>
        还没有账号？{" "}
        <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`} className="text-brand-600 underline">
          注册
        </Link>
        </span>
        <Link to="/forgot-password" className="text-brand-600 underline">
          忘记密码？
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "登录 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
