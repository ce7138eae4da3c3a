import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { customerPaymentMethods } from "../../services/bot/payment_methods.ts";
import { runTool } from "../../services/bot/tools.ts";
import { openEvalWorld } from "../conversations/runner.ts";

const salon = {
  iban: "TR12 0006 4000 0011 2345 6789 01",
  manual_instructions: "",
  accept_cash: true,
};

Deno.test("customerPaymentMethods() takes no cash on delivery and no card on a shipped order paid by hand", () => {
  assert.deepEqual(customerPaymentMethods(salon, "shipping", false), ["bank_transfer"]);
  assert.deepEqual(customerPaymentMethods(salon, "shipping", true), [
    "card",
    "credit_card",
    "online",
    "bank_transfer",
  ]);
  const pickup = customerPaymentMethods(salon, "pickup", false);
  assert.ok(pickup.includes("cash") && pickup.includes("pay_at_shop") && pickup.includes("card"));
});

Deno.test("customerPaymentMethods() follows what the business takes: no IBAN, no cash", () => {
  const none = { iban: "", manual_instructions: "Ödeme salonda alınır.", accept_cash: false };
  assert.deepEqual(customerPaymentMethods(none, "shipping", false), []);
  const pickup = customerPaymentMethods(none, "pickup", false);
  assert.ok(!pickup.includes("cash") && !pickup.includes("bank_transfer"));
  assert.ok(pickup.includes("pay_at_shop"));
});

Deno.test("create_order refuses cash on delivery and records nothing", async () => {
  const world = await openEvalWorld();
  try {
    await world.reset();
    const [product] = await withTenant(
      world.db,
      world.tenantId,
      (tx) => tx<{ id: string }[]>`select id from offerings where name = 'Argan Yağı Şampuan'`,
    );
    const ctx = {
      db: world.db,
      tenantId: world.tenantId,
      conversationId: crypto.randomUUID(),
      channel: "web" as const,
      locale: "tr" as const,
      now: new Date(),
      paymentProvider: "manual" as const,
      requestHandover: () => Promise.resolve(),
    };
    const r = await runTool(ctx, {
      id: "c1",
      name: "create_order",
      args: {
        items: [{ product_id: product!.id, quantity: 1 }],
        customer: {
          name: "Ali Veli",
          phone: "+905321234567",
          address: { street: "Moda Cad. No: 5", city: "İstanbul" },
        },
        payment_method: "cash",
        delivery: "shipping",
      },
    });
    assert.equal(r.error?.code, "payment_not_accepted");
    assert.deepEqual((r.error?.details as { accepted: string[] }).accepted, ["bank_transfer"]);
    const orders = await withTenant(world.db, world.tenantId, (tx) => tx`select id from orders`);
    assert.equal(orders.length, 0);
  } finally {
    await world.close();
  }
});
