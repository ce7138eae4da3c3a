import assert from "node:assert/strict";
import {
  createStripeProvider,
  parseStripeWebhook,
  StripeCheckoutError,
  type StripeConfig,
  WebhookSignatureError,
} from "../../services/payments/stripe.ts";
import type { CheckoutRequest } from "../../services/payments/types.ts";
import { signStripeWebhook, startFakeStripe, stripeEvent } from "../fakes/stripe.ts";

const SECRET_KEY = "sk_test_51ArmaFakeKey0000000000";
const WEBHOOK_SECRET = "whsec_arma_test_0123456789abcdef";

// Fixed once, as an order fixes it when it is placed.
const EXPIRES_AT = new Date(Math.floor(Date.now() / 1000 + 45 * 60) * 1000);

function order(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    tenantId: "7d3c5f0e-2f7b-4f43-9a43-0c4b1f0d9e11",
    orderId: "0b9f6a52-8f55-4d8e-9a3c-6a1e2c3d4f50",
    orderNumber: "S-1042",
    currency: "TRY",
    lines: [
      { name: "Argan yağlı şampuan", quantity: 2, unitAmountKurus: 14_990 },
      { name: "Saç maskesi", quantity: 1, unitAmountKurus: 25_000 },
    ],
    shippingKurus: 4_990,
    totalKurus: 2 * 14_990 + 25_000 + 4_990,
    customer: { name: "Ayşe Yılmaz", phone: "+905321234567", email: "ayse@example.com" },
    successUrl: "https://salon.example/odeme/tamam",
    cancelUrl: "https://salon.example/odeme/iptal",
    callbackUrl: "https://salon.example/api/payments/callback",
    idempotencyKey: "order:0b9f6a52:checkout:1",
    expiresAt: EXPIRES_AT,
    locale: "tr",
    ...overrides,
  };
}

function config(apiBase: string): StripeConfig {
  return { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBase, maxNetworkRetries: 0 };
}

Deno.test("createCheckout() opens a Checkout Session in kuruş with the order's metadata", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    const session = await createStripeProvider(config(fake.url)).createCheckout(order());

    assert.equal(session.provider, "stripe");
    assert.match(session.reference ?? "", /^cs_test_/);
    assert.equal(session.url, `${fake.url}/c/pay/${session.reference}`);
    assert.equal(session.instructions, null);
    assert.equal(session.expiresAt?.getTime(), EXPIRES_AT.getTime());

    assert.equal(fake.requests.length, 1);
    const sent = fake.requests[0]!;
    assert.equal(sent.method, "POST");
    assert.equal(sent.path, "/v1/checkout/sessions");
    assert.equal(sent.headers["authorization"], `Bearer ${SECRET_KEY}`);
    assert.equal(sent.headers["idempotency-key"], "order:0b9f6a52:checkout:1");
    assert.match(sent.headers["content-type"] ?? "", /application\/x-www-form-urlencoded/);
    assert.ok(sent.rawBody.includes("line_items[0][price_data][unit_amount]=14990"));
    assert.deepEqual(sent.body.line_items, [
      {
        quantity: "2",
        price_data: {
          currency: "try",
          unit_amount: "14990",
          product_data: { name: "Argan yağlı şampuan" },
        },
      },
      {
        quantity: "1",
        price_data: {
          currency: "try",
          unit_amount: "25000",
          product_data: { name: "Saç maskesi" },
        },
      },
      {
        quantity: "1",
        price_data: { currency: "try", unit_amount: "4990", product_data: { name: "Kargo" } },
      },
    ]);
    const metadata = {
      tenant_id: "7d3c5f0e-2f7b-4f43-9a43-0c4b1f0d9e11",
      order_id: "0b9f6a52-8f55-4d8e-9a3c-6a1e2c3d4f50",
      order_number: "S-1042",
    };
    assert.deepEqual(sent.body.metadata, metadata);
    assert.deepEqual(sent.body.payment_intent_data, { metadata });
    assert.equal(sent.body.mode, "payment");
    assert.equal(sent.body.currency, "try");
    assert.equal(sent.body.client_reference_id, "0b9f6a52-8f55-4d8e-9a3c-6a1e2c3d4f50");
    assert.equal(sent.body.customer_email, "ayse@example.com");
    assert.equal(sent.body.locale, "tr");
    assert.equal(sent.body.success_url, "https://salon.example/odeme/tamam");
    assert.equal(sent.body.cancel_url, "https://salon.example/odeme/iptal");

    const stored = fake.sessions.get(session.reference!)!;
    assert.equal(stored.amount_total, 59_970);
    assert.equal(stored.currency, "try");
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() leaves out shipping and e-mail when there are none", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    await createStripeProvider(config(fake.url)).createCheckout(order({
      lines: [{ name: "Fön", quantity: 1, unitAmountKurus: 30_000 }],
      shippingKurus: 0,
      totalKurus: 30_000,
      customer: { name: "Can", phone: "+905551112233", email: null },
      locale: "en",
    }));
    const body = fake.requests[0]!.body;
    assert.equal((body.line_items as unknown[]).length, 1);
    assert.equal(body.customer_email, undefined);
    assert.equal(body.locale, "en");
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() with the same idempotency key opens one session", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    const provider = createStripeProvider(config(fake.url));
    const first = await provider.createCheckout(order());
    const retried = await provider.createCheckout(order());
    assert.equal(retried.reference, first.reference);
    assert.equal(retried.url, first.url);
    assert.equal(fake.requests.length, 2);
    assert.equal(fake.createdCount, 1);

    const other = await provider.createCheckout(
      order({ idempotencyKey: "order:0b9f6a52:checkout:2" }),
    );
    assert.notEqual(other.reference, first.reference);
    assert.equal(fake.createdCount, 2);
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() refuses an order whose lines do not add up to its total", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    const provider = createStripeProvider(config(fake.url));
    await assert.rejects(provider.createCheckout(order({ totalKurus: 1 })), RangeError);
    assert.equal(fake.requests.length, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() reports a wrong secret key as a final error", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    const provider = createStripeProvider({ ...config(fake.url), secretKey: "sk_test_wrong" });
    await assert.rejects(provider.createCheckout(order()), (error: unknown) => {
      assert.ok(error instanceof StripeCheckoutError);
      assert.equal(error.retryable, false);
      assert.match(error.message, /Invalid API Key/);
      return true;
    });
    assert.equal(fake.createdCount, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("createCheckout() marks an unreachable Stripe as retryable", async () => {
  // Port 1 never listens here, unlike a just-closed ephemeral port another test may reuse.
  const provider = createStripeProvider(config("http://127.0.0.1:1"));
  await assert.rejects(provider.createCheckout(order()), (error: unknown) => {
    assert.ok(error instanceof StripeCheckoutError);
    assert.equal(error.retryable, true);
    return true;
  });
});

Deno.test("expireCheckout() closes the open session", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    const provider = createStripeProvider(config(fake.url));
    const session = await provider.createCheckout(order());
    await provider.expireCheckout(session.reference!);
    assert.equal(fake.sessions.get(session.reference!)!.status, "expired");
    assert.equal(fake.requests.at(-1)!.path, `/v1/checkout/sessions/${session.reference}/expire`);
  } finally {
    await fake.close();
  }
});

Deno.test("parseStripeWebhook() turns signed Checkout events into outcomes", async (t) => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  const cfg = config(fake.url);
  const provider = createStripeProvider(cfg);
  const deliver = async (type: string, session: Record<string, unknown>) => {
    const event = stripeEvent(type, session);
    const payload = JSON.stringify(event);
    const outcome = await parseStripeWebhook(
      cfg,
      payload,
      await signStripeWebhook(payload, WEBHOOK_SECRET),
    );
    return { event, outcome };
  };
  try {
    await t.step("checkout.session.completed and paid gives paid", async () => {
      const opened = await provider.createCheckout(order());
      const session = fake.completeSession(opened.reference!);
      const { event, outcome } = await deliver("checkout.session.completed", session);
      assert.deepEqual(outcome, {
        provider: "stripe",
        status: "paid",
        tenantId: "7d3c5f0e-2f7b-4f43-9a43-0c4b1f0d9e11",
        orderId: "0b9f6a52-8f55-4d8e-9a3c-6a1e2c3d4f50",
        reference: opened.reference,
        amountKurus: 59_970,
        eventId: event.id,
      });
    });

    await t.step("checkout.session.expired gives expired", async () => {
      const opened = await provider.createCheckout(order({ idempotencyKey: "expire-me" }));
      await provider.expireCheckout(opened.reference!);
      const { outcome } = await deliver(
        "checkout.session.expired",
        fake.sessions.get(opened.reference!)!,
      );
      assert.equal(outcome?.status, "expired");
      assert.equal(outcome?.reference, opened.reference);
      assert.equal(outcome?.amountKurus, null);
    });

    await t.step("delayed payments wait for their own event", async () => {
      const opened = await provider.createCheckout(order({ idempotencyKey: "delayed" }));
      const unpaid = fake.completeSession(opened.reference!, "unpaid");
      assert.equal((await deliver("checkout.session.completed", unpaid)).outcome, null);
      const failed = await deliver("checkout.session.async_payment_failed", unpaid);
      assert.equal(failed.outcome?.status, "failed");
      const paid = fake.completeSession(opened.reference!, "paid");
      const succeeded = await deliver("checkout.session.async_payment_succeeded", paid);
      assert.equal(succeeded.outcome?.status, "paid");
      assert.equal(succeeded.outcome?.amountKurus, 59_970);
    });

    await t.step("other events and foreign sessions give null", async () => {
      const opened = await provider.createCheckout(order({ idempotencyKey: "other" }));
      const session = fake.completeSession(opened.reference!);
      assert.equal((await deliver("charge.succeeded", session)).outcome, null);
      const foreign = { ...session, metadata: {}, client_reference_id: null };
      assert.equal((await deliver("checkout.session.completed", foreign)).outcome, null);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("parseStripeWebhook() refuses forged, tampered, stale and unsigned events", async () => {
  const fake = startFakeStripe({ secretKey: SECRET_KEY });
  try {
    const cfg = config(fake.url);
    const opened = await createStripeProvider(cfg).createCheckout(order());
    const payload = JSON.stringify(
      stripeEvent("checkout.session.completed", fake.completeSession(opened.reference!)),
    );
    const refused = (error: unknown) => error instanceof WebhookSignatureError;

    const forged = await signStripeWebhook(payload, "whsec_someone_else");
    await assert.rejects(parseStripeWebhook(cfg, payload, forged), refused);

    const genuine = await signStripeWebhook(payload, WEBHOOK_SECRET);
    const tampered = payload.replace('"amount_total":59970', '"amount_total":1');
    assert.notEqual(tampered, payload);
    await assert.rejects(parseStripeWebhook(cfg, tampered, genuine), refused);

    const stale = await signStripeWebhook(
      payload,
      WEBHOOK_SECRET,
      Math.floor(Date.now() / 1000) - 3600,
    );
    await assert.rejects(parseStripeWebhook(cfg, payload, stale), refused);

    await assert.rejects(parseStripeWebhook(cfg, payload, null), refused);
    await assert.rejects(parseStripeWebhook(cfg, payload, "t=1,v1=00"), refused);

    const accepted = await parseStripeWebhook(cfg, payload, genuine);
    assert.equal(accepted?.status, "paid");
  } finally {
    await fake.close();
  }
});
