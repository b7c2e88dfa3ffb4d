import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm, withoutSecrets } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { signupSchema, type SignupInput } from "~/models/accounts/auth.schema";
import { createUser } from "~/models/accounts/user.server";
import { createUserSession, getUserId } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(signupSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { name, email, phone, password, redirectTo } = parsed.data;
  try {
    const user = await createUser({ name, email, phone: phone || null, password });
    return createUserSession(request, user.id, safeRedirect(redirectTo));
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
    redirectTo,
  });
  const errors = form.formState.errors;
  const input = (name: keyof SignupInput, type: string, autoComplete: string) => (
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
