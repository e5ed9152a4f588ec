/** The one error type the domain throws; http/error-handler.ts maps each code to a status. */

export type AppErrorCode =
  /** Body, query or path does not match the schema (details name each field). */
  | 'validation_failed'
  /** No or bad credentials. */
  | 'unauthenticated'
  /** Authenticated, but the role or scope may not do this. */
  | 'forbidden'
  /** No such resource visible to the caller. */
  | 'not_found'
  /** The action is not allowed in the return's current status. */
  | 'invalid_transition'
  /** More units than delivered minus already in open or completed returns, or than received. */
  | 'quantity_exceeds_returnable'
  /** A refund would exceed what was paid for the returned lines. */
  | 'already_refunded'
  /** The same Idempotency-Key was sent with a different body. */
  | 'idempotency_key_reused'
  /** Anything else that clashes with current state (duplicate SKU, order number, short stock…). */
  | 'conflict'
  /** The body is over the size limit. */
  | 'payload_too_large'
  /** The return policy forbids it outright (details: each line and the rule). */
  | 'not_eligible'
  /** Too many failed attempts from this client. */
  | 'rate_limited'
  /** Something unexpected; the response carries only a request id. */
  | 'internal_error';

export const httpStatusByCode: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  quantity_exceeds_returnable: 409,
  already_refunded: 409,
  idempotency_key_reused: 409,
  conflict: 409,
  payload_too_large: 413,
  not_eligible: 422,
  rate_limited: 429,
  internal_error: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** A 400 naming one field, for checks the schema cannot express (unknown SKU, sums). */
export function invalidField(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

/** A 404 for a resource the caller cannot see. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}
