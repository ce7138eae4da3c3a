/**
 * A fake iyzico API on loopback: Checkout Form initialise and result, IYZWSv2 authorization checked
 * against the configured keys (error 1001 for an unknown API key, 1000 for a bad signature, as
 * iyzico answers), tokens the test can mark paid or failed, and responses signed with the secret
 * key the way iyzico signs them. The signing here is written independently of the provider's code.
 * @module
 */
import { type JsonRequest, readJsonRequest } from "./_json_request.ts";

/** One request the fake received. */
export interface IyzicoRecordedRequest extends JsonRequest {
  /** Whether the IYZWSv2 header held. */
  authorized: boolean;
}

/** A checkout form the fake issued. */
export interface FakeCheckoutForm {
  token: string;
  request: Record<string, unknown>;
  state: "pending" | "paid" | "failed";
  paymentId: string | null;
  /** What the customer paid, when it differs from the requested paidPrice (installments). */
  paidPrice: string;
}

/** A running fake iyzico server. */
export interface FakeIyzico {
  url: string;
  requests: IyzicoRecordedRequest[];
  forms: Map<string, FakeCheckoutForm>;
  /** Marks a token paid, as when the customer completes the hosted form. */
  markPaid(token: string): FakeCheckoutForm;
  /** Marks a token failed (card declined). */
  markFailed(token: string): FakeCheckoutForm;
  /** Signs later responses with another key (a forged answer), or leaves them unsigned (null). */
  signResponsesWith(secretKey: string | null): void;
  close(): Promise<void>;
}

const INITIALIZE = "/payment/iyzipos/checkoutform/initialize/auth/ecom";
const RETRIEVE = "/payment/iyzipos/checkoutform/auth/ecom/detail";

/** Starts the fake with the merchant's API and secret keys. */
export function startFakeIyzico(options: { apiKey: string; secretKey: string }): FakeIyzico {
  const requests: IyzicoRecordedRequest[] = [];
  const forms = new Map<string, FakeCheckoutForm>();
  let responseSecret: string | null = options.secretKey;
  let paymentSeq = 22_480_000;
  let url = "";

  const handler = async (req: Request): Promise<Response> => {
    const request = await readJsonRequest(req);
    const { path, body, rawBody } = request;
    const auth = await checkAuthorization(req.headers.get("authorization"), path, rawBody);
    requests.push({ ...request, authorized: auth === "ok" });
    const locale = typeof body?.locale === "string" ? body.locale : "tr";
    const base = {
      locale,
      systemTime: Date.now(),
      ...(typeof body?.conversationId === "string" ? { conversationId: body.conversationId } : {}),
    };
    if (req.method !== "POST" || (path !== INITIALIZE && path !== RETRIEVE)) {
      return Response.json({ status: "failure", errorMessage: "Not Found", ...base }, {
        status: 404,
      });
    }
    if (auth === "unknown_key") return failure(base, "1001", "api bilgileri bulunamadı");
    if (auth === "bad_signature") return failure(base, "1000", "Geçersiz imza");
    if (!body) return failure(base, "11", "Geçersiz istek");
    return path === INITIALIZE ? initialize(body, base) : retrieve(body, base);
  };

  const checkAuthorization = async (
    header: string | null,
    path: string,
    rawBody: string,
  ): Promise<"ok" | "unknown_key" | "bad_signature"> => {
    const m = /^IYZWSv2 (.+)$/.exec(header ?? "");
    if (!m) return "unknown_key";
    let decoded: string;
    try {
      decoded = atob(m[1]!);
    } catch {
      return "bad_signature";
    }
    const fields = Object.fromEntries(
      decoded.split("&").map((pair) => {
        const at = pair.indexOf(":");
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
    if (fields.apiKey !== options.apiKey) return "unknown_key";
    if (!fields.randomKey || !fields.signature) return "bad_signature";
    const expected = await hmacHex(options.secretKey, fields.randomKey + path + rawBody);
    return expected === fields.signature ? "ok" : "bad_signature";
  };

  const initialize = async (
    body: Record<string, unknown>,
    base: Record<string, unknown>,
  ): Promise<Response> => {
    const problem = validateInitialize(body);
    if (problem) return failure(base, "11", `Geçersiz istek: ${problem}`);
    const token = crypto.randomUUID();
    forms.set(token, {
      token,
      request: body,
      state: "pending",
      paymentId: null,
      paidPrice: String(body.paidPrice),
    });
    const answer: Record<string, unknown> = {
      status: "success",
      ...base,
      token,
      checkoutFormContent:
        `<script type="text/javascript">if (typeof iyziInit == 'undefined') {var iyziInit = ` +
        `{currency:'TRY',token:'${token}',price:${body.price},locale:'${base.locale}',` +
        `baseUrl:'${url}'};}</script>`,
      tokenExpireTime: 1800,
      paymentPageUrl: `${url}/?token=${token}&lang=${base.locale}`,
    };
    await sign(answer, [answer.conversationId, token]);
    return Response.json(answer);
  };

  const retrieve = async (
    body: Record<string, unknown>,
    base: Record<string, unknown>,
  ): Promise<Response> => {
    const form = typeof body.token === "string" ? forms.get(body.token) : undefined;
    if (!form) return failure(base, "11", "Geçersiz istek: token bulunamadı");
    if (form.state === "pending") {
      return failure(base, "11", "Ödeme formu henüz tamamlanmadı");
    }
    const r = form.request;
    const price = Number(r.price);
    const paidPrice = Number(form.paidPrice);
    const answer: Record<string, unknown> = {
      status: form.state === "paid" ? "success" : "failure",
      ...base,
      ...(form.state === "failed"
        ? { errorCode: "10051", errorMessage: "Kart limiti yetersiz, yetersiz bakiye" }
        : {}),
      price,
      paidPrice,
      installment: 1,
      paymentId: form.paymentId ?? undefined,
      fraudStatus: form.state === "paid" ? 1 : undefined,
      basketId: r.basketId,
      currency: r.currency,
      token: form.token,
      callbackUrl: r.callbackUrl,
      paymentStatus: form.state === "paid" ? "SUCCESS" : "FAILURE",
      phase: "AUTH",
    };
    await sign(answer, [
      answer.paymentStatus,
      answer.paymentId,
      answer.currency,
      answer.basketId,
      answer.conversationId,
      priceField(paidPrice),
      priceField(price),
      answer.token,
    ]);
    return Response.json(answer);
  };

  const sign = async (answer: Record<string, unknown>, parts: unknown[]): Promise<void> => {
    if (responseSecret === null) return;
    const text = parts.map((p) => (p === undefined || p === null ? "" : String(p))).join(":");
    answer.signature = await hmacHex(responseSecret, text);
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  url = `http://127.0.0.1:${server.addr.port}`;

  const form = (token: string): FakeCheckoutForm => {
    const found = forms.get(token);
    if (!found) throw new Error(`Fake iyzico has no token ${token}`);
    return found;
  };

  return {
    url,
    requests,
    forms,
    markPaid(token) {
      const f = form(token);
      f.state = "paid";
      f.paymentId = String(++paymentSeq);
      return f;
    },
    markFailed(token) {
      const f = form(token);
      f.state = "failed";
      f.paymentId = String(++paymentSeq);
      return f;
    },
    signResponsesWith(secretKey) {
      responseSecret = secretKey;
    },
    close: () => server.shutdown(),
  };
}

function validateInitialize(body: Record<string, unknown>): string | null {
  for (const key of ["locale", "price", "paidPrice", "currency", "basketId", "callbackUrl"]) {
    if (body[key] === undefined || body[key] === "") return `${key} gönderilmesi zorunludur`;
  }
  if (body.currency !== "TRY") return "currency geçersiz";
  if (body.paymentGroup !== undefined && body.paymentGroup !== "PRODUCT") {
    return "paymentGroup geçersiz";
  }
  const buyer = body.buyer as Record<string, unknown> | undefined;
  for (
    const key of [
      "id",
      "name",
      "surname",
      "identityNumber",
      "email",
      "gsmNumber",
      "registrationAddress",
      "city",
      "country",
      "ip",
    ]
  ) {
    if (!buyer || typeof buyer[key] !== "string" || buyer[key] === "") {
      return `buyer.${key} gönderilmesi zorunludur`;
    }
  }
  for (const which of ["shippingAddress", "billingAddress"]) {
    const a = body[which] as Record<string, unknown> | undefined;
    for (const key of ["contactName", "city", "country", "address"]) {
      if (!a || typeof a[key] !== "string" || a[key] === "") {
        return `${which}.${key} gönderilmesi zorunludur`;
      }
    }
  }
  const items = Array.isArray(body.basketItems) ? body.basketItems : [];
  if (items.length === 0) return "basketItems gönderilmesi zorunludur";
  let sumKurus = 0;
  for (const item of items as Record<string, unknown>[]) {
    for (const key of ["id", "name", "category1", "itemType", "price"]) {
      if (item[key] === undefined || item[key] === "") return `basketItem.${key} zorunludur`;
    }
    const kurus = Math.round(Number(item.price) * 100);
    if (!(kurus > 0)) return "basketItem price 0'dan büyük olmalıdır";
    sumKurus += kurus;
  }
  if (sumKurus !== Math.round(Number(body.price) * 100)) {
    return "basketItems fiyatlarının toplamı price değerine eşit olmalıdır";
  }
  if (Math.round(Number(body.paidPrice) * 100) < sumKurus) {
    return "paidPrice price'tan küçük olamaz";
  }
  return null;
}

function failure(base: Record<string, unknown>, errorCode: string, errorMessage: string): Response {
  return Response.json({ status: "failure", errorCode, errorMessage, ...base });
}

/** A price as it appears in a signed string: no trailing zeros. */
function priceField(n: number): string {
  const s = String(n);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

async function hmacHex(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}
