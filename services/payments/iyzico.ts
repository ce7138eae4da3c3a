/**
 * iyzico: the hosted Checkout Form, spoken over `fetch` with IYZWSv2 request signing (no SDK; the
 * official Node package is callback-based CommonJS on `request`). Responses that carry a
 * `signature` are verified with the merchant's secret key before anything is believed.
 * @module
 */
import type { CheckoutRequest, CheckoutSession, PaymentOutcome, PaymentProvider } from "./types.ts";
import { PaymentProviderError } from "./types.ts";

/** Settings for the iyzico provider. */
export interface IyzicoConfig {
  apiKey: string;
  secretKey: string;
  /** `https://api.iyzipay.com`, `https://sandbox-api.iyzipay.com`, or a fake's address. */
  baseUrl: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Address used for buyer and billing when an order has none (pick-up orders). */
  fallbackAddress?: { address: string; city: string };
}

/** The iyzico provider. */
export interface IyzicoProvider extends PaymentProvider {
  readonly name: "iyzico";
}

/** iyzico refused or could not be reached. */
export class IyzicoError extends PaymentProviderError {}

/** An iyzico response whose `signature` is missing or does not match its fields. */
export class IyzicoSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IyzicoSignatureError";
  }
}

/** Checkout Form initialise path (also the signed URI of the IYZWSv2 header). */
export const INITIALIZE_PATH = "/payment/iyzipos/checkoutform/initialize/auth/ecom";
/** Checkout Form result path. */
export const RETRIEVE_PATH = "/payment/iyzipos/checkoutform/auth/ecom/detail";

/** iyzico's sandbox documentation uses this identity number for buyers who gave none. */
const PLACEHOLDER_IDENTITY = "11111111111";
/** The order does not carry the customer's IP; iyzico requires one. */
const UNKNOWN_IP = "127.0.0.1";
const DEFAULT_ADDRESS = { address: "Mağazadan teslim", city: "Istanbul" };
const SHIPPING_NAME = { tr: "Kargo", en: "Shipping" } as const;

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keyCache.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `data` with `secret`, lower-case hex: iyzico's request and response signatures. */
export async function hmacSha256Hex(secret: string, data: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(data));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Builds the IYZWSv2 `Authorization` value for a request body sent to `path`. */
export async function iyzicoAuthorization(
  apiKey: string,
  secretKey: string,
  randomKey: string,
  path: string,
  body: string,
): Promise<string> {
  const signature = await hmacSha256Hex(secretKey, randomKey + path + body);
  const params = `apiKey:${apiKey}&randomKey:${randomKey}&signature:${signature}`;
  return `IYZWSv2 ${btoa(params)}`;
}

/** Formats kuruş as iyzico's SDKs send prices: "150.0", "149.9", "149.95". */
export function iyzicoPrice(kurus: number): string {
  const fixed = (kurus / 100).toFixed(2);
  return fixed.endsWith("0") ? fixed.slice(0, -1) : fixed;
}

/** A price as iyzico puts it into a response signature: trailing zeros gone ("10.50" → "10.5"). */
export function signaturePrice(value: unknown): string {
  const s = value === undefined || value === null ? "" : String(value);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** The signature iyzico puts on a Checkout Form initialise response. */
export function initializeSignature(secretKey: string, r: IyzicoResponse): Promise<string> {
  return hmacSha256Hex(secretKey, [field(r.conversationId), field(r.token)].join(":"));
}

/** The signature iyzico puts on a Checkout Form result. */
export function retrieveSignature(secretKey: string, r: IyzicoResponse): Promise<string> {
  const parts = [
    field(r.paymentStatus),
    field(r.paymentId),
    field(r.currency),
    field(r.basketId),
    field(r.conversationId),
    signaturePrice(r.paidPrice),
    signaturePrice(r.price),
    field(r.token),
  ];
  return hmacSha256Hex(secretKey, parts.join(":"));
}

/** The fields of an iyzico JSON response that Arma reads. */
export interface IyzicoResponse {
  status?: string;
  errorCode?: string;
  errorMessage?: string;
  locale?: string;
  systemTime?: number;
  conversationId?: string;
  token?: string;
  tokenExpireTime?: number;
  paymentPageUrl?: string;
  checkoutFormContent?: string;
  paymentStatus?: string;
  paymentId?: string;
  price?: number | string;
  paidPrice?: number | string;
  currency?: string;
  basketId?: string;
  signature?: string;
}

/** Builds the Checkout Form initialise body for an order. */
export function checkoutFormBody(
  request: CheckoutRequest,
  fallback = DEFAULT_ADDRESS,
): Record<string, unknown> {
  assertTotals(request);
  const items = request.lines
    .map((line, i) => ({
      id: `L${i + 1}`,
      name: line.quantity > 1 ? `${line.name} × ${line.quantity}` : line.name,
      category1: "Genel",
      itemType: "PHYSICAL",
      // A basket item has no quantity: its price is the line's total.
      kurus: line.unitAmountKurus * line.quantity,
    }))
    .filter((item) => item.kurus > 0); // iyzico refuses zero-priced items
  if (request.shippingKurus > 0) {
    items.push({
      id: "SHIPPING",
      name: SHIPPING_NAME[request.locale],
      category1: "Kargo",
      itemType: "PHYSICAL",
      kurus: request.shippingKurus,
    });
  }
  const c = request.customer;
  const digits = c.phone.replace(/\D/g, "");
  const [name, surname] = splitName(c.name);
  const street = c.address
    ? [c.address.street, c.address.district].filter(Boolean).join(", ")
    : fallback.address;
  const city = c.address?.city || fallback.city;
  const zipCode = c.address?.postal_code || undefined;
  const address = { contactName: c.name.trim() || name, city, country: "Turkey", address: street };
  return {
    locale: request.locale,
    conversationId: request.orderNumber,
    price: iyzicoPrice(request.totalKurus),
    paidPrice: iyzicoPrice(request.totalKurus),
    currency: request.currency,
    basketId: encodeBasketId(request.tenantId, request.orderId),
    paymentGroup: "PRODUCT",
    callbackUrl: request.callbackUrl,
    buyer: {
      id: digits || request.orderId,
      name,
      surname,
      gsmNumber: c.phone,
      email: c.email || `${digits}@musteri.arma.local`,
      identityNumber: PLACEHOLDER_IDENTITY,
      registrationAddress: street,
      city,
      country: "Turkey",
      zipCode,
      ip: UNKNOWN_IP,
    },
    shippingAddress: { ...address, zipCode },
    billingAddress: { ...address, zipCode },
    basketItems: items.map(({ kurus, ...item }) => ({ ...item, price: iyzicoPrice(kurus) })),
  };
}

/** Creates the iyzico provider. */
export function createIyzicoProvider(config: IyzicoConfig): IyzicoProvider {
  return {
    name: "iyzico",
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const body = checkoutFormBody(request, config.fallbackAddress);
      const response = await post(config, INITIALIZE_PATH, body, "Cannot open iyzico checkout");
      if (response.status !== "success") throw refusal("Cannot open iyzico checkout", response);
      if (!response.token || !response.paymentPageUrl) {
        throw new IyzicoError("Cannot open iyzico checkout: no token or page in the answer", false);
      }
      if (response.signature !== undefined) {
        const expected = await initializeSignature(config.secretKey, response);
        if (!safeEqual(response.signature, expected)) {
          throw new IyzicoSignatureError(
            "Cannot open iyzico checkout: the answer's signature does not match",
          );
        }
      }
      const seconds = typeof response.tokenExpireTime === "number"
        ? response.tokenExpireTime
        : 1800;
      return {
        provider: "iyzico",
        reference: response.token,
        url: response.paymentPageUrl,
        expiresAt: new Date(Date.now() + seconds * 1000),
        instructions: null,
      };
    },
  };
}

/**
 * Asks iyzico how the checkout behind `token` ended (the callback only carries the token). Throws
 * `IyzicoSignatureError` when the answer is not signed by our secret key, and `IyzicoError` when
 * there is no outcome yet or iyzico refuses.
 */
export async function retrieveIyzicoPayment(
  config: IyzicoConfig,
  token: string,
): Promise<PaymentOutcome> {
  const body = { locale: "tr", conversationId: token, token };
  const r = await post(config, RETRIEVE_PATH, body, "Cannot read iyzico payment");
  const paid = r.status === "success" && r.paymentStatus === "SUCCESS";
  const failed = r.paymentStatus === "FAILURE";
  if (!paid && !failed) throw refusal("Cannot read iyzico payment", r);
  // A paid answer must be signed; a failure is checked whenever iyzico signed it.
  if (paid || r.signature !== undefined) {
    const expected = await retrieveSignature(config.secretKey, r);
    if (typeof r.signature !== "string" || !safeEqual(r.signature, expected)) {
      throw new IyzicoSignatureError(
        "Cannot read iyzico payment: the answer's signature is missing or does not match",
      );
    }
  }
  if (r.token !== undefined && r.token !== token) {
    throw new IyzicoSignatureError("Cannot read iyzico payment: the answer is for another token");
  }
  const ids = decodeBasketId(r.basketId);
  if (!ids) {
    throw new IyzicoError(
      `Cannot read iyzico payment: basket "${r.basketId}" is not Arma's`,
      false,
    );
  }
  const status = paid ? "paid" : "failed";
  return {
    provider: "iyzico",
    status,
    tenantId: ids.tenantId,
    orderId: ids.orderId,
    reference: r.paymentId || token,
    amountKurus: paid ? toKurus(r.paidPrice) : null,
    eventId: `iyzico:${token}:${status}`,
  };
}

/** Puts tenant and order into iyzico's basket id, which its result echoes back. */
export function encodeBasketId(tenantId: string, orderId: string): string {
  return `${tenantId}:${orderId}`;
}

/** Reads tenant and order back from a basket id; null when it is not one of ours. */
export function decodeBasketId(
  basketId: string | undefined,
): { tenantId: string; orderId: string } | null {
  const at = basketId?.indexOf(":") ?? -1;
  if (!basketId || at <= 0 || at === basketId.length - 1) return null;
  return { tenantId: basketId.slice(0, at), orderId: basketId.slice(at + 1) };
}

async function post(
  config: IyzicoConfig,
  path: string,
  payload: Record<string, unknown>,
  action: string,
): Promise<IyzicoResponse> {
  const body = JSON.stringify(payload);
  const randomKey = `${Date.now()}${crypto.getRandomValues(new Uint32Array(1))[0]}`;
  const authorization = await iyzicoAuthorization(
    config.apiKey,
    config.secretKey,
    randomKey,
    path,
    body,
  );
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs ?? 20_000);
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(path, config.baseUrl), {
      method: "POST",
      headers: {
        "Authorization": authorization,
        "Content-Type": "application/json",
        "Accept": "application/json",
        "x-iyzi-rnd": randomKey,
        "x-iyzi-client-version": "arma",
      },
      body,
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new IyzicoError(`${action}: ${detail}`, true);
  } finally {
    clearTimeout(timer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IyzicoError(
      `${action}: HTTP ${response.status} without a JSON answer`,
      response.status >= 500 || response.status === 429,
    );
  }
  if (typeof parsed !== "object" || parsed === null) {
    throw new IyzicoError(`${action}: unexpected answer`, response.status >= 500);
  }
  const r = parsed as IyzicoResponse;
  if (response.status >= 500 && r.status !== "success") {
    throw new IyzicoError(`${action}: HTTP ${response.status}`, true, r.errorCode ?? null);
  }
  return r;
}

function refusal(action: string, r: IyzicoResponse): IyzicoError {
  const code = r.errorCode ?? null;
  const message = r.errorMessage ?? (r.paymentStatus ? `payment is ${r.paymentStatus}` : "refused");
  // A refusal in a well-formed answer is final; only transport failures and 5xx are retried.
  return new IyzicoError(`${action}: ${message}${code ? ` (${code})` : ""}`, false, code);
}

function assertTotals(request: CheckoutRequest): void {
  const sum = request.lines.reduce((s, l) => s + l.unitAmountKurus * l.quantity, 0) +
    request.shippingKurus;
  if (sum !== request.totalKurus) {
    throw new RangeError(
      `Cannot open checkout: lines and shipping add up to ${sum} kuruş, the order says ${request.totalKurus}`,
    );
  }
  if (request.totalKurus <= 0) throw new RangeError("Cannot open checkout: the total is zero");
}

function splitName(full: string): [string, string] {
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return ["Müşteri", "Müşteri"];
  if (parts.length === 1) return [parts[0]!, parts[0]!];
  return [parts.slice(0, -1).join(" "), parts.at(-1)!];
}

function field(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

function toKurus(price: unknown): number | null {
  const n = typeof price === "number" ? price : Number(price);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
