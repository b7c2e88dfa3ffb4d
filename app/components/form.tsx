import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit, type FormProps } from "@remix-run/react";
import { useMemo, useRef, type FormEvent, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type RegisterOptions } from "react-hook-form";
import type { z } from "zod";

interface ServerFormState {
  errors?: Record<string, string> | null;
  values?: Record<string, string> | null;
}

/**
 * react-hook-form on the shared zod schema: the browser checks before sending, the server checks
 * again, and server messages land beside the same fields. Without JavaScript the form posts as usual.
 * The form's values are the schema's input (what a person types); a submit hands the browser's
 * FormData to Remix, so the action parses the same text with `parseForm`.
 */
export function useValidatedForm<Values extends FieldValues, Output>(
  schema: z.ZodType<Output, Values>,
  server: ServerFormState | undefined,
  defaults: DefaultValues<Values>,
  options: { reloadDocument?: boolean } = {},
) {
  const submit = useSubmit();
  const native = useRef(false);
  // react-hook-form applies and focuses the `errors` option whenever its identity changes. Built
  // anew on every render, it sent focus back to the failed field on each keystroke or click
  // elsewhere (issue 15); it must change only when the server answers again. So it follows the
  // identity of the action's own errors object (a new answer, even with the same words, is a new
  // object), and an empty one (a page's `?? {}`) counts as none.
  const serverErrors = server?.errors && Object.keys(server.errors).length ? server.errors : undefined;
  const errors = useMemo(
    () => (serverErrors ? (Object.fromEntries(Object.entries(serverErrors).map(([k, message]) => [k, { type: "server", message }])) as FieldErrors<Values>) : undefined),
    [serverErrors],
  );
  // react-hook-form sets values from a ref after hydration; the server-rendered HTML also needs
  // them as defaultValue, or a form posted without JavaScript comes back empty. Never passwords.
  const initial: Record<string, unknown> = { ...defaults, ...(server?.values ?? {}) };
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver<Values, unknown, Output>(schema),
    defaultValues: { ...defaults, ...(server?.values ?? {}) },
    mode: "onTouched",
    errors,
  });
  const check = form.handleSubmit((_data, event) => {
    const element = event?.target as HTMLFormElement;
    // the button pressed carries the intent (name/value), as it would without JavaScript
    const pressed = (event?.nativeEvent as SubmitEvent | undefined)?.submitter;
    const submitter = pressed instanceof HTMLButtonElement || pressed instanceof HTMLInputElement ? pressed : null;
    if (!options.reloadDocument) return submit(submitter ?? element);
    // A download: once checked, the browser posts the form itself. Not before this task ends: while
    // the first submit event is still being dispatched the browser ignores requestSubmit.
    native.current = true;
    setTimeout(() => element.requestSubmit(submitter));
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (native.current) {
      native.current = false;
      return;
    }
    return check(event);
  };
  function register<N extends Path<Values>>(name: N, rules?: RegisterOptions<Values, N>) {
    const value = initial[name];
    return {
      ...form.register(name, rules),
      ...(typeof value === "string" && !/password/i.test(name) ? { defaultValue: value } : {}),
    };
  }
  return { ...form, register, onSubmit };
}

/**
 * A form checked by its schema in the browser and by the same schema in the action; `server` is the
 * action's answer when it belongs to this form (pages with one form per row pass it to the row it
 * names). The children get the form to register fields and read their errors.
 */
export function ValidatedForm<Values extends FieldValues, Output>({
  schema,
  server,
  defaults,
  children,
  ...props
}: Omit<FormProps, "children" | "onSubmit" | "noValidate"> & {
  schema: z.ZodType<Output, Values>;
  server: ServerFormState | undefined;
  defaults: DefaultValues<Values>;
  children: (form: ValidatedFormApi<Values, Output>) => ReactNode;
}) {
  const form = useValidatedForm(schema, server, defaults, { reloadDocument: props.reloadDocument });
  return (
    <Form method="post" {...props} noValidate onSubmit={form.onSubmit}>
      {children(form)}
    </Form>
  );
}

/** The message beside a field, from the browser's check or the server's answer (any schema's form). */
export function fieldError(form: { formState: { errors: object } }, name: string): string | undefined {
  const error = (form.formState.errors as Record<string, { message?: unknown } | undefined>)[name];
  return typeof error?.message === "string" ? error.message : undefined;
}

export type ValidatedFormApi<Values extends FieldValues, Output> = ReturnType<typeof useValidatedForm<Values, Output>>;

export function Field(props: { label: string; name: string; error?: string; hint?: string; children: ReactNode }) {
  const errorId = `${props.name}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={props.name} className="block text-sm font-medium text-stone-700">
        {props.label}
      </label>
      {props.children}
      {props.hint && !props.error ? <p className="text-xs text-stone-500">{props.hint}</p> : null}
      {props.error ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-600";

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";
