/**
 * A fake Stripe API on loopback: Checkout Sessions create, retrieve and expire with Stripe's
 * form-encoded bodies, Bearer secret-key auth, `Idempotency-Key` replay and Stripe-shaped JSON and
 * errors. Also signs webhook payloads the way Stripe does (`t=…,v1=…`).
 * @module
 */

/** One request the fake received. */
export interface StripeRecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The form body decoded into nested objects and arrays. */
  body: Record<string, unknown>;
  rawBody: string;
}

/** A Checkout Session as the fake stores and returns it. */
export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  [key: string]: unknown;
}

/** A running fake Stripe server. */
export interface FakeStripe {
  url: string;
  requests: StripeRecordedRequest[];
  /** Sessions by id, in creation order. */
  sessions: Map<string, FakeCheckoutSession>;
  /** How many distinct sessions were created (idempotent replays do not count). */
  readonly createdCount: number;
  /** Marks a session paid, as when the customer finishes the hosted page, and returns it. */
  completeSession(id: string, paymentStatus?: "paid" | "unpaid"): FakeCheckoutSession;
  /** While on, requests are carried out but not answered (a provider that goes silent). */
  stallResponses(on: boolean): void;
  close(): Promise<void>;
}

/** Starts the fake; requests must carry `Authorization: Bearer <secretKey>`. */
export function startFakeStripe(options: { secretKey: string }): FakeStripe {
  const requests: StripeRecordedRequest[] = [];
  const sessions = new Map<string, FakeCheckoutSession>();
  const replays = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  let created = 0;
  let url = "";
  let stalling = false;
  const stalled = new Set<() => void>();

  const handler = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    const rawBody = req.method === "GET" ? "" : await req.text();
    const headers = Object.fromEntries(req.headers);
    const body = parseStripeForm(rawBody);
    requests.push({ method: req.method, path, headers, body, rawBody });

    if (req.headers.get("authorization") !== `Bearer ${options.secretKey}`) {
      const key = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
      return stripeError(401, {
        type: "invalid_request_error",
        message: `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(8)}`,
      });
    }

    const idempotencyKey = req.method === "POST" ? req.headers.get("idempotency-key") : null;
    const fingerprint = `${req.method} ${path} ${rawBody}`;
    if (idempotencyKey) {
      const seen = replays.get(idempotencyKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          return stripeError(400, {
            type: "idempotency_error",
            message:
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          });
        }
        return Response.json(seen.body, {
          status: seen.status,
          headers: { "idempotency-key": idempotencyKey, "idempotent-replayed": "true" },
        });
      }
    }

    const answer = route(req.method, path, body);
    if (idempotencyKey && answer.status < 500) {
      replays.set(idempotencyKey, { fingerprint, status: answer.status, body: answer.body });
    }
    const extra: Record<string, string> = { "request-id": `req_${randomId(14)}` };
    if (idempotencyKey) extra["idempotency-key"] = idempotencyKey;
    if (stalling) await new Promise<void>((resolve) => stalled.add(resolve));
    return Response.json(answer.body, { status: answer.status, headers: extra });
  };

  const route = (
    method: string,
    path: string,
    body: Record<string, unknown>,
  ): { status: number; body: unknown } => {
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(body);
    const one = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    if (one) {
      const session = sessions.get(one[1]!);
      if (!session) {
        return errorBody(404, {
          type: "invalid_request_error",
          code: "resource_missing",
          param: "session",
          message: `No such checkout.session: '${one[1]}'`,
        });
      }
      if (method === "GET" && !one[2]) return { status: 200, body: session };
      if (method === "POST" && one[2]) {
        if (session.status !== "open") {
          return errorBody(400, {
            type: "invalid_request_error",
            message: `Only Checkout Sessions with a status in ["open"] can be expired. This ` +
              `Checkout Session has a status of "${session.status}".`,
          });
        }
        session.status = "expired";
        session.url = null;
        return { status: 200, body: session };
      }
    }
    return errorBody(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  };

  const createSession = (p: Record<string, unknown>): { status: number; body: unknown } => {
    const invalid = (param: string, message: string) =>
      errorBody(400, { type: "invalid_request_error", code: "parameter_invalid", param, message });
    if (p.mode !== "payment") return invalid("mode", "This fake supports mode=payment only.");
    if (typeof p.success_url !== "string") {
      return invalid("success_url", "Missing required param: success_url.");
    }
    const items = Array.isArray(p.line_items) ? p.line_items as Record<string, unknown>[] : [];
    if (items.length === 0) return invalid("line_items", "Missing required param: line_items.");
    let subtotal = 0;
    let currency: string | null = typeof p.currency === "string" ? p.currency : null;
    for (const [i, item] of items.entries()) {
      const price = item.price_data as Record<string, unknown> | undefined;
      const unit = Number(price?.unit_amount);
      const quantity = Number(item.quantity ?? 1);
      if (!price || !Number.isInteger(unit) || unit < 0) {
        return invalid(`line_items[${i}][price_data][unit_amount]`, "Invalid integer.");
      }
      if (!Number.isInteger(quantity) || quantity < 1) {
        return invalid(`line_items[${i}][quantity]`, "Invalid integer.");
      }
      const itemCurrency = String(price.currency ?? "");
      if (currency && itemCurrency !== currency) {
        return invalid(`line_items[${i}][price_data][currency]`, "Currencies must match.");
      }
      currency = itemCurrency;
      subtotal += unit * quantity;
    }
    const now = Math.floor(Date.now() / 1000);
    let expiresAt = now + 24 * 3600;
    if (p.expires_at !== undefined) {
      expiresAt = Number(p.expires_at);
      if (!Number.isInteger(expiresAt) || expiresAt < now + 30 * 60 || expiresAt > now + 86400) {
        return invalid(
          "expires_at",
          "The `expires_at` timestamp must be between 30 minutes and 24 hours from creation.",
        );
      }
    }
    const id = `cs_test_${randomId(58)}`;
    const session: FakeCheckoutSession = {
      id,
      object: "checkout.session",
      amount_subtotal: subtotal,
      amount_total: subtotal,
      cancel_url: p.cancel_url ?? null,
      client_reference_id: p.client_reference_id ?? null,
      created: now,
      currency,
      customer: null,
      customer_email: p.customer_email ?? null,
      expires_at: expiresAt,
      livemode: false,
      locale: p.locale ?? null,
      metadata: p.metadata ?? {},
      mode: "payment",
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: p.success_url,
      url: `${url}/c/pay/${id}`,
    };
    sessions.set(id, session);
    created++;
    return { status: 200, body: session };
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  url = `http://127.0.0.1:${server.addr.port}`;

  return {
    url,
    requests,
    sessions,
    get createdCount() {
      return created;
    },
    completeSession(id, paymentStatus = "paid") {
      const session = sessions.get(id);
      if (!session) throw new Error(`Fake Stripe has no session ${id}`);
      session.status = "complete";
      session.payment_status = paymentStatus;
      session.payment_intent = `pi_${randomId(24)}`;
      session.url = null;
      return session;
    },
    stallResponses(on) {
      stalling = on;
      if (on) return;
      for (const release of stalled) release();
      stalled.clear();
    },
    async close() {
      for (const release of stalled) release();
      stalled.clear();
      await server.shutdown();
    },
  };
}

/** Builds a Stripe event JSON object around a Checkout Session. */
export function stripeEvent(
  type:
    | "checkout.session.completed"
    | "checkout.session.expired"
    | "checkout.session.async_payment_succeeded"
    | "checkout.session.async_payment_failed"
    | string,
  session: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: `evt_${randomId(24)}`,
    object: "event",
    api_version: "2025-01-27.acacia",
    created: Math.floor(Date.now() / 1000),
    data: { object: structuredClone(session) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** Signs a webhook payload as Stripe does: `t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`. */
export async function signStripeWebhook(
  payload: string,
  secret: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`${timestamp}.${payload}`),
  );
  const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
  return `t=${timestamp},v1=${hex}`;
}

/** Decodes Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
export function parseStripeForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!m) continue;
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]!);
      const container = node as Record<string, unknown>;
      const slot = Array.isArray(node) && segment === "" ? node.length : segment;
      if (last) {
        container[slot] = value;
      } else {
        container[slot] ??= nextIsIndex ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    }
  }
  return root;
}

function stripeError(
  status: number,
  error: { type: string; message: string; code?: string; param?: string },
): Response {
  return Response.json({ error }, { status, headers: { "request-id": `req_${randomId(14)}` } });
}

function errorBody(
  status: number,
  error: { type: string; message: string; code?: string; param?: string },
): { status: number; body: unknown } {
  return { status, body: { error } };
}

function randomId(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => alphabet[b % 62]).join(
    "",
  );
}
