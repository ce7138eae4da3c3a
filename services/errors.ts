/**
 * Domain errors. Services throw them; one middleware maps them to HTTP statuses and the JSON
 * envelope `{ error: { code, message, details? } }`.
 * @module
 */

/** An error the caller can act on: it carries an HTTP status and a machine-readable code. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** 400: the request is malformed or fails validation. */
export class ValidationError extends AppError {
  constructor(message: string, details?: unknown, code = "invalid_request") {
    super(400, code, message, details);
    this.name = "ValidationError";
  }
}

/** 401: no credentials, or credentials that are not valid. */
export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required", code = "unauthorized") {
    super(401, code, message);
    this.name = "UnauthorizedError";
  }
}

/** 403: valid credentials without the right to do this. */
export class ForbiddenError extends AppError {
  constructor(message = "Not allowed", code = "forbidden") {
    super(403, code, message);
    this.name = "ForbiddenError";
  }
}

/** 404: nothing of that id for this tenant. */
export class NotFoundError extends AppError {
  constructor(what: string, code = "not_found") {
    super(404, code, `${what} not found`);
    this.name = "NotFoundError";
  }
}

/** 409: the request conflicts with the current state. */
export class ConflictError extends AppError {
  constructor(message: string, code = "conflict", details?: unknown) {
    super(409, code, message, details);
    this.name = "ConflictError";
  }
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Builds the JSON error envelope. */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
