import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { runDueJobs } from "../../services/jobs/worker.ts";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";
import { startFakeIyzico } from "../fakes/iyzico.ts";
import { signStripeWebhook, startFakeStripe, stripeEvent } from "../fakes/stripe.ts";

const STRIPE_KEY = "sk_test_arma_flow_0001";
const WEBHOOK_SECRET = "whsec_arma_flow_0001";
const customer = { name: "Ayşe Demir", phone: "0555 987 65 43", email: "ayse@example.com" };

Deno.test("Stripe: a card order gets a payment link; the signed webhook marks it paid", async (t) => {
  const fake = startFakeStripe({ secretKey: STRIPE_KEY });
  const app = await startTestApp({
    env: {
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.url,
    },
  });
  try {
    const salon = await setupSalon(app);
    const token = salon.token;
    const place = (quantity: number) =>
      app.request("POST", "/api/orders", {
        key: salon.publishableKey,
        body: {
          items: [{ product_id: salon.products.cream, quantity }],
          customer,
          payment_method: "credit_card",
          delivery: "pickup",
        },
      });
    const webhook = async (payload: string, signature: string) =>
      await app.request("POST", "/api/webhooks/stripe", {
        rawBody: payload,
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      });
    const order = await place(2);

    await t.step("the order answers with the Checkout Session's link, in kuruş", () => {
      assert.equal(order.status, 201, order.text);
      assert.equal(order.body.payment_provider, "stripe");
      const session = [...fake.sessions.values()][0]!;
      assert.equal(order.body.payment_link, session.url);
      assert.equal(order.body.payment_reference, session.id);
      assert.equal(session.amount_total, 90000);
      assert.deepEqual(session.metadata, {
        tenant_id: salon.tenantId,
        order_id: order.body.id,
        order_number: order.body.order_number,
      });
    });

    await t.step("a forged webhook is refused and changes nothing", async () => {
      const session = fake.completeSession(order.body.payment_reference);
      const payload = JSON.stringify(stripeEvent("checkout.session.completed", session));
      const forged = await webhook(payload, await signStripeWebhook(payload, "whsec_wrong"));
      assert.equal(forged.status, 400);
      assert.equal(forged.body.error.code, "invalid_signature");
      const tampered = await webhook(
        payload.replace(order.body.id, crypto.randomUUID()),
        await signStripeWebhook(payload, WEBHOOK_SECRET),
      );
      assert.equal(tampered.status, 400);
      const unsigned = await webhook(payload, "");
      assert.equal(unsigned.status, 400);
      const still = await app.request("GET", `/api/orders/${order.body.id}`, { token });
      assert.equal(still.body.status, "pending");
    });

    await t.step("the signed completed event marks it paid, once", async () => {
      const session = fake.sessions.get(order.body.payment_reference)!;
      const payload = JSON.stringify(stripeEvent("checkout.session.completed", session));
      const signature = await signStripeWebhook(payload, WEBHOOK_SECRET);
      assert.equal((await webhook(payload, signature)).status, 200);
      assert.equal((await webhook(payload, signature)).status, 200, "a redelivery is fine");
      const paid = await app.request("GET", `/api/orders/${order.body.id}`, { token });
      assert.equal(paid.body.status, "paid");
      assert.equal(paid.body.payment_status, "paid");
      const [events] = await withTenant(
        app.db,
        salon.tenantId,
        (tx) => tx`select count(*)::int as n from payment_events where order_id = ${order.body.id}`,
      );
      assert.equal(events!.n, 1);
    });

    await t.step("an expired session cancels its order and returns the stock", async () => {
      const before = (await app.request("GET", `/api/offerings/${salon.products.cream}`, { token }))
        .body.meta_info.stock_quantity;
      const second = await place(3);
      const session = fake.sessions.get(second.body.payment_reference)!;
      session.status = "expired";
      const payload = JSON.stringify(stripeEvent("checkout.session.expired", session));
      assert.equal(
        (await webhook(payload, await signStripeWebhook(payload, WEBHOOK_SECRET))).status,
        200,
      );
      const cancelled = await app.request("GET", `/api/orders/${second.body.id}`, { token });
      assert.equal(cancelled.body.status, "cancelled");
      const after = (await app.request("GET", `/api/offerings/${salon.products.cream}`, { token }))
        .body.meta_info.stock_quantity;
      assert.equal(after, before);
    });

    await t.step("the payment link also reaches the customer by SMS", async () => {
      const sms = await app.request("GET", "/api/sms", { token });
      const link = sms.body.data.find((m: { template: string; order_id: string }) =>
        m.template === "payment_link" && m.order_id === order.body.id
      );
      assert.ok(link);
      assert.ok(link.body.includes(order.body.payment_link));
    });

    await t.step(
      "a retried checkout job sends the same request and opens no second session",
      async () => {
        const third = await place(1);
        const created = fake.createdCount;
        await withTenant(
          app.db,
          salon.tenantId,
          (tx) =>
            tx`update jobs set status = 'pending', run_at = now() where kind = 'payment.checkout'
          and payload->>'order_id' = ${third.body.id}`,
        );
        await withTenant(
          app.db,
          salon.tenantId,
          (tx) => tx`update orders set payment_link = null where id = ${third.body.id}`,
        );
        await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
        assert.equal(fake.createdCount, created);
        const again = await app.request("GET", `/api/orders/${third.body.id}`, { token });
        assert.equal(again.body.payment_link, third.body.payment_link);
      },
    );
  } finally {
    await app.close();
    await fake.close();
  }
});

Deno.test("iyzico: the callback's token is retrieved and verified before the order is paid", async () => {
  const API_KEY = "sandbox-flow-api";
  const SECRET = "sandbox-flow-secret";
  const fake = startFakeIyzico({ apiKey: API_KEY, secretKey: SECRET });
  const app = await startTestApp({
    env: { IYZICO_API_KEY: API_KEY, IYZICO_SECRET_KEY: SECRET, IYZICO_BASE_URL: fake.url },
  });
  try {
    const salon = await setupSalon(app);
    const place = async () =>
      (await app.request("POST", "/api/orders", {
        key: salon.publishableKey,
        body: {
          items: [{ product_id: salon.products.shampoo, quantity: 1 }],
          customer: { ...customer, address: { street: "Moda Cad. 1", city: "İstanbul" } },
          payment_method: "card",
        },
      })).body;
    const callback = (token: string) =>
      app.request("POST", "/api/payments/iyzico/callback", {
        rawBody: new URLSearchParams({ token }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const order = await place();
    assert.equal(order.payment_provider, "iyzico");
    assert.ok(order.payment_link.startsWith(fake.url));
    fake.markPaid(order.payment_reference);
    const paid = await callback(order.payment_reference);
    assert.equal(paid.status, 303);
    assert.equal(paid.headers.get("location"), `http://arma.test/pay/done?order=${order.id}`);
    const after = await app.request("GET", `/api/orders/${order.id}`, { token: salon.token });
    assert.equal(after.body.status, "paid");

    const forgedOrder = await place();
    fake.markPaid(forgedOrder.payment_reference);
    fake.signResponsesWith("not-the-merchant-secret");
    const forged = await callback(forgedOrder.payment_reference);
    assert.equal(forged.status, 400);
    const unpaid = await app.request("GET", `/api/orders/${forgedOrder.id}`, {
      token: salon.token,
    });
    assert.equal(unpaid.body.status, "pending");
    const garbage = await callback("../../etc/passwd");
    assert.equal(garbage.status, 400);
  } finally {
    await app.close();
    await fake.close();
  }
});
