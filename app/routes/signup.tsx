import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm, withoutSecrets } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { signupSchema, type SignupInput } from "~/models/accounts/auth.schema";
import { createUser } from "~/models/accounts/user.server";
import { LEGAL_VERSION } from "~/models/store/legal.server";
import { clientAddressOf } from "~/lib/load-context";
import { createUserSession, getUserId } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(signupSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { name, email, phone, password, redirectTo } = parsed.data;
  try {
    // the version of the 用户协议 and 隐私政策 shown today is the one agreed to
    const user = await createUser({ name, email, phone: phone || null, password, terms: LEGAL_VERSION });
    return createUserSession(request, user.id, safeRedirect(redirectTo), clientAddressOf(context));
  } catch (error) {
    return errorResponse(error, { values: withoutSecrets({ name, email, phone: phone ?? "", redirectTo: redirectTo ?? "" }) });
  }
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  const form = useValidatedForm(signupSchema, actionData ?? undefined, {
    name: "",
    email: "",
    phone: "",
    password: "",
    confirmPassword: "",
    // no default: react-hook-form would untick a box ticked before the page hydrated
    redirectTo,
  });
  const errors = form.formState.errors;
  const input = (name: Exclude<keyof SignupInput, "agreeTerms">, type: string, autoComplete: string) => (
    <input id={name} type={type} autoComplete={autoComplete} className={inputClass} aria-invalid={Boolean(errors[name])} {...form.register(name)} />
  );
  return (
    <div className="mx-auto max-w-sm px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">注册</h1>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
        <input type="hidden" {...form.register("redirectTo")} />
        <Field label="姓名或昵称" name="name" error={errors.name?.message}>
          {input("name", "text", "name")}
        </Field>
        <Field label="邮箱" name="email" error={errors.email?.message}>
          {input("email", "email", "email")}
        </Field>
        <Field label="手机号码（选填）" name="phone" error={errors.phone?.message}>
          {input("phone", "tel", "tel")}
        </Field>
        <Field label="密码" name="password" error={errors.password?.message} hint="至少 8 位">
          {input("password", "password", "new-password")}
        </Field>
        <Field label="确认密码" name="confirmPassword" error={errors.confirmPassword?.message}>
          {input("confirmPassword", "password", "new-password")}
        </Field>
        <div className="space-y-1">
          <label className="flex min-h-11 items-start gap-2 text-sm text-stone-700">
            <input type="checkbox" className="mt-1 h-4 w-4 shrink-0" aria-invalid={Boolean(errors.agreeTerms)} aria-describedby={errors.agreeTerms ? "agreeTerms-error" : undefined} {...form.register("agreeTerms")} />
            <span>
              我已阅读并同意{" "}
              <Link to="/legal/terms" target="_blank" className="text-brand-700 underline">
                《用户协议》
              </Link>
              和{" "}
              <Link to="/legal/privacy" target="_blank" className="text-brand-700 underline">
                《隐私政策》
              </Link>
            </span>
          </label>
          {errors.agreeTerms?.message ? (
            <p id="agreeTerms-error" role="alert" className="text-sm text-red-700">
              {errors.agreeTerms.message}
            </p>
          ) : null}
        </div>
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
          注册
        </button>
      </Form>
      <p className="mt-4 text-sm text-stone-600">
        已有账号？{" "}
        <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`} className="text-brand-600 underline">
          登录
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "注册 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
