import assert from "node:assert/strict";
import { moneyText } from "../../services/money.ts";
import { createManualProvider, manualInstructions } from "../../services/payments/manual.ts";
import type { CheckoutRequest } from "../../services/payments/types.ts";

function order(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    tenantId: "7d3c5f0e-2f7b-4f43-9a43-0c4b1f0d9e11",
    orderId: "0b9f6a52-8f55-4d8e-9a3c-6a1e2c3d4f50",
    orderNumber: "S-1042",
    currency: "TRY",
    lines: [{ name: "Saç maskesi", quantity: 5, unitAmountKurus: 25_000 }],
    shippingKurus: 0,
    totalKurus: 125_000,
    customer: { name: "Ayşe Yılmaz", phone: "+905321234567" },
    successUrl: "https://salon.example/odeme/tamam",
    cancelUrl: "https://salon.example/odeme/iptal",
    callbackUrl: "https://salon.example/api/payments/callback",
    idempotencyKey: "order:0b9f6a52:checkout:1",
    expiresAt: new Date(Date.now() + 45 * 60_000),
    locale: "tr",
    ...overrides,
  };
}

Deno.test("createCheckout() gives Turkish instructions without restating number or amount", async () => {
  const session = await createManualProvider().createCheckout(order());
  assert.equal(session.provider, "manual");
  assert.equal(session.reference, null);
  assert.equal(session.url, null);
  assert.equal(session.expiresAt, null);
  assert.match(session.instructions ?? "", /teslim alırken/);
  assert.match(session.instructions ?? "", /havale/i);
  assert.doesNotMatch(session.instructions ?? "", /mağaza|salon/);
  assert.match(session.instructions ?? "", /sipariş numaranızı yazın/);
  assert.doesNotMatch(session.instructions ?? "", /S-1042|1\.250,00/);
});

Deno.test("createCheckout() gives English instructions for an English customer", async () => {
  const session = await createManualProvider().createCheckout(
    order({ locale: "en", manualInstructions: "   " }),
  );
  assert.match(session.instructions ?? "", /pay when you receive your order or by bank transfer/);
  assert.doesNotMatch(session.instructions ?? "", /S-1042|1,250\.00/);
});

Deno.test("createCheckout() keeps the business's own words as they are", async () => {
  const text = "IBAN TR12 0006 4000 0011 2345 6789 01 (Ayşe Güzellik Salonu)";
  const session = await createManualProvider().createCheckout(order({ manualInstructions: text }));
  assert.equal(session.instructions, text);
});

Deno.test("manualInstructions() adds the IBAN to the business's words that leave it out", () => {
  const text = "Ödemenizi salonda nakit veya kartla ya da havale/EFT ile yapabilirsiniz.";
  const iban = "TR12 0006 4000 0011 2345 6789 01";
  const shipped = manualInstructions(order({ manualInstructions: text }), {
    delivery: "shipping",
    method: "bank_transfer",
    iban,
  });
  assert.equal(shipped, `${text}\nHavale/EFT için IBAN: ${iban}`);
  const written = manualInstructions(
    order({ manualInstructions: `IBAN: TR120006400000112345678901. ${text}` }),
    { delivery: "shipping", method: "bank_transfer", iban },
  );
  assert.equal(written.match(/TR12/g)?.length, 1);
  const cash = manualInstructions(order({ manualInstructions: text }), {
    delivery: "pickup",
    method: "cash",
    iban,
  });
  assert.equal(cash, text);
});

Deno.test("createCheckout() fills {order_number} and {total} where the business placed them", async () => {
  const session = await createManualProvider().createCheckout(order({
    locale: "en",
    manualInstructions: "Send {total} to IBAN TR12 0006 4000, reference {order_number}.",
  }));
  const total = moneyText(1250, "en");
  assert.equal(session.instructions, `Send ${total} to IBAN TR12 0006 4000, reference S-1042.`);
});

Deno.test("manualInstructions() fits the default to the delivery and to what the business takes", () => {
  const base = order();
  const iban = "TR12 0006 4000 0011 2345 6789 01";
  const shipped = manualInstructions(base, { delivery: "shipping", method: "bank_transfer", iban });
  assert.match(shipped, /TR12 0006 4000 0011 2345 6789 01/);
  assert.match(shipped, /sipariş numaranızı yazın/);
  assert.doesNotMatch(shipped, /teslim alırken|mağaza/);
  const cash = manualInstructions(base, { delivery: "pickup", method: "cash", iban });
  assert.match(cash, /teslim alırken/);
  assert.doesNotMatch(cash, /havale|IBAN/i);
  const noIban = manualInstructions(base, {
    delivery: "shipping",
    method: "bank_transfer",
    iban: "",
  });
  assert.doesNotMatch(noIban, /IBAN numaralı/);
  assert.match(noIban, /iletişime geçeceğiz/);
  const pickup = manualInstructions(order({ locale: "en" }), {
    delivery: "pickup",
    method: "pay_at_shop",
    iban: "",
  });
  assert.match(pickup, /pay when you receive your order/);
  assert.doesNotMatch(pickup, /transfer/);
});

Deno.test("manualInstructions() gives an English customer English when the business wrote Turkish", () => {
  const turkish = "Ödemenizi salonda nakit veya kartla ya da havale/EFT ile yapabilirsiniz.";
  const text = manualInstructions(order({ locale: "en", manualInstructions: turkish }), {
    delivery: "shipping",
    method: "bank_transfer",
    iban: "TR12 0006 4000 0011 2345 6789 01",
  });
  assert.doesNotMatch(text, /Ödemenizi|salonda/);
  assert.match(text, /bank transfer to IBAN TR12 0006 4000 0011 2345 6789 01/);
  assert.match(text, /order number in the transfer description/);
  const own = manualInstructions(order({ manualInstructions: turkish }), { delivery: "shipping" });
  assert.match(own, /^Ödemenizi salonda/);
});
