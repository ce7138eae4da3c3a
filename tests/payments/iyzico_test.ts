import assert from "node:assert/strict";
import {
  createIyzicoProvider,
  type IyzicoConfig,
  IyzicoError,
  IyzicoSignatureError,
  retrieveIyzicoPayment,
} from "../../services/payments/iyzico.ts";
import type { CheckoutRequest } from "../../services/payments/types.ts";
import { startFakeIyzico } from "../fakes/iyzico.ts";

const API_KEY = "sandbox-arma-api-key-0001";
const SECRET_KEY = "sandbox-arma-secret-key-0001";
const TENANT = "7d3c5f0e-2f7b-4f43-9a43-0c4b1f0d9e11";
const ORDER = "0b9f6a52-8f55-4d8e-9a3c-6a1e2c3d4f50";

function order(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    tenantId: TENANT,
    orderId: ORDER,
    orderNumber: "S-1042",
    currency: "TRY",
    lines: [
      { name: "Argan yağlı şampuan", quantity: 2, unitAmountKurus: 14_990 },
      { name: "Saç maskesi", quantity: 1, unitAmountKurus: 25_000 },
    ],
    shippingKurus: 4_990,
    totalKurus: 59_970,
    customer: {
      name: "Ayşe Nur Yılmaz",
      phone: "+905321234567",
      email: null,
      address: { street: "Bağdat Cad. No:5", district: "Kadıköy", city: "İstanbul" },
    },
    successUrl: "https://salon.example/odeme/tamam",
    cancelUrl: "https://salon.example/odeme/iptal",
    callbackUrl: "https://salon.example/api/payments/iyzico/callback",
    idempotencyKey: "order:0b9f6a52:checkout:1",
    expiresAt: new Date(Date.now() + 45 * 60_000),
    locale: "tr",
    ...overrides,
  };
}

function config(baseUrl: string, keys: Partial<IyzicoConfig> = {}): IyzicoConfig {
  return { apiKey: API_KEY, secretKey: SECRET_KEY, baseUrl, ...keys };
}

Deno.test("createCheckout() initialises a Checkout Form with iyzico's fields", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    const before = Date.now();
    const session = await createIyzicoProvider(config(fake.url)).createCheckout(order());

    assert.equal(session.provider, "iyzico");
    assert.ok(session.reference && fake.forms.has(session.reference));
    assert.equal(session.url, `${fake.url}/?token=${session.reference}&lang=tr`);
    const minutes = ((session.expiresAt?.getTime() ?? 0) - before) / 60_000;
    assert.ok(minutes > 29 && minutes <= 31, `expires in ${minutes} minutes`);

    assert.equal(fake.requests.length, 1);
    const sent = fake.requests[0]!;
    assert.equal(sent.path, "/payment/iyzipos/checkoutform/initialize/auth/ecom");
    assert.equal(sent.authorized, true);
    assert.match(sent.headers["authorization"] ?? "", /^IYZWSv2 [A-Za-z0-9+/]+=*$/);
    assert.ok(sent.headers["x-iyzi-rnd"]);
    const body = sent.body!;
    assert.equal(body.locale, "tr");
    assert.equal(body.conversationId, "S-1042");
    assert.equal(body.price, "599.7");
    assert.equal(body.paidPrice, "599.7");
    assert.equal(body.currency, "TRY");
    assert.equal(body.paymentGroup, "PRODUCT");
    assert.equal(body.basketId, `${TENANT}:${ORDER}`);
    assert.equal(body.callbackUrl, "https://salon.example/api/payments/iyzico/callback");
    assert.deepEqual(body.buyer, {
      id: "905321234567",
      name: "Ayşe Nur",
      surname: "Yılmaz",
      gsmNumber: "+905321234567",
      email: "905321234567@musteri.arma.local",
      identityNumber: "11111111111",
      registrationAddress: "Bağdat Cad. No:5, Kadıköy",
      city: "İstanbul",
      country: "Turkey",
      ip: "127.0.0.1",
    });
    assert.deepEqual(body.shippingAddress, {
      contactName: "Ayşe Nur Yılmaz",
      city: "İstanbul",
      country: "Turkey",
      address: "Bağdat Cad. No:5, Kadıköy",
    });
    assert.deepEqual(body.basketItems, [
      {
        id: "L1",
        name: "Argan yağlı şampuan × 2",
        category1: "Genel",
        itemType: "PHYSICAL",
        price: "299.8",
      },
      { id: "L2", name: "Saç maskesi", category1: "Genel", itemType: "PHYSICAL", price: "250.0" },
      { id: "SHIPPING", name: "Kargo", category1: "Kargo", itemType: "PHYSICAL", price: "49.9" },
    ]);
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() uses the customer's e-mail and a fallback address for pick-up", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    await createIyzicoProvider(config(fake.url)).createCheckout(order({
      lines: [{ name: "Saç kesimi", quantity: 1, unitAmountKurus: 45_000 }],
      shippingKurus: 0,
      totalKurus: 45_000,
      customer: { name: "Can", phone: "+905551112233", email: "can@example.com", address: null },
      locale: "en",
    }));
    const body = fake.requests[0]!.body!;
    const buyer = body.buyer as Record<string, string>;
    assert.equal(buyer.email, "can@example.com");
    assert.equal(buyer.name, "Can");
    assert.equal(buyer.surname, "Can");
    assert.equal(buyer.city, "Istanbul");
    assert.equal(body.price, "450.0");
    assert.equal((body.basketItems as unknown[]).length, 1);
    assert.equal(body.locale, "en");
  } finally {
    await fake.close();
  }
});

Deno.test("retrieveIyzicoPayment() reports a paid form with the amount", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    const cfg = config(fake.url);
    const session = await createIyzicoProvider(cfg).createCheckout(order());
    const form = fake.markPaid(session.reference!);
    const outcome = await retrieveIyzicoPayment(cfg, session.reference!);
    assert.deepEqual(outcome, {
      provider: "iyzico",
      status: "paid",
      tenantId: TENANT,
      orderId: ORDER,
      reference: form.paymentId,
      amountKurus: 59_970,
      eventId: `iyzico:${session.reference}:paid`,
    });
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.path, "/payment/iyzipos/checkoutform/auth/ecom/detail");
    assert.equal(sent.authorized, true);
    assert.equal(sent.body!.token, session.reference);
  } finally {
    await fake.close();
  }
});

Deno.test("retrieveIyzicoPayment() reports a declined card as failed", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    const cfg = config(fake.url);
    const session = await createIyzicoProvider(cfg).createCheckout(order());
    fake.markFailed(session.reference!);
    const outcome = await retrieveIyzicoPayment(cfg, session.reference!);
    assert.equal(outcome.status, "failed");
    assert.equal(outcome.amountKurus, null);
    assert.equal(outcome.orderId, ORDER);
    assert.equal(outcome.eventId, `iyzico:${session.reference}:failed`);
  } finally {
    await fake.close();
  }
});

Deno.test("retrieveIyzicoPayment() has no outcome for an unpaid or unknown token", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    const cfg = config(fake.url);
    const session = await createIyzicoProvider(cfg).createCheckout(order());
    await assert.rejects(retrieveIyzicoPayment(cfg, session.reference!), IyzicoError);
    await assert.rejects(retrieveIyzicoPayment(cfg, crypto.randomUUID()), IyzicoError);
  } finally {
    await fake.close();
  }
});

Deno.test("retrieveIyzicoPayment() refuses an answer not signed with our secret key", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    const cfg = config(fake.url);
    const session = await createIyzicoProvider(cfg).createCheckout(order());
    fake.markPaid(session.reference!);

    fake.signResponsesWith("someone-elses-secret");
    await assert.rejects(retrieveIyzicoPayment(cfg, session.reference!), IyzicoSignatureError);
    fake.signResponsesWith(null);
    await assert.rejects(retrieveIyzicoPayment(cfg, session.reference!), IyzicoSignatureError);

    fake.signResponsesWith(SECRET_KEY);
    assert.equal((await retrieveIyzicoPayment(cfg, session.reference!)).status, "paid");
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() refuses an initialise answer with a wrong signature", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    fake.signResponsesWith("someone-elses-secret");
    await assert.rejects(
      createIyzicoProvider(config(fake.url)).createCheckout(order()),
      IyzicoSignatureError,
    );
  } finally {
    await fake.close();
  }
});

Deno.test("iyzico refuses wrong credentials and the provider says so", async () => {
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET_KEY });
  try {
    const expectCode = (code: string) => (error: unknown) => {
      assert.ok(error instanceof IyzicoError);
      assert.equal(error.providerCode, code);
      assert.equal(error.retryable, false);
      return true;
    };
    const wrongSecret = createIyzicoProvider(config(fake.url, { secretKey: "wrong-secret" }));
    await assert.rejects(wrongSecret.createCheckout(order()), expectCode("1000"));
    const wrongKey = createIyzicoProvider(config(fake.url, { apiKey: "sandbox-unknown" }));
    await assert.rejects(wrongKey.createCheckout(order()), expectCode("1001"));
    await assert.rejects(
      retrieveIyzicoPayment(config(fake.url, { secretKey: "wrong-secret" }), "any-token"),
      expectCode("1000"),
    );
    assert.equal(fake.forms.size, 0);
    assert.ok(fake.requests.every((r) => !r.authorized));
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() marks an unreachable iyzico as retryable", async () => {
  // Port 1 never listens here, unlike a just-closed ephemeral port another test may reuse.
  await assert.rejects(
    createIyzicoProvider(config("http://127.0.0.1:1")).createCheckout(order()),
    (error: unknown) => error instanceof IyzicoError && error.retryable,
  );
});
