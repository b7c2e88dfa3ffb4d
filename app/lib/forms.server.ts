import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The text fields of a submitted form (files are left out). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

/** Parses a submitted form with the same zod schema the browser used; the first message per field wins. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  return parseValues(schema, formValues(formData));
}

/** `parseForm` for values an action has already read (and perhaps completed, like the builder's 加入). */
export function parseValues<S extends z.ZodType>(schema: S, values: Record<string, string>): FormResult<z.infer<S>> {
  const result = schema.safeParse(values);
  // what was typed goes back with any later refusal (sold out, code used) as well as with field errors
  if (result.success) return { ok: true, data: result.data, values: withoutSecrets(values) };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: withoutSecrets(values) };
}

/** Typed values come back to the form, except passwords, which are never echoed. */
export function withoutSecrets(values: Record<string, string>) {
  const copy = { ...values };
  for (const key of Object.keys(copy)) if (/password/i.test(key)) delete copy[key];
  return copy;
}

/**
 * Money actions go through a confirm step that needs no JavaScript: the first post comes back as
 * "are you sure" with its values, and only a post carrying `confirmed=yes` (the confirm panel's
 * button) is carried out.
 */
export function isConfirmed(values: Record<string, string>) {
  return values.confirmed === "yes";
}

export interface ConfirmRequest {
  title: string;
  details: string[];
  values: Record<string, string>;
}

export function confirmRequest(title: string, details: string[], values: Record<string, string>): { confirm: ConfirmRequest } {
  const { confirmed: _confirmed, ...rest } = withoutSecrets(values);
  return { confirm: { title, details, values: rest } };
}
