import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import {
  buildSystemPrompt,
  loadBusinessContext,
  shipsOrders,
  takesBankTransfer,
} from "../../services/bot/context.ts";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";
import { BUSINESS, NOW } from "./_offline_sim.ts";

Deno.test("loadBusinessContext() gives each staff member's week and each service's staff", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const b = await withTenant(
      app.db,
      salon.tenantId,
      (tx) => loadBusinessContext(tx, "tr", false),
    );
    const ayse = b.staff.find((m) => m.id === salon.staff.ayse)!;
    assert.deepEqual(ayse.hours, {
      mon: ["09:00–18:00"],
      tue: ["09:00–18:00"],
      wed: ["09:00–18:00"],
      thu: ["09:00–18:00"],
      fri: ["09:00–18:00"],
      sat: ["09:00–18:00"],
      sun: [],
    });
    const staffOf = (id: string) => b.services.find((s) => s.id === id)?.staff_ids?.sort();
    assert.deepEqual(staffOf(salon.services.cut), [salon.staff.ayse, salon.staff.mehmet].sort());
    assert.deepEqual(staffOf(salon.services.color), [salon.staff.ayse]);
    assert.deepEqual(staffOf(salon.services.group), [], "no one is needed for it");
    const prompt = buildSystemPrompt(b, "tr", new Date());
    assert.match(
      prompt,
      /Ayşe: Pazartesi 09:00–18:00; .*Cumartesi 09:00–18:00 \(Saç Boyama, Saç Kesimi\)/,
    );
  } finally {
    await app.close();
  }
});

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
