import assert from "node:assert/strict";
import { catalogOf, englishAliases } from "../../services/bot/offline/catalog.ts";
import { understand } from "../../services/bot/offline/understand.ts";
import type { BusinessContext } from "../../services/bot/model.ts";
import { NOW, Simulator } from "./_offline_sim.ts";
import { BARBER, CLINIC, TRADE_ID, tradeTools } from "./_trades.ts";

const read = (business: BusinessContext, text: string, lang: "tr" | "en" = "tr") =>
  understand(text, catalogOf(business), { now: NOW, timeZone: "Europe/Istanbul", lang });

/** The calls one message leads to, by name and offering. */
async function callsFor(business: BusinessContext, text: string, locale: "tr" | "en") {
  const sim = new Simulator({ business, locale });
  const reply = await sim.say(text, tradeTools);
  return reply.calls.map((c) => `${c.name} ${c.args.service_id ?? c.args.product_id ?? ""}`);
}

Deno.test("englishAliases() names offerings of other trades word by word", () => {
  assert.ok(englishAliases("Diş Beyazlatma").includes("teeth whitening"));
  assert.ok(englishAliases("Kanal Tedavisi").includes("root canal"));
  assert.ok(englishAliases("Diş Taşı Temizliği").includes("teeth cleaning"));
  assert.ok(englishAliases("Muayene").includes("checkup"));
  assert.ok(englishAliases("Sakal Tıraşı").includes("beard trim"));
  assert.ok(englishAliases("Sakal Yağı").includes("beard oil"));
  assert.ok(englishAliases("Ahşap Tarak").includes("wooden comb"));
  assert.ok(englishAliases("İsveç Masajı").includes("swedish massage"));
  assert.ok(englishAliases("Kedi Aşısı").includes("cat vaccine"));
  assert.ok(englishAliases("Paça Kısaltma").includes("hem shortening"));
});

Deno.test("understand() finds a clinic's and a barber's offerings by their English names", () => {
  assert.deepEqual(read(CLINIC, "how much is teeth whitening?", "en").services, [
    TRADE_ID.whitening,
  ]);
  assert.deepEqual(read(CLINIC, "How long does a root canal take?", "en").services, [
    TRADE_ID.rootCanal,
  ]);
  assert.deepEqual(read(CLINIC, "filling price?", "en").services, [TRADE_ID.filling]);
  assert.deepEqual(read(CLINIC, "I need a dental checkup", "en").services, [TRADE_ID.checkup]);
  assert.deepEqual(read(CLINIC, "how much is cleaning", "en").services, [TRADE_ID.scaling]);
  assert.deepEqual(read(BARBER, "a beard trim please", "en").services, [TRADE_ID.beard]);
  assert.deepEqual(read(BARBER, "do you sell beard oil", "en").products, [TRADE_ID.beardOil]);
  assert.deepEqual(read(BARBER, "how much is the comb", "en").products, [TRADE_ID.comb]);
});

Deno.test("understand() takes a checkup ('kontrol') for the clinic's Muayene", () => {
  assert.deepEqual(read(CLINIC, "kontrol randevusu almak istiyorum").services, [
    TRADE_ID.checkup,
  ]);
  assert.deepEqual(read(CLINIC, "yarın kontrole gelmek istiyorum").services, [TRADE_ID.checkup]);
  assert.deepEqual(read(BARBER, "sakal traşı ne kadar").services, [TRADE_ID.beard]);
});

Deno.test("offline assistant: English questions about a clinic's and a barber's offerings", async () => {
  assert.deepEqual(await callsFor(CLINIC, "how much is teeth whitening?", "en"), [
    `get_service_details ${TRADE_ID.whitening}`,
  ]);
  assert.deepEqual(await callsFor(CLINIC, "How long does a root canal take?", "en"), [
    `get_service_details ${TRADE_ID.rootCanal}`,
  ]);
  assert.deepEqual(await callsFor(BARBER, "how much is a beard trim", "en"), [
    `get_service_details ${TRADE_ID.beard}`,
  ]);
  assert.deepEqual(await callsFor(BARBER, "do you sell beard oil", "en"), [
    `check_stock ${TRADE_ID.beardOil}`,
  ]);
});
