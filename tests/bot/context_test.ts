import assert from "node:assert/strict";
import { buildSystemPrompt, shipsOrders, takesBankTransfer } from "../../services/bot/context.ts";
import { BUSINESS, NOW } from "./_offline_sim.ts";

Deno.test("shipsOrders() is false when the policies rule shipping out or nothing needs it", () => {
  const shipped = [{ shipping_required: true }];
  assert.equal(shipsOrders("", shipped), true);
  assert.equal(shipsOrders("Randevular 24 saat önceden iptal edilebilir.", shipped), true);
  assert.equal(shipsOrders("750 TL üzeri kargo ücretsiz, kargo ücreti yok.", shipped), true);
  for (
    const policy of [
      "Kargo yok, ürünler yalnızca kliniğimizden alınabilir.",
      "Kargo ile gönderim yapılmamaktadır.",
      "Ürünleri kargoyla göndermiyoruz.",
      "Sadece mağazadan teslim.",
      "We do not ship; pick-up only.",
      "No shipping.",
    ]
  ) assert.equal(shipsOrders(policy, shipped), false, policy);
  assert.equal(
    shipsOrders("", [{ shipping_required: false }, { shipping_required: false }]),
    false,
  );
  assert.equal(shipsOrders("", []), false);
  assert.equal(shipsOrders("", [{}]), true);
});

Deno.test("takesBankTransfer() needs an IBAN or payment words that say so", () => {
  assert.equal(takesBankTransfer({ iban: "TR12 0006 4000", manual_instructions: "" }), true);
  assert.equal(takesBankTransfer({ iban: "", manual_instructions: "" }), false);
  assert.equal(
    takesBankTransfer({ iban: "", manual_instructions: "Ödeme yalnızca kasada nakit alınır." }),
    false,
  );
  assert.equal(
    takesBankTransfer({ iban: " ", manual_instructions: "Havale için bizi arayın." }),
    true,
  );
});

Deno.test("buildSystemPrompt() tells Gemini when orders are not shipped or only paid on pick-up", () => {
  const shop = buildSystemPrompt(BUSINESS, "tr", NOW);
  assert.doesNotMatch(shop, /not shipped|paid on pick-up only/);
  const clinic = buildSystemPrompt({ ...BUSINESS, ships: false, bankTransfer: false }, "tr", NOW);
  assert.match(clinic, /Orders are not shipped: offer pick-up only\./);
  assert.match(clinic, /paid on pick-up only/);
});
