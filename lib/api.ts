/**
 * API endpoints with their contract in one place: who may call, the zod schemas of params, query
 * and body (validated here, and published in the OpenAPI document), and the handler.
 * @module
 */
import { z } from "zod";
import { withTenant } from "../db/tenant.ts";
import type { Tx } from "../db/types.ts";
import { once } from "../services/idempotency.ts";
import { isMember, isOwner, type Principal } from "../services/auth/principal.ts";
import {
  AppError,
  ForbiddenError,
  UnauthorizedError,
  ValidationError,
} from "../services/errors.ts";
import type { Ctx } from "./app_env.ts";
import { bodyTooLarge, MAX_BODY_BYTES } from "./middleware/api_gate.ts";

/**
 * Who may call an endpoint: anyone; the widget (a publishable key) or the business; the business
 * (a user or a secret key); or only an owner (or a secret key).
 */
export type Access = "public" | "widget" | "member" | "owner";

/** The validated input a handler receives. */
export interface Input<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  principal: A extends "public" ? Principal | undefined : Principal;
}

/** An endpoint's contract and handler. */
export interface EndpointSpec<P, Q, B, A extends Access> {
  summary: string;
  description?: string;
  tags?: string[];
  access: A;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Documented success body. */
  response?: z.ZodType;
  /** Success status; 200 unless given. */
  status?: number;
  /** Returns a Response, or a value sent as JSON (undefined sends 204). */
  handle(c: Ctx, input: Input<P, Q, B, A>): Promise<unknown> | unknown;
}

/** A route handler function that carries its spec for the OpenAPI document. */
export type Endpoint = ((c: Ctx) => Promise<Response>) & {
  spec: EndpointSpec<unknown, unknown, unknown, Access>;
};

/** A path id: any UUID. */
export const Id = z.guid({ message: "expected a UUID" });

/** Params of a route with one `:id`. */
export const IdParams = z.object({ id: Id });

function validationDetails(error: z.ZodError, where: string) {
  return {
    issues: error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join("."),
      message: issue.message,
    })),
  };
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string, code: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = first ? [where, ...first.path.map(String)].join(".") : where;
  throw new ValidationError(
    `Invalid ${where}: ${path} ${first?.message ?? "is invalid"}`,
    validationDetails(parsed.error, where),
    code,
  );
}

// Reads a body of at most MAX_BODY_BYTES, also when no Content-Length announced its size.
async function readCapped(request: Request): Promise<string> {
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw bodyTooLarge();
    chunks.push(chunk);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

async function readJson(c: Ctx): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "Request body must be application/json");
  }
  const text = await readCapped(c.req.raw);
  if (text.trim() === "") {
    throw new ValidationError("Request body is required", undefined, "invalid_json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("Request body is not valid JSON", undefined, "invalid_json");
  }
}

/** Refuses a principal that lacks the endpoint's access level. */
export function authorize(principal: Principal | undefined, access: Access): void {
  if (access === "public") return;
  if (!principal) throw new UnauthorizedError();
  if (access === "member" && !isMember(principal)) {
    throw new ForbiddenError("This needs a business account or a secret key");
  }
  if (access === "owner" && !isOwner(principal)) {
    throw new ForbiddenError("Only the business owner can do this", "owner_only");
  }
}

/** Declares an endpoint: validation and access are applied before `handle` runs. */
export function api<P = undefined, Q = undefined, B = undefined, A extends Access = Access>(
  spec: EndpointSpec<P, Q, B, A>,
): Endpoint {
  // What a request without a query string parses to (defaults only), worked out once; each
  // request gets its own copy.
  let defaults: { value: Q } | undefined;
  const parseQuery = (c: Ctx, schema: z.ZodType<Q>): Q => {
    if (!c.req.url.includes("?")) {
      defaults ??= { value: parseWith(schema, {}, "query", "invalid_query") };
      return { ...defaults.value };
    }
    return parseWith(
      schema,
      Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v[0]])),
      "query",
      "invalid_query",
    );
  };
  const run = async (c: Ctx): Promise<Response> => {
    const principal = c.get("principal");
    authorize(principal, spec.access);
    const params = spec.params
      ? parseWith(spec.params, c.req.param(), "path", "invalid_id")
      : undefined as P;
    const query = spec.query ? parseQuery(c, spec.query) : undefined as Q;
    const body = spec.body
      ? parseWith(spec.body, await readJson(c), "body", "invalid_request")
      : undefined as B;
    const result = await spec.handle(c, { params, query, body, principal } as Input<P, Q, B, A>);
    if (result instanceof Response) return result;
    if (result === undefined) return c.body(null, 204);
    return c.json(result as object, (spec.status ?? 200) as 200);
  };
  return Object.assign(run, { spec: spec as EndpointSpec<unknown, unknown, unknown, Access> });
}

/** The tenant of the request's principal. */
export function tenantOf(c: Ctx): string {
  const p = c.get("principal");
  if (!p) throw new UnauthorizedError();
  return p.tenantId;
}

/** Runs `fn` in the request's tenant transaction. */
export function tenantTx<T>(c: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(c.get("deps").db, tenantOf(c), fn);
}

/** The acting user's id, or null for keys. */
export function actorId(c: Ctx): string | null {
  const p = c.get("principal");
  return p?.kind === "user" ? p.userId : null;
}

/** The request's idempotency key: the `Idempotency-Key` header, or one given in the body. */
export function idempotencyKeyOf(c: Ctx, fromBody?: string): string | undefined {
  const header = c.req.header("idempotency-key")?.trim();
  if (header !== undefined && (header.length < 8 || header.length > 255)) {
    throw new ValidationError("Idempotency-Key must be 8 to 255 characters", {
      field: "Idempotency-Key",
    });
  }
  return header || fromBody;
}

/**
 * Runs a write in the request's tenant transaction, once per idempotency key when one is given;
 * a repeat gets the first call's status and body, marked as replayed.
 */
export async function idempotentWrite<T>(
  c: Ctx,
  scope: string,
  key: string | undefined,
  request: unknown,
  status: number,
  fn: (tx: Tx) => Promise<T>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  return await tenantTx(c, async (tx) => {
    if (!key) return { status, body: await fn(tx), replayed: false };
    return await once(tx, scope, key, request, async () => ({ status, body: await fn(tx) }));
  });
}

/** Answers an idempotent write (`Idempotent-Replayed: true` on repeats). */
export function idempotentResponse(result: { status: number; body: unknown; replayed: boolean }) {
  const res = Response.json(result.body, { status: result.status });
  if (result.replayed) res.headers.set("Idempotent-Replayed", "true");
  return res;
}
