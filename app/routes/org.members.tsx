import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { fenToYuan, formatFen } from "~/lib/money";
import { ROLE_LABELS, isRole } from "~/models/accounts/roles";
import { inviteSchema, memberActionSchema, ORG_MEMBER_ROLE_LABELS, ORG_MEMBER_ROLES, orgMemberRoleLabel, orgSettingsSchema } from "~/models/institutions/organization.schema";
import { inviteMember, listMembers, removeMember, revokeInvite, updateApprovalLimit } from "~/models/institutions/organization.server";
import { flash, requireOrgMember } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organization } = await requireOrgMember(request, ["org_admin"]);
  return json({ organization, me: user.id, ...(await listMembers(organization.id)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireOrgMember(request, ["org_admin"]);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "remove" || intent === "revoke") {
    const parsed = parseForm(memberActionSchema, form);
    if (!parsed.ok) return json({ errors: { members: Object.values(parsed.errors)[0] } }, { status: 400 });
    const input = parsed.data;
    try {
      if (input.intent === "remove") await removeMember({ organizationId: organization.id, adminId: user.id, memberId: input.memberId });
      else await revokeInvite({ organizationId: organization.id, inviteId: input.inviteId });
    } catch (error) {
      return errorResponse(error, {}, { field: "members" });
    }
    return json({ errors: null }, { headers: await flash(request, input.intent === "remove" ? "已移除该成员" : "邀请已撤销") });
  }
  if (intent === "limit") {
    const parsed = parseForm(orgSettingsSchema, form);
    if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
    await updateApprovalLimit(organization.id, parsed.data.approvalLimitYuan);
    return json({ errors: null }, { headers: await flash(request, "审批额度已更新") });
  }
  const parsed = parseForm(inviteSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  await inviteMember({ organizationId: organization.id, email: parsed.data.email, orgRole: parsed.data.orgRole, origin: publicOrigin(request) });
  return json({ errors: null }, { headers: await flash(request, `邀请邮件已发送至 ${parsed.data.email}`) });
}

export default function OrgMembers() {
  const { organization, me, members, invites } = useLoaderData<typeof loader>();
  const errors = (useActionData<typeof action>()?.errors ?? {}) as Record<string, string>;
  return (
    <div className="space-y-8">
      <section>
        <h1 className="mb-3 text-2xl font-bold">成员</h1>
        <ul className="divide-y rounded border bg-white text-sm">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
              <span>{m.name} <span className="text-stone-500">{m.email}</span></span>
              <span className="flex items-center gap-3">
                {m.roles.map((r) => (isRole(r.role) ? ROLE_LABELS[r.role] : r.role)).join("、")}
                {m.id === me ? null : (
                  <Form method="post">
                    <input type="hidden" name="memberId" value={m.id} />
                    <button name="intent" value="remove" aria-label={`移除 ${m.name}`} className="text-red-700 hover:underline">移除</button>
                  </Form>
                )}
              </span>
            </li>
          ))}
        </ul>
        {errors.members ? <p role="alert" className="mt-2 text-sm text-red-700">{errors.members}</p> : null}
        {invites.length ? (
          <>
            <h2 className="mt-4 mb-1 text-sm font-semibold text-stone-600">待接受的邀请</h2>
            <ul className="divide-y rounded border bg-white text-sm">
              {invites.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
                  <span>{i.email}（{orgMemberRoleLabel(i.orgRole)}）</span>
                  <Form method="post">
                    <input type="hidden" name="inviteId" value={i.id} />
                    <button name="intent" value="revoke" aria-label={`撤销对 ${i.email} 的邀请`} className="text-red-700 hover:underline">撤销</button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">邀请同事</h2>
        <ValidatedForm schema={inviteSchema} server={{ errors }} defaults={{ email: "", orgRole: ORG_MEMBER_ROLES[0] }} className="flex flex-wrap items-end gap-3">
          {(form) => (
            <>
              <Field label="邮箱" name="email" error={fieldError(form, "email")}><input id="email" type="email" className={inputClass} aria-invalid={Boolean(fieldError(form, "email"))} {...form.register("email")} /></Field>
              <Field label="角色" name="orgRole" error={fieldError(form, "orgRole")}>
                <select id="orgRole" className={inputClass} {...form.register("orgRole")}>{ORG_MEMBER_ROLES.map((r) => <option key={r} value={r}>{ORG_MEMBER_ROLE_LABELS[r]}</option>)}</select>
              </Field>
              <button name="intent" value="invite" className={buttonClass}>发送邀请</button>
            </>
          )}
        </ValidatedForm>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">审批额度</h2>
        <p className="mb-2 text-sm text-stone-600">金额超过额度的订单需审批人审批；额度为 0 时所有订单都需审批。当前：{formatFen(organization.approvalLimitFen)}</p>
        <ValidatedForm schema={orgSettingsSchema} server={{ errors }} defaults={{ approvalLimitYuan: fenToYuan(organization.approvalLimitFen) }} className="flex flex-wrap items-end gap-3">
          {(form) => (
            <>
              <Field label="额度（元）" name="approvalLimitYuan" error={fieldError(form, "approvalLimitYuan")}><input id="approvalLimitYuan" inputMode="decimal" className={inputClass} aria-invalid={Boolean(fieldError(form, "approvalLimitYuan"))} {...form.register("approvalLimitYuan")} /></Field>
              <button name="intent" value="limit" className={buttonClass}>保存</button>
            </>
          )}
        </ValidatedForm>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "成员与设置 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
