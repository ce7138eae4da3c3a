import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("50 concurrent orders for a product with stock 25: exactly 25 units are sold", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const product = await app.request("POST", "/api/offerings", {
      token: b.token,
      body: {
        offering_type: "product",
        name: "Nemlendirici Krem",
        price: 450,
        meta_info: { stock_quantity: 25, low_stock_threshold: 5 },
      },
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.request("POST", "/api/orders", {
          key: b.publishableKey,
          body: {
            items: [{ product_id: product.body.id, quantity: 1 }],
            customer: { name: `Müşteri ${i}`, phone: `0532 000 ${String(i).padStart(4, "0")}` },
            payment_method: "cash",
            delivery: "pickup",
          },
        })),
    );
    const sold = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    assert.equal(sold.length, 25, results.filter((r) => r.status >= 500).map((r) => r.text).join());
    assert.ok(refused.every((r) => r.status === 409 && r.body.error.code === "insufficient_stock"));
    const after = await app.request("GET", `/api/offerings/${product.body.id}`, { token: b.token });
    assert.equal(after.body.meta_info.stock_quantity, 0);
    const [ledger] = await withTenant(
      app.db,
      b.tenantId,
      (tx) =>
        tx`select coalesce(sum(delta), 0)::int as total, min(balance)::int as lowest
        from stock_movements where offering_id = ${product.body.id}`,
    );
    assert.equal(ledger!.total, 0, "initial 25 minus 25 sold");
    assert.equal(ledger!.lowest, 0);
    const notes = await app.request("GET", "/api/notifications", { token: b.token });
    assert.equal(notes.body.data.filter((n: { kind: string }) => n.kind === "low_stock").length, 1);
  } finally {
    await app.close();
  }
});
