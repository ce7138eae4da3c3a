/**
 * Maps anything thrown while answering a request to the JSON error envelope: domain errors keep
 * their status, database errors caused by the input become 4xx, everything else is a logged 500.
 * @module
 */
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody } from "../services/errors.ts";
import type { Ctx } from "./app_env.ts";

// Postgres errors a caller's input can cause, by SQLSTATE.
const PG_ERRORS: Record<string, [number, string, string]> = {
  "22P02": [400, "invalid_request", "A value has the wrong format"],
  "22001": [400, "invalid_request", "A value is too long"],
  "22021": [400, "invalid_request", "A text value holds bytes that are not valid UTF-8"],
  "22P05": [400, "invalid_request", "A text value holds a character the database cannot store"],
  "2201B": [400, "invalid_request", "A pattern is not valid"],
  "22025": [400, "invalid_request", "A search pattern is not valid"],
  "54000": [400, "invalid_request", "A value is too large"],
  "22003": [400, "invalid_request", "A number is out of range"],
  "22007": [400, "invalid_request", "A date or time is not valid"],
  "22008": [400, "invalid_request", "A date or time is out of range"],
  "23502": [400, "invalid_request", "A required value is missing"],
  "23503": [409, "conflict", "The record refers to, or is referred to by, another record"],
  "23505": [409, "conflict", "A record with these values already exists"],
  "23514": [409, "conflict", "The change breaks a rule of the data"],
  "23P01": [409, "conflict", "The change overlaps an existing record"],
  "40001": [409, "conflict", "A concurrent change got there first; retry"],
  "40P01": [409, "conflict", "A concurrent change got there first; retry"],
};

/** Answers an error as JSON. */
export function handleError(err: Error, c: Ctx): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status as 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? "payload_too_large" : status < 500 ? "bad_request" : "internal";
    return c.json(errorBody(code, err.message || "Request refused"), status);
  }
  const pg = (err as { code?: string }).code;
  const mapped = pg ? PG_ERRORS[pg] : undefined;
  if (mapped) {
    return c.json(errorBody(mapped[1], mapped[2]), mapped[0] as 400);
  }
  c.get("deps")?.logger.error("unhandled error", {
    request_id: c.get("requestId"),
    path: c.req.path,
    error: err.message,
    stack: err.stack,
  });
  return c.json(errorBody("internal", "Something went wrong on our side"), 500);
}
