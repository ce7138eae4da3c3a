/**
 * Reads Arma's configuration from environment variables, once, at start.
 *
 * Every variable is optional; a bad value stops the start with a message that names the variable.
 * @module
 */
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();

const optionalUrl = z.url().optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").optional(),
  DATABASE_POOL_SIZE: positiveInt.max(200).default(20),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: optionalUrl,
  GEMINI_API_KEY: z.string().min(1).optional(),
  GEMINI_MODEL: z.string().min(1).default("gemini-2.5-flash"),
  GEMINI_BASE_URL: optionalUrl,
  STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must start with sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
  STRIPE_API_BASE: optionalUrl,
  TWILIO_ACCOUNT_SID: z.string().startsWith("AC", "must start with AC").optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().min(1).optional(),
  TWILIO_API_BASE: optionalUrl,
  NETGSM_USERCODE: z.string().min(1).optional(),
  NETGSM_PASSWORD: z.string().min(1).optional(),
  NETGSM_HEADER: z.string().min(1).max(11).optional(),
  NETGSM_API_URL: optionalUrl,
  IYZICO_API_KEY: z.string().min(1).optional(),
  IYZICO_SECRET_KEY: z.string().min(1).optional(),
  IYZICO_BASE_URL: z.url().default("https://api.iyzipay.com"),
  PAYMENT_PROVIDER: z.enum(["manual", "stripe", "iyzico"]).optional(),
  SMS_PROVIDER: z.enum(["outbox", "twilio", "netgsm"]).optional(),
  FIRECRAWL_API_KEY: z.string().min(1).optional(),
  FIRECRAWL_API_URL: optionalUrl,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  RATE_LIMIT_IP_PER_MINUTE: positiveInt.default(100),
  RATE_LIMIT_USER_PER_HOUR: positiveInt.default(1000),
  RATE_LIMIT_TENANT_PER_DAY: positiveInt.default(10000),
  DEMO_SEED: z.enum(["true", "false"]).default("true"),
  JOB_LEASE_SECONDS: positiveInt.max(86400).default(120),
  // Two working turns per core by default (at least four).
  CHAT_TURN_CONCURRENCY: positiveInt.max(10000).default(
    Math.max(4, 2 * navigator.hardwareConcurrency),
  ),
  SCRAPE_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
});

/** Log levels in increasing order of severity. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Limits applied to every API request: requests allowed per window. */
export interface RateLimits {
  ipPerMinute: number;
  userPerHour: number;
  tenantPerDay: number;
}

/** Arma's configuration, derived from the environment. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  databasePoolSize: number;
  redisUrl?: string;
  dataDir: string;
  jwtSecret?: string;
  publicUrl?: string;
  gemini: { apiKey?: string; model: string; baseUrl?: string };
  stripe: { secretKey?: string; webhookSecret?: string; apiBase?: string };
  twilio: { accountSid?: string; authToken?: string; from?: string; apiBase?: string };
  netgsm: { usercode?: string; password?: string; header?: string; apiUrl?: string };
  iyzico: { apiKey?: string; secretKey?: string; baseUrl: string };
  /** The payment provider: the one named, else the first configured, else manual. */
  paymentProvider: "manual" | "stripe" | "iyzico";
  /** The SMS provider: the one named, else the first configured, else the outbox. */
  smsProvider: "outbox" | "twilio" | "netgsm";
  firecrawl: { apiKey?: string; apiUrl?: string };
  logLevel: LogLevel;
  trustProxy: boolean;
  rateLimits: RateLimits;
  demoSeed: boolean;
  /** How long a running job stays with its worker before another worker may take it over. */
  jobLeaseSeconds: number;
  /** How many assistant turns one process works on at once (waits for the model not counted). */
  chatTurnConcurrency: number;
  /** Whether the built-in crawler may read private addresses (development and tests only). */
  scrapeAllowPrivate: boolean;
}

/** Raised when an environment variable holds a value Arma cannot use. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function requireTogether(e: Record<string, unknown>, ...names: string[]): void {
  const set = names.filter((n) => e[n] !== undefined);
  if (set.length > 0 && set.length < names.length) {
    const missing = names.find((n) => e[n] === undefined)!;
    throw new ConfigError(
      `Cannot start: environment variable ${missing} is missing: it is needed with ${
        set.join(", ")
      }`,
    );
  }
}

function requireSet(e: Record<string, unknown>, by: string, name: string): void {
  if (e[name] === undefined) {
    throw new ConfigError(
      `Cannot start: environment variable ${by} is invalid: it needs ${name} to be set`,
    );
  }
}

/** Parses the environment into a Config, naming the first bad variable on failure. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(
      `Cannot start: environment variable ${name} is invalid: ${issue.message}`,
    );
  }
  const e = parsed.data;
  requireTogether(e, "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET");
  requireTogether(e, "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM");
  requireTogether(e, "NETGSM_USERCODE", "NETGSM_PASSWORD", "NETGSM_HEADER");
  requireTogether(e, "IYZICO_API_KEY", "IYZICO_SECRET_KEY");
  if (e.PAYMENT_PROVIDER === "stripe") requireSet(e, "PAYMENT_PROVIDER", "STRIPE_SECRET_KEY");
  if (e.PAYMENT_PROVIDER === "iyzico") requireSet(e, "PAYMENT_PROVIDER", "IYZICO_API_KEY");
  if (e.SMS_PROVIDER === "twilio") requireSet(e, "SMS_PROVIDER", "TWILIO_ACCOUNT_SID");
  if (e.SMS_PROVIDER === "netgsm") requireSet(e, "SMS_PROVIDER", "NETGSM_USERCODE");
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ""),
    gemini: { apiKey: e.GEMINI_API_KEY, model: e.GEMINI_MODEL, baseUrl: e.GEMINI_BASE_URL },
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      apiBase: e.STRIPE_API_BASE,
    },
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      from: e.TWILIO_FROM,
      apiBase: e.TWILIO_API_BASE,
    },
    netgsm: {
      usercode: e.NETGSM_USERCODE,
      password: e.NETGSM_PASSWORD,
      header: e.NETGSM_HEADER,
      apiUrl: e.NETGSM_API_URL,
    },
    iyzico: {
      apiKey: e.IYZICO_API_KEY,
      secretKey: e.IYZICO_SECRET_KEY,
      baseUrl: e.IYZICO_BASE_URL,
    },
    paymentProvider: e.PAYMENT_PROVIDER ??
      (e.STRIPE_SECRET_KEY ? "stripe" : e.IYZICO_API_KEY ? "iyzico" : "manual"),
    smsProvider: e.SMS_PROVIDER ??
      (e.TWILIO_ACCOUNT_SID ? "twilio" : e.NETGSM_USERCODE ? "netgsm" : "outbox"),
    firecrawl: { apiKey: e.FIRECRAWL_API_KEY, apiUrl: e.FIRECRAWL_API_URL },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "true",
    rateLimits: {
      ipPerMinute: e.RATE_LIMIT_IP_PER_MINUTE,
      userPerHour: e.RATE_LIMIT_USER_PER_HOUR,
      tenantPerDay: e.RATE_LIMIT_TENANT_PER_DAY,
    },
    demoSeed: e.DEMO_SEED === "true",
    jobLeaseSeconds: e.JOB_LEASE_SECONDS,
    chatTurnConcurrency: e.CHAT_TURN_CONCURRENCY,
    scrapeAllowPrivate: e.SCRAPE_ALLOW_PRIVATE === "true",
  };
}
