import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { formatChinaDateTime } from "~/lib/china-time";
import { ROLE_LABELS } from "~/models/accounts/roles";
import { deviceLabel, listSessions } from "~/models/accounts/session.server";
import { currentSessionId, logoutEverywhere, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, current] = await Promise.all([listSessions(user.id), currentSessionId(request)]);
  return json({
    user: { name: user.name, email: user.email, roles: user.roles.map((r) => ROLE_LABELS[r]) },
    sessions: sessions.map((s) => ({
      key: s.id.slice(0, 12),
      device: deviceLabel(s.userAgent),
      address: s.clientAddress,
      since: formatChinaDateTime(s.createdAt),
      lastSeen: formatChinaDateTime(s.lastSeenAt),
      current: s.id === current,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = (await request.formData()).get("intent");
  if (intent !== "logout-everywhere") return json({ error: "未知操作" }, { status: 400 });
  return logoutEverywhere(request, user.id);
}

export default function Account() {
  const { user, sessions } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-8 px-4 py-8">
      <section>
        <h1 className="text-2xl font-bold">我的账号</h1>
        <dl className="mt-4 grid grid-cols-[5rem_1fr] gap-y-1 text-sm">
          <dt className="text-stone-500">姓名</dt>
          <dd>{user.name}</dd>
          <dt className="text-stone-500">邮箱</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="text-stone-500">角色</dt>
          <dd>{user.roles.join("、")}</dd>
        </dl>
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
