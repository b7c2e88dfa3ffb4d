import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { staffUserActionSchema } from "~/models/accounts/role.schema";
import { isRole, ROLE_LABELS, ROLES } from "~/models/accounts/roles";
import { endAllSessions, liveSessionCounts } from "~/models/accounts/session.server";
import { grantRole, listUsers, revokeRole } from "~/models/accounts/user.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const users = await listUsers(q);
  const sessions = await liveSessionCounts(users.map((u) => u.id));
  return json({ users: users.map((u) => ({ ...u, sessions: sessions.get(u.id) ?? 0 })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(staffUserActionSchema, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效" }, { status: 400 });
  if (parsed.data.intent === "end-sessions") {
    const ended = await endAllSessions(parsed.data.userId);
    return json({ error: null }, { headers: await flash(request, `已结束该用户的 ${ended} 个登录`) });
  }
  const { intent, userId, role } = parsed.data;
  try {
    if (intent === "grant") await grantRole(userId, role, staff.id);
    else await revokeRole(userId, role, staff.id);
  } catch (error) {
    return errorResponse(error);
  }
  const verb = intent === "grant" ? "已授予" : "已撤销";
  return json({ error: null }, { headers: await flash(request, `${verb}角色：${ROLE_LABELS[role]}`) });
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">用户与角色</h1>
      <FilterForm className="flex gap-2">
        <label htmlFor="q" className="sr-only">
          搜索用户
        </label>
        <input id="q" name="q" defaultValue={params.get("q") ?? ""} placeholder="邮箱或姓名" className="rounded border border-stone-300 px-3 py-1.5" />
        <button className="rounded bg-stone-800 px-3 text-white">查找</button>
      </FilterForm>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr>
              <th className="py-2">用户</th>
              <th>所属</th>
              <th>角色</th>
              <th>授予角色</th>
              <th>登录</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const current = u.roles.map((r) => r.role).filter(isRole);
              return (
                <tr key={u.id} className="border-b border-stone-100 align-top">
                  <td className="py-2">
                    <div>{u.name}</div>
                    <div className="text-xs text-stone-500">{u.email}</div>
                  </td>
                  <td className="text-xs">{u.organization?.name ?? u.coop?.name ?? "—"}</td>
                  <td>
                    <ul className="flex flex-wrap gap-1">
                      {current.map((r) => (
                        <li key={r}>
                          <Form method="post" className="inline">
                            <input type="hidden" name="userId" value={u.id} />
                            <input type="hidden" name="role" value={r} />
                            <button name="intent" value="revoke" className="rounded bg-stone-100 px-2 py-0.5 text-xs hover:bg-red-100" title="撤销">
                              {ROLE_LABELS[r]} ×
                            </button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Form method="post" className="flex gap-1">
                      <input type="hidden" name="userId" value={u.id} />
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        角色
                      </label>
                      <select id={`role-${u.id}`} name="role" className="rounded border border-stone-300 text-xs">
                        {ROLES.filter((r) => !current.includes(r)).map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                      <button name="intent" value="grant" className="rounded bg-brand-600 px-2 text-xs text-white">
                        授予
                      </button>
                    </Form>
                  </td>
                  <td className="text-xs">
                    {u.sessions > 0 ? (
                      <Form method="post" className="flex items-center gap-1">
                        <input type="hidden" name="userId" value={u.id} />
                        <span>{u.sessions} 处</span>
                        <button name="intent" value="end-sessions" className="rounded bg-stone-100 px-2 py-0.5 hover:bg-red-100">
                          结束登录
                        </button>
                      </Form>
                    ) : (
                      <span className="text-stone-400">未登录</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "用户与角色 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
