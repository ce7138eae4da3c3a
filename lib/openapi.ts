/**
 * The OpenAPI 3.1 document, generated from the endpoints' zod schemas.
 * @module
 */
import { z } from "zod";
import type { Endpoint } from "./api.ts";
import type { Manifest, Method } from "./router.ts";

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output" = "input"): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
};

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
    },
  },
};

function parametersOf(spec: Endpoint["spec"]): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema);
    const props = (json.properties ?? {}) as Record<string, Json>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({
        name,
        in: where,
        required: where === "path" || (required.has(name) && s.default === undefined),
        schema: s,
        ...(s.description ? { description: s.description } : {}),
      });
    }
  }
  return out;
}

const SECURITY: Record<string, Json[]> = {
  public: [],
  widget: [{ bearer: [] }, { widgetKey: [] }],
  member: [{ bearer: [] }],
  owner: [{ bearer: [] }],
};

/** Builds the OpenAPI document for every endpoint in the manifest. */
export function buildOpenApi(manifest: Manifest, serverUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of manifest.routes) {
    const handler = route.module.handler;
    if (!handler || typeof handler === "function") continue;
    const path = route.pattern.replace(/:(\w+)/g, "{$1}");
    for (const [method, fn] of Object.entries(handler) as [Method, Endpoint][]) {
      const spec = fn?.spec;
      if (!spec) continue;
      const status = String(spec.status ?? 200);
      const responses: Json = {
        [status]: status === "204" ? { description: "No content" } : {
          description: "Success",
          content: {
            "application/json": { schema: spec.response ? toSchema(spec.response, "output") : {} },
          },
        },
        default: {
          description: "Error",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      };
      (paths[path] ??= {})[method.toLowerCase()] = {
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        tags: spec.tags ?? [],
        operationId: `${method.toLowerCase()}${
          path.replace(/[{}]/g, "").replace(
            /[^a-zA-Z0-9]+(.)?/g,
            (_, ch) => (ch ?? "").toUpperCase(),
          )
        }`,
        security: SECURITY[spec.access],
        "x-access": spec.access,
        parameters: parametersOf(spec),
        ...(spec.body
          ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(spec.body) } },
            },
          }
          : {}),
        responses,
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Arma API",
      version: "1.0.0",
      description:
        "The assistant platform for small businesses in Turkey. Errors are JSON: { error: { code, message, details? } }.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A dashboard access token (JWT, 15 minutes) or a secret key sk_…",
        },
        widgetKey: {
          type: "apiKey",
          in: "header",
          name: "X-Widget-Key",
          description: "A publishable key pk_…",
        },
      },
    },
  };
}
