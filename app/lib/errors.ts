// One way to fail. A model throws a DomainError (or a subclass) carrying the HTTP status that fits
// it; a route turns any of them into a response with `errorResponse` (or lets it reach the error
// boundary with `throwAsResponse`), so no route needs an instanceof ladder and no model builds a
// Response. `field` names the form field a message belongs beside, when there is one.
import type { TypedResponse } from "@remix-run/node";

export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 502 | 503;

export class DomainError extends Error {
  readonly status: ErrorStatus;
  readonly field?: string;
  /** What changed meanwhile, as form values (a stock as it is now), for the form to show instead. */
  readonly current?: Record<string, string>;
  constructor(message: string, options: { status?: ErrorStatus; field?: string; current?: Record<string, string> } = {}) {
    super(message);
    this.name = new.target.name;
    this.status = options.status ?? 400;
    this.field = options.field;
    this.current = options.current;
  }
}

/** Something asked for does not exist, or is not the asker's: the same answer for both. */
export class NotFoundError extends DomainError {
  constructor(message = "没有找到", field?: string) {
    super(message, { status: 404, field });
  }
}

/** The asker may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message = "您没有此操作的权限") {
    super(message, { status: 403 });
  }
}

/** The world changed under the request (sold out, status moved, figure edited meanwhile). */
export class ConflictError extends DomainError {
  constructor(message: string, field?: string, current?: Record<string, string>) {
    super(message, { status: 409, field, current });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * The JSON body a route returns for a domain error: `error` for a banner, and `errors` keyed by the
 * field the message belongs beside (`form` when it belongs to the whole form), the same shape
 * `parseForm` gives for invalid input.
 */
export function errorBody(error: DomainError, field = "form"): ErrorBody {
  return { error: error.message, errors: { [error.field ?? field]: error.message } };
}

export interface ErrorBody {
  error: string;
  errors: Record<string, string>;
}

/**
 * Turns a domain error into a JSON response with the error's status (with `extra` merged into the
 * body, such as the values a form should keep); anything else is rethrown for the error boundary.
 * `field` places a message that names no field of its own (a form with a section of its own, say).
 */
export function errorResponse<Extra extends Record<string, unknown> = Record<never, never>>(
  error: unknown,
  extra?: Extra,
  options: { headers?: HeadersInit; field?: string } = {},
): TypedResponse<ErrorBody & Extra> {
  if (!isDomainError(error)) throw error;
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  const body = errorBody(error, options.field);
  return new Response(JSON.stringify({ ...body, ...extra }), { status: error.status, headers });
}

/** For loaders (and actions that answer a missing record): a domain error becomes a thrown Response the error boundary shows. */
export function throwAsResponse(error: unknown, headers?: HeadersInit): never {
  if (!isDomainError(error)) throw error;
  throw new Response(error.message, { status: error.status, headers });
}

/** A unique constraint refused the write (Prisma's P2002, or P2010 when a raw statement hit it). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return (
    e.code === "P2002" ||
    (e.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation") ||
    // a raw statement run straight on the connection (db.server.ts raw)
    e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}
