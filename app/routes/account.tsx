import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorResponse } from "~/lib/errors";
import { parseForm, withoutSecrets } from "~/lib/forms.server";
import { changePasswordSchema, profileSchema } from "~/models/accounts/auth.schema";
import { ROLE_LABELS } from "~/models/accounts/roles";
import { deviceLabel, listSessions } from "~/models/accounts/session.server";
import { accountDetails, changePassword, updateProfile } from "~/models/accounts/user.server";
import { listAddresses } from "~/models/addresses/address-book.server";
import { currentSessionId, flash, logoutEverywhere, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [details, sessions, current, addresses] = await Promise.all([accountDetails(user.id), listSessions(user.id), currentSessionId(request), listAddresses(user.id)]);
  return json(
    {
      user: { ...details, termsAcceptedAt: details.termsAcceptedAt ? formatChinaDateTime(details.termsAcceptedAt) : null, roles: user.roles.map((r) => ROLE_LABELS[r]) },
      addresses,
      sessions: sessions.map((s) => ({
        key: s.id.slice(0, 12),
        device: deviceLabel(s.userAgent),
        address: s.clientAddress,
        since: formatChinaDateTime(s.createdAt),
        lastSeen: formatChinaDateTime(s.lastSeenAt),
        current: s.id === current,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** One action, three intents: the profile, the password, 退出所有设备. Each answer names its intent. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "logout-everywhere") return logoutEverywhere(request, user.id);
  if (intent === "profile") {
    const parsed = parseForm(profileSchema, formData);
    if (!parsed.ok) return json({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    try {
      await updateProfile(user.id, { name: parsed.data.name, phone: parsed.data.phone || null });
    } catch (error) {
      return errorResponse(error, { intent, values: parsed.values });
    }
    return json({ intent, errors: null, values: null }, { headers: await flash(request, "资料已保存") });
  }
  if (intent === "password") {
    const parsed = parseForm(changePasswordSchema, formData);
    if (!parsed.ok) return json({ intent, errors: parsed.errors, values: {} }, { status: 400 });
    try {
      await changePassword({ userId: user.id, currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, keepSessionId: await currentSessionId(request) });
    } catch (error) {
      return errorResponse(error, { intent, values: withoutSecrets(parsed.values) });
    }
    return json({ intent, errors: null, values: null }, { headers: await flash(request, "密码已修改，其他设备上的登录均已退出") });
  }
  return json({ intent: null, errors: { form: "未知操作" }, values: null }, { status: 400 });
}

type Answer = { intent: string | null; errors: Record<string, string> | null; values: Record<string, string> | null } | undefined;

export default function Account() {
  const { user, sessions, addresses } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer;
  const navigation = useNavigation();
  const answerFor = (intent: string) => (answer?.intent === intent && answer.errors ? { errors: answer.errors, values: answer.values } : undefined);
  const profile = useValidatedForm(profileSchema, answerFor("profile"), { intent: "profile", name: user.name, phone: user.phone ?? "" });
  const password = useValidatedForm(changePasswordSchema, answerFor("password"), { intent: "password", currentPassword: "", newPassword: "", confirmPassword: "" });
  const busy = navigation.state !== "idle";
  // a changed password is not left in the fields
  useEffect(() => {
    if (answer?.intent === "password" && !answer.errors) password.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);
  const defaultAddress = addresses.find((a) => a.isDefault);
  return (
    <div className="mx-auto max-w-2xl space-y-8 px-4 py-8">
      <section aria-labelledby="profile-title" className="space-y-3">
        <h1 className="text-2xl font-bold">我的账号</h1>
        <dl className="grid grid-cols-[5rem_1fr] gap-y-1 text-sm">
          <dt className="text-stone-500">邮箱</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="text-stone-500">角色</dt>
          <dd>{user.roles.join("、")}</dd>
          {user.termsAcceptedAt ? (
            <>
              <dt className="text-stone-500">协议</dt>
              <dd>
                {user.termsAcceptedAt} 同意《用户协议》《隐私政策》（{user.termsVersion} 版）
              </dd>
            </>
          ) : null}
        </dl>
        <h2 id="profile-title" className="text-lg font-semibold">基本资料</h2>
        <Form method="post" noValidate onSubmit={profile.onSubmit} className="grid gap-3 sm:grid-cols-2">
          <input type="hidden" {...profile.register("intent")} />
          <Field label="姓名或昵称" name="name" error={profile.formState.errors.name?.message}>
            <input id="name" autoComplete="name" className={inputClass} aria-invalid={Boolean(profile.formState.errors.name)} {...profile.register("name")} />
          </Field>
          <Field label="手机号码（可用于登录）" name="phone" error={profile.formState.errors.phone?.message}>
            <input id="phone" type="tel" inputMode="tel" autoComplete="tel" className={inputClass} aria-invalid={Boolean(profile.formState.errors.phone)} {...profile.register("phone")} />
          </Field>
          <div className="sm:col-span-2">
            <button type="submit" className={buttonClass} disabled={busy}>
              保存资料
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="space-y-3">
        <h2 id="password-title" className="text-lg font-semibold">修改密码</h2>
        <Form method="post" noValidate onSubmit={password.onSubmit} className="grid gap-3 sm:grid-cols-3">
          <input type="hidden" {...password.register("intent")} />
          <Field label="当前密码" name="currentPassword" error={password.formState.errors.currentPassword?.message}>
            <input id="currentPassword" type="password" autoComplete="current-password" className={inputClass} aria-invalid={Boolean(password.formState.errors.currentPassword)} {...password.register("currentPassword")} />
          </Field>
          <Field label="新密码" name="newPassword" error={password.formState.errors.newPassword?.message} hint="至少 8 位">
            <input id="newPassword" type="password" autoComplete="new-password" className={inputClass} aria-invalid={Boolean(password.formState.errors.newPassword)} {...password.register("newPassword")} />
          </Field>
          <Field label="确认新密码" name="confirmPassword" error={password.formState.errors.confirmPassword?.message}>
            <input id="confirmPassword" type="password" autoComplete="new-password" className={inputClass} aria-invalid={Boolean(password.formState.errors.confirmPassword)} {...password.register("confirmPassword")} />
          </Field>
          <div className="sm:col-span-3">
            <button type="submit" className={buttonClass} disabled={busy}>
              修改密码
            </button>
            <p className="mt-1 text-xs text-stone-500">修改后，其他设备上的登录都会退出。</p>
          </div>
        </Form>
      </section>

      <section aria-labelledby="addresses-title" className="space-y-2">
        <h2 id="addresses-title" className="text-lg font-semibold">收货地址</h2>
        {defaultAddress ? (
          <p className="rounded border border-stone-200 bg-white p-3 text-sm">
            <span className="mr-2 rounded bg-brand-50 px-1.5 text-xs text-brand-800">默认</span>
            {defaultAddress.recipient} {defaultAddress.mobile}
            <br />
            {defaultAddress.province} {defaultAddress.city} {defaultAddress.district} {defaultAddress.street}
          </p>
        ) : (
          <p className="text-sm text-stone-600">还没有保存的收货地址。</p>
        )}
        <Link to="/account/addresses" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          管理收货地址（共 {addresses.length} 个）
        </Link>
        <Link to="/account/notifications" className="ml-4 inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          通知设置
        </Link>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-lg font-semibold">登录设备</h2>
        <p className="mt-1 text-sm text-stone-600">不认识的设备、或在公用电脑上忘了退出时，可以一次退出所有设备；之后各设备都需重新登录。</p>
        <ul className="mt-3 divide-y divide-stone-200 rounded border border-stone-200 bg-white text-sm">
          {sessions.map((s) => (
            <li key={s.key} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3">
              <span className="font-medium">
                {s.device}
                {s.current ? <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-800">本设备</span> : null}
              </span>
              {s.address ? <span className="text-stone-500">{s.address}</span> : null}
              <span className="text-stone-500 sm:ml-auto">登录于 {s.since} · 最近使用 {s.lastSeen}</span>
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-4">
          <button type="submit" name="intent" value="logout-everywhere" className={buttonClass}>
            退出所有设备
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的账号 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
