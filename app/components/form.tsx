import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type RegisterOptions, type Resolver, type UseFormRegister } from "react-hook-form";
import type { z } from "zod";

interface ServerFormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/**
 * react-hook-form on the shared zod schema: the browser checks before sending, the server checks
 * again, and server messages land beside the same fields. Without JavaScript the form posts as usual.
 */
export function useValidatedForm<T extends FieldValues>(
  schema: z.ZodType<T, any>,
  server: ServerFormState | undefined,
  defaults: DefaultValues<T>,
) {
  const submit = useSubmit();
  // react-hook-form re-applies (and re-focuses) its `errors` whenever the object changes: built
  // afresh on each render, a server error loops forever, pulling focus back to the failed field
  // and keeping the form from settling. One object per server answer.
  const serverErrors = server?.errors;
  const errors = useMemo(
    () => (serverErrors ? Object.fromEntries(Object.entries(serverErrors).map(([k, message]) => [k, { type: "server", message }])) : undefined),
    [serverErrors],
  );
  const form = useForm<T>({
    resolver: zodResolver(schema as any) as unknown as Resolver<T>,
    defaultValues: { ...defaults, ...(server?.values ?? {}) } as DefaultValues<T>,
    mode: "onTouched",
    errors,
  } as any);
  const onSubmit = form.handleSubmit((_data, event) => {
    submit(event?.target as HTMLFormElement);
  });
  // react-hook-form sets values from a ref after hydration; the server-rendered HTML also needs
  // them as defaultValue, or a form posted without JavaScript comes back empty. Never passwords.
  const initial: Record<string, unknown> = { ...defaults, ...(server?.values ?? {}) };
  const register = ((name: Path<T>, options?: RegisterOptions<T, Path<T>>) => {
    const value = initial[name];
    return {
      ...form.register(name, options),
      ...(typeof value === "string" && !/password/i.test(name) ? { defaultValue: value } : {}),
    };
  }) as UseFormRegister<T>;
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
