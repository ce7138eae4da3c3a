import assert from "node:assert/strict";
import { manualInstructions } from "../../services/payments/manual.ts";
import { renderSms } from "../../services/sms/templates.ts";

const request = {
  orderNumber: "S-1042",
  totalKurus: 125_000,
  currency: "TRY" as const,
  manualInstructions:
    "Ödemenizi havale/EFT ile yapabilirsiniz. Açıklamaya sipariş numaranızı yazınız.",
};
const iban = "TR12 0006 4000 0011 2345 6789 01";

Deno.test("renderSms() order_received says the order number once, with the amount in tr-TR", () => {
  const instructions = manualInstructions({ ...request, locale: "tr" }, {
    delivery: "shipping",
    method: "bank_transfer",
    iban,
  });
  const text = renderSms("order_received", "tr", {
    business: "Işıl Güzellik",
    orderNumber: "S-1042",
    total: 1250,
    instructions,
  });
  assert.equal(text.match(/S-1042/g)?.length, 1);
  assert.match(text, /Toplam: 1\.250,00 ₺\./);
  assert.match(text, /IBAN: TR12 0006 4000 0011 2345 6789 01/);
});

Deno.test("renderSms() order_received in English puts the lira sign first", () => {
  const instructions = manualInstructions({ ...request, locale: "en" }, {
    delivery: "pickup",
    method: "pay_at_shop",
    iban,
  });
  const text = renderSms("order_received", "en", {
    business: "Işıl Beauty",
    orderNumber: "S-1042",
    total: 1250,
    instructions,
  });
  assert.equal(text.match(/S-1042/g)?.length, 1);
  assert.match(text, /Total: ₺1,250\.00\./);
  assert.doesNotMatch(text, /TRY|IBAN/);
});
