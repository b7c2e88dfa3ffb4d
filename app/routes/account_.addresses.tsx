import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { AddressFields, errorMessages } from "~/components/address-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { addAddress, deleteAddress, findAddress, listAddresses, setDefaultAddress, updateAddress } from "~/models/addresses/address-book.server";
import { addressBookSchema, saveAddressSchema } from "~/models/addresses/address-book.schema";
import { areaOptions } from "~/models/addresses/divisions.server";
import { flash, requireUser } from "~/session.server";

// The address book: add, edit (?edit=<id>), delete, make default. Checkout preselects the default.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const editId = new URL(request.url).searchParams.get("edit");
  const [addresses, editing] = await Promise.all([listAddresses(user.id), editId ? findAddress(user.id, editId) : null]);
  if (editId && !editing) throw new Response("没有这个收货地址", { status: 404 });
  return json({ addresses, editing, areas: areaOptions(editing ?? {}) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(addressBookSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "delete") await deleteAddress(user.id, input.id);
    else if (input.intent === "default") await setDefaultAddress(user.id, input.id);
    else if (input.id) await updateAddress(user.id, input.id, input, { makeDefault: input.makeDefault });
    else await addAddress(user.id, input, { makeDefault: input.makeDefault });
  } catch (error) {
    return errorResponse(error, { values: parsed.values });
  }
  const message = input.intent === "delete" ? "地址已删除" : input.intent === "default" ? "已设为默认地址" : "地址已保存";
  return redirect("/account/addresses", { headers: await flash(request, message) });
}

export default function AddressBook() {
  const { addresses, editing, areas } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const navigation = useNavigation();
  const start = {
    intent: "save" as const,
    id: editing?.id ?? "",
    recipient: editing?.recipient ?? "",
    mobile: editing?.mobile ?? "",
    province: editing?.province ?? "",
    city: editing?.city ?? "",
    district: editing?.district ?? "",
    street: editing?.street ?? "",
    makeDefault: false,
  };
  const server = answer?.errors ? { errors: answer.errors, values: answer.values } : undefined;
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      <div>
        <Link to="/account" className="text-sm text-brand-700 hover:underline">
          ← 我的账号
        </Link>
        <h1 className="text-2xl font-bold">收货地址</h1>
      </div>
      {answer?.errors?.form ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          {answer.errors.form}
        </p>
      ) : null}
      {addresses.length ? (
        <ul className="space-y-2" aria-label="已保存的地址">
          {addresses.map((a) => (
            <li key={a.id} className="rounded border border-stone-200 bg-white p-3 text-sm" data-testid="saved-address">
              <p>
                <span className="font-medium">{a.recipient}</span> {a.mobile}
                {a.isDefault ? <span className="ml-2 rounded bg-brand-50 px-1.5 text-xs text-brand-800">默认</span> : null}
              </p>
              <p className="text-stone-700">
                {a.province} {a.city} {a.district} {a.street}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <Link to={`?edit=${a.id}`} className="inline-flex min-h-11 items-center rounded border border-stone-300 px-3" aria-label={`编辑 ${a.recipient} 的地址`}>
                  编辑
                </Link>
                {a.isDefault ? null : (
                  <Form method="post">
                    <input type="hidden" name="id" value={a.id} />
                    <button type="submit" name="intent" value="default" className="min-h-11 rounded border border-stone-300 px-3" aria-label={`把 ${a.recipient} 的地址设为默认`}>
                      设为默认
                    </button>
                  </Form>
                )}
                <Form method="post" onSubmit={(event) => (confirm("删除这个地址？") ? undefined : event.preventDefault())}>
                  <input type="hidden" name="id" value={a.id} />
                  <button type="submit" name="intent" value="delete" className="min-h-11 rounded border border-red-200 px-3 text-red-700" aria-label={`删除 ${a.recipient} 的地址`}>
                    删除
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">还没有保存的收货地址。结算时勾选“保存到地址簿”，或在下面添加。</p>
      )}
      {/* a new key per address edited, so the form starts again from that address */}
      <AddressForm key={editing?.id ?? "new"} start={start} server={server} areas={areas} editing={Boolean(editing)} busy={navigation.state !== "idle"} />
    </div>
  );
}

function AddressForm(props: {
  start: React.ComponentProps<typeof AddressFields>["values"] & { intent: "save"; id: string; makeDefault: boolean };
  server: { errors: Record<string, string>; values?: Record<string, string> } | undefined;
  areas: React.ComponentProps<typeof AddressFields>["options"];
  editing: boolean;
  busy: boolean;
}) {
  const form = useValidatedForm(saveAddressSchema, props.server, props.start as never);
  const values = { ...props.start, ...(props.server?.values ?? {}) };
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{props.editing ? "编辑地址" : "添加新地址"}</h2>
      <input type="hidden" {...form.register("intent")} />
      <input type="hidden" {...form.register("id")} />
      <AddressFields options={props.areas} values={values} errors={errorMessages(form.formState.errors)} register={form.register as never} setValue={form.setValue as never} />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("makeDefault")} /> 设为默认地址
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass} disabled={props.busy}>
          保存地址
        </button>
        {props.editing ? (
          <Link to="/account/addresses" className="text-sm text-stone-600 underline">
            取消编辑
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "收货地址 · 我的账号 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
