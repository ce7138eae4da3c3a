import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";

const customer = { name: "Ayşe Demir", phone: "0555 987 65 43" };
const address = { street: "Atatürk Cad. No:12", district: "Kadıköy", city: "İstanbul" };

Deno.test("orders", async (t) => {
  const app = await startTestApp();
  const salon = await setupSalon(app);
  const token = salon.token;
  const { cream, shampoo } = salon.products;
  try {
    await t.step(
      "totals: VAT-inclusive lines with net, KDV and gross; shipping; no side effects",
      async () => {
        const res = await app.request("POST", "/api/orders/totals", {
          key: salon.publishableKey,
          body: {
            items: [{ product_id: cream, quantity: 1 }, { product_id: shampoo, quantity: 2 }],
          },
        });
        assert.equal(res.status, 200, res.text);
        const line = res.body.lines.find((l: { product_id: string }) => l.product_id === cream);
        assert.deepEqual(
          { gross: line.gross, net: line.net, tax: line.tax, rate: line.tax_rate },
          { gross: 450, net: 375, tax: 75, rate: 0.2 },
        );
        const sh = res.body.lines.find((l: { product_id: string }) => l.product_id === shampoo);
        assert.deepEqual({ gross: sh.gross, net: sh.net, tax: sh.tax }, {
          gross: 240,
          net: 218.18,
          tax: 21.82,
        });
        assert.equal(res.body.subtotal, 690);
        assert.equal(res.body.shipping, 49.9);
        assert.equal(res.body.total, 739.9);
        assert.equal(Math.round((res.body.subtotal_net + res.body.tax_total) * 100), 69000);
        const free = await app.request("POST", "/api/orders/totals", {
          token,
          body: { items: [{ product_id: cream, quantity: 3 }] },
        });
        assert.equal(free.body.shipping, 0, "free shipping from 1000 ₺");
        const pickup = await app.request("POST", "/api/orders/totals", {
          token,
          body: { items: [{ product_id: cream, quantity: 1 }], delivery: "pickup" },
        });
        assert.equal(pickup.body.shipping, 0);
        const product = await app.request("GET", `/api/offerings/${cream}`, { token });
        assert.equal(product.body.meta_info.stock_quantity, 25, "totals take no stock");
      },
    );

    await t.step(
      "an order takes stock, records the ledger and answers with manual instructions",
      async () => {
        const res = await app.request("POST", "/api/orders", {
          key: salon.publishableKey,
          body: {
            items: [{ product_id: cream, quantity: 2 }, { product_id: cream, quantity: 1 }],
            customer: { ...customer, address },
            payment_method: "bank_transfer",
            notes: "Hızlı kargo lütfen",
          },
        });
        assert.equal(res.status, 201, res.text);
        assert.match(res.body.order_number, /^S-\d{4}$/);
        assert.equal(res.body.items.length, 1, "repeated products are one line");
        assert.equal(res.body.items[0].quantity, 3);
        assert.equal(res.body.total_amount, 1350);
        assert.equal(res.body.shipping_cost, 0);
        assert.equal(res.body.tax_total, 225);
        assert.equal(res.body.customer_phone, "+905559876543");
        assert.equal(res.body.payment_provider, "manual");
        // A transfer to a business without an IBAN on file: it sends the details itself.
        assert.match(res.body.payment_instructions, /Havale\/EFT bilgileri/);
        const product = await app.request("GET", `/api/offerings/${cream}`, { token });
        assert.equal(product.body.meta_info.stock_quantity, 22);
        const moves = await app.request("GET", `/api/offerings/${cream}/stock`, { token });
        assert.equal(moves.body.data[0].reason, "order");
        assert.equal(moves.body.data[0].delta, -3);
      },
    );

    await t.step("prices come from the server, never from the caller", async () => {
      const res = await app.request("POST", "/api/orders", {
        token,
        body: {
          items: [{ product_id: shampoo, quantity: 1, unit_price: 1 }],
          customer,
          payment_method: "cash",
        },
      });
      assert.equal(res.status, 400, "unknown fields such as a price are refused");
    });

    await t.step("not enough stock is 409 insufficient_stock and takes nothing", async () => {
      const res = await app.request("POST", "/api/orders", {
        token,
        body: {
          items: [{ product_id: shampoo, quantity: 2 }, { product_id: cream, quantity: 100 }],
          customer,
          payment_method: "cash",
          delivery: "pickup",
        },
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "insufficient_stock");
      assert.equal(res.body.error.details.product_id, cream);
      const sh = await app.request("GET", `/api/offerings/${shampoo}`, { token });
      assert.equal(sh.body.meta_info.stock_quantity, 10, "the shampoo line was rolled back");
    });

    await t.step("delivery needs an address; services and unknown ids are refused", async () => {
      const noAddress = await app.request("POST", "/api/orders", {
        token,
        body: {
          items: [{ product_id: shampoo, quantity: 1 }],
          customer,
          payment_method: "cash",
          delivery: "shipping",
        },
      });
      assert.equal(noAddress.status, 400);
      assert.equal(noAddress.body.error.code, "address_required");
      for (const id of [salon.services.cut, crypto.randomUUID()]) {
        const res = await app.request("POST", "/api/orders", {
          token,
          body: { items: [{ product_id: id, quantity: 1 }], customer, payment_method: "cash" },
        });
        assert.equal(res.status, 400);
        assert.equal(res.body.error.code, "unknown_product");
      }
    });

    await t.step("crossing the low-stock threshold notifies the business once", async () => {
      const order = await app.request("POST", "/api/orders", {
        token,
        body: {
          items: [{ product_id: shampoo, quantity: 6 }],
          customer,
          payment_method: "cash",
          delivery: "pickup",
        },
      });
      assert.equal(order.status, 201);
      const notes = await app.request("GET", "/api/notifications", { token });
      const low = notes.body.data.filter((n: { kind: string }) => n.kind === "low_stock");
      assert.equal(low.length, 1);
      assert.equal(low[0].data.product_id, shampoo);
      assert.equal(low[0].data.balance, 4);
      await app.request("POST", "/api/orders", {
        token,
        body: {
          items: [{ product_id: shampoo, quantity: 1 }],
          customer,
          payment_method: "cash",
          delivery: "pickup",
        },
      });
      const again = await app.request("GET", "/api/notifications?unread=true", { token });
      assert.equal(
        again.body.data.filter((n: { kind: string }) => n.kind === "low_stock").length,
        1,
      );
    });

    await t.step("status transitions are enforced and cancelling returns the stock", async () => {
      const order = await app.request("POST", "/api/orders", {
        token,
        body: {
          items: [{ product_id: cream, quantity: 2 }],
          customer,
          payment_method: "cash",
          delivery: "pickup",
        },
      });
      const id = order.body.id;
      const skip = await app.request("PUT", `/api/orders/${id}/status`, {
        token,
        body: { status: "delivered" },
      });
      assert.equal(skip.status, 409);
      assert.equal(skip.body.error.code, "invalid_transition");
      const paid = await app.request("POST", `/api/orders/${id}/payment`, {
        token,
        body: { action: "record", method: "cash" },
      });
      assert.equal(paid.body.status, "paid");
      assert.equal(paid.body.payment_status, "paid");
      const before = (await app.request("GET", `/api/offerings/${cream}`, { token })).body;
      const cancelled = await app.request("PUT", `/api/orders/${id}/status`, {
        token,
        body: { status: "cancelled", reason: "müşteri vazgeçti" },
      });
      assert.equal(cancelled.body.status, "cancelled");
      const after = (await app.request("GET", `/api/offerings/${cream}`, { token })).body;
      assert.equal(after.meta_info.stock_quantity, before.meta_info.stock_quantity + 2);
      const again = await app.request("PUT", `/api/orders/${id}/status`, {
        token,
        body: { status: "shipped" },
      });
      assert.equal(again.status, 409);
    });

    await t.step(
      "the same idempotency key never places a second order, also in a race",
      async () => {
        const body = {
          items: [{ product_id: cream, quantity: 1 }],
          customer,
          payment_method: "cash",
          delivery: "pickup",
        };
        const key = `order-${crypto.randomUUID()}`;
        const before = (await app.request("GET", `/api/offerings/${cream}`, { token })).body;
        const results = await Promise.all(
          [1, 2, 3, 4].map(() =>
            app.request("POST", "/api/orders", { token, body, headers: { "Idempotency-Key": key } })
          ),
        );
        assert.ok(results.every((r) => r.status === 201));
        assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
        const after = (await app.request("GET", `/api/offerings/${cream}`, { token })).body;
        assert.equal(after.meta_info.stock_quantity, before.meta_info.stock_quantity - 1);
        const [count] = await withTenant(
          app.db,
          salon.tenantId,
          (tx) => tx`select count(*)::int as n from orders where customer_phone = '+905559876543'`,
        );
        const list = await app.request("GET", "/api/orders?phone=05559876543&limit=200", { token });
        assert.equal(list.body.data.length, count!.n);
      },
    );
  } finally {
    await app.close();
  }
});
