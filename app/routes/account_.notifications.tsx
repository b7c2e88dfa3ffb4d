import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { CHANNEL_LABELS, type Channel } from "~/models/messages/kinds";
import { CHOICE_FIELDS, choiceField, choicesOf, notificationsSchema } from "~/models/messages/preferences.schema";
import { preferencesOf, savePreferences } from "~/models/messages/preferences.server";
import { flash, requireUser } from "~/session.server";

// `account_` keeps this page out of any /account layout: it stands on its own wherever /account goes.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await preferencesOf(user.id));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(notificationsSchema, await request.formData());
  if (!parsed.ok) {
    // An unticked box is absent from the post; say so, or the form would come back with its default.
    const values = { ...parsed.values };
    for (const f of CHOICE_FIELDS) values[f.name] ??= "";
    return json({ errors: parsed.errors, values }, { status: 400 });
  }
  try {
    await savePreferences(user.id, { phone: parsed.data.phone || null, choices: choicesOf(parsed.data) });
  } catch (error) {
    return errorResponse(error, { values: parsed.values });
  }
  return json({ saved: true }, { headers: await flash(request, "通知设置已保存") });
}

const CHANNELS: Channel[] = ["EMAIL", "SMS"];

export default function NotificationSettings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const defaults: Record<string, string | boolean> = { phone: data.phone ?? "" };
  for (const k of data.kinds) for (const c of CHANNELS) if (k.offers[c] && !k.locked) defaults[choiceField(k.kind, c)] = k.on[c];
  const refused = result && "errors" in result ? result : undefined;
  const form = useValidatedForm(notificationsSchema, refused, defaults);
  const errors = form.formState.errors;
  // Without JavaScript a refused form comes back with what was ticked (posted as "on").
  const ticked = (name: string, fallback: boolean) => (refused ? refused.values[name] === "on" : fallback);
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      <div>
        <h1 className="text-2xl font-bold">通知设置</h1>
        <p className="mt-1 text-sm text-stone-600">选择哪些通知通过邮件（{data.email}）或短信收到。账户安全、付款期限与退款通知关系到您的账户和资金，始终发送。</p>
      </div>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-6">
        <div className="overflow-x-auto rounded border border-stone-200 bg-white">
          <table className="w-full text-sm">
            <thead className="border-b border-stone-200 text-left text-stone-500">
              <tr>
                <th className="px-3 py-2 font-medium">通知</th>
                {CHANNELS.map((c) => (
                  <th key={c} className="w-20 px-3 py-2 text-center font-medium">{CHANNEL_LABELS[c]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.kinds.map((k) => (
                <tr key={k.kind} className="border-t border-stone-100" data-testid={`kind-${k.kind}`}>
                  <td className="px-3 py-3">
                    <div className="font-medium">{k.label}{k.locked ? <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs font-normal text-stone-600">必发，不可关闭</span> : null}</div>
                    <div className="text-xs text-stone-500">{k.description}</div>
                  </td>
                  {CHANNELS.map((c) => {
                    const name = choiceField(k.kind, c);
                    const label = `${k.label}·${CHANNEL_LABELS[c]}`;
                    if (!k.offers[c]) return <td key={c} className="px-3 py-3 text-center text-stone-300" aria-label={`${label}：不提供`}>—</td>;
                    if (k.locked) {
                      return (
                        <td key={c} className="px-3 py-3 text-center">
                          <input type="checkbox" checked disabled aria-label={`${label}（必发）`} className="h-4 w-4" />
                        </td>
                      );
                    }
                    return (
                      <td key={c} className="px-3 py-3 text-center">
                        <input id={name} type="checkbox" value="on" aria-label={label} className="h-4 w-4 accent-brand-600" defaultChecked={ticked(name, k.on[c])} {...form.register(name)} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Field label="接收短信的手机号码" name="phone" error={errors.phone?.message as string | undefined} hint="发货短信发往收货地址上的手机号；活动通知和验证码发往这个号码。">
          <input id="phone" type="tel" autoComplete="tel" inputMode="tel" className={inputClass} aria-invalid={Boolean(errors.phone)} {...form.register("phone")} />
        </Field>
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>
          保存
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "通知设置 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
