/**
 * Test support: a full app on the database the suite runs on (in-memory PGlite, or DATABASE_URL),
 * with Redis when REDIS_URL is set, and request helpers that go through `app.fetch`.
 * @module
 */
import type { Hono } from "hono";
import { openDatabase } from "../../db/connection.ts";
import type { Db } from "../../db/types.ts";
import { createApp } from "../../lib/app.ts";
import type { AppEnv, Deps } from "../../lib/app_env.ts";
import { loadConfig } from "../../lib/config.ts";
import { closeDeps, createDeps } from "../../lib/deps.ts";

/** The database URL of the server suite run, if any. */
export const DATABASE_URL = Deno.env.get("DATABASE_URL") || undefined;
/** The Redis URL of the server suite run, if any. */
export const REDIS_URL = Deno.env.get("REDIS_URL") || undefined;

/** A running app for one test file. */
export interface TestApp {
  app: Hono<AppEnv>;
  deps: Deps;
  db: Db;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

/** How to send a test request. */
export interface RequestOptions {
  token?: string;
  key?: string;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

/** A response with its body parsed. */
export interface TestResponse {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
  text: string;
}

// A stream that never ends (the live events stream) is read until it stays quiet, then let go.
const STREAM_IDLE_MS = 500;

async function readBody(res: Response): Promise<string> {
  if (!(res.headers.get("content-type") ?? "").includes("text/event-stream") || !res.body) {
    return await res.text();
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (true) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((r) => timer = setTimeout(() => r(null), STREAM_IDLE_MS)),
    ]);
    clearTimeout(timer);
    if (next === null || next.done) break;
    text += next.value;
  }
  await reader.cancel();
  return text;
}

/** Opens a database for a test: in-memory PGlite, or the server at DATABASE_URL. */
export function openTestDatabase(): Promise<Db> {
  return openDatabase({ url: DATABASE_URL, poolSize: 10 });
}

/** Starts an app; limits are high unless the test sets them. */
export async function startTestApp(options: {
  env?: Record<string, string>;
  logSink?: (level: string, line: string) => void;
  db?: Db;
  /** Share Redis keys and channels with another app (two "processes" of one deployment). */
  kvPrefix?: string;
} = {}): Promise<TestApp> {
  const dataDir = await Deno.makeTempDir({ prefix: "arma-test-" });
  const config = loadConfig({
    LOG_LEVEL: options.logSink ? "info" : "silent",
    JWT_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    DATA_DIR: dataDir,
    PUBLIC_URL: "http://arma.test",
    REDIS_URL,
    RATE_LIMIT_IP_PER_MINUTE: "1000000",
    RATE_LIMIT_USER_PER_HOUR: "1000000",
    RATE_LIMIT_TENANT_PER_DAY: "1000000",
    DEMO_SEED: "false",
    ...options.env,
  });
  const db = options.db ?? await openTestDatabase();
  const deps = await createDeps(config, {
    db,
    kvPrefix: options.kvPrefix ?? `test:${crypto.randomUUID()}:`,
    logSink: options.logSink,
  });
  const app = createApp(deps);
  const request = async (method: string, path: string, o: RequestOptions = {}) => {
    const headers = new Headers(o.headers);
    if (o.token) headers.set("Authorization", `Bearer ${o.token}`);
    if (o.key) headers.set("X-Widget-Key", o.key);
    let body: BodyInit | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      if (!headers.has("content-type")) headers.set("Content-Type", "application/json");
    }
    const res = await app.fetch(new Request(`http://arma.test${path}`, { method, headers, body }));
    const text = await readBody(res);
    let parsed: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    app,
    deps,
    db,
    request,
    async close() {
      if (options.db) await deps.kv.close();
      else await closeDeps(deps);
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

/** A business signed up through the API. */
export interface Business {
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  publishableKey: string;
}

/** Signs up a fresh business with a unique e-mail. */
export async function signupBusiness(t: TestApp, name = "Test Salon"): Promise<Business> {
  const email = `owner-${crypto.randomUUID()}@example.com`;
  const password = "correct horse battery";
  const res = await t.request("POST", "/api/auth/signup", {
    body: { business_name: name, email, password },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return {
    tenantId: res.body.tenant.id,
    userId: res.body.user.id,
    email,
    password,
    token: res.body.access_token,
    refreshToken: res.body.refresh_token,
    publishableKey: res.body.publishable_key,
  };
}

/** A service offering body with sensible defaults. */
export function serviceBody(overrides: Record<string, unknown> = {}) {
  return {
    offering_type: "service",
    name: "Saç Kesimi",
    price: 450,
    category: "Saç",
    meta_info: { duration_minutes: 45 },
    ...overrides,
  };
}

/** A product offering body with sensible defaults. */
export function productBody(overrides: Record<string, unknown> = {}) {
  return {
    offering_type: "product",
    name: "Nemlendirici Krem",
    price: 450,
    category: "Bakım",
    meta_info: { sku: "KREM-001", stock_quantity: 25 },
    ...overrides,
  };
}
