import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass } from "~/components/form";
import { orgMemberRoleLabel } from "~/models/institutions/organization.schema";
import { acceptInvite, findInvite } from "~/models/institutions/organization.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invite = await findInvite(params.token ?? "");
  if (!invite) throw new Response("邀请链接无效或已过期", { status: 404 });
  return json({ organization: invite.organization.name, role: invite.orgRole, email: invite.email, matches: invite.email === user.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    await acceptInvite(params.token ?? "", user);
  } catch (error) {
    return errorResponse(error);
  }
  return redirect("/org", { headers: await flash(request, "已加入单位") });
}

export default function AcceptInvite() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">加入「{data.organization}」</h1>
      <p>角色：{orgMemberRoleLabel(data.role)}</p>
      {!data.matches ? <p className="text-amber-800">此邀请发给 {data.email}，请用该邮箱登录后再打开链接。</p> : null}
      {result?.error ? <p role="alert" className="text-red-700">{result.error}</p> : null}
      <Form method="post"><button className={buttonClass}>接受邀请</button></Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "接受单位邀请 · 陇货通" }, { name: "referrer", content: "no-referrer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
