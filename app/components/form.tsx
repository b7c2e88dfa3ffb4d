import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
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
) {
  const submit = useSubmit();
  const serverErrors = server?.errors;
  // react-hook-form applies and focuses the `errors` option whenever its identity changes. Built
  // anew on every render, it sent focus back to the failed field on each keystroke or click
  // elsewhere (issue 15); it must change only when the server answers again.
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
  const onSubmit = form.handleSubmit((_data, event) => {
    submit(event?.target as HTMLFormElement);
  });
  function register<N extends Path<Values>>(name: N, options?: RegisterOptions<Values, N>) {
    const value = initial[name];
    return {
      ...form.register(name, options),
      ...(typeof value === "string" && !/password/i.test(name) ? { defaultValue: value } : {}),
    };
  }
  return { ...form, register, onSubmit };
}

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
